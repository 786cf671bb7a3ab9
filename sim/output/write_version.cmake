# Regenerates version.cpp at every build from `git describe`, rewriting it only when it changes,
# so the commit recorded in outputs is never stale and unchanged builds stay quick.
execute_process(COMMAND git describe --always --dirty --abbrev=12 WORKING_DIRECTORY "${SOURCE_DIR}"
                OUTPUT_VARIABLE ATTACHSIM_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT ATTACHSIM_GIT_COMMIT)
  set(ATTACHSIM_GIT_COMMIT "unknown")
endif()
configure_file("${SOURCE_DIR}/sim/output/version.cpp.in" "${OUTPUT}.new" @ONLY)
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
