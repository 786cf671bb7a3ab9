# The classroom page (`attachsim serve`): copies web/'s files into ${CMAKE_BINARY_DIR}/web and
# installs its charting library there with `npm ci` (web/package-lock.json). The server finds
# the directory through ATTACHSIM_WEB_DIR. Without npm, or offline, the build still succeeds: npm
# failing is a warning, and the page then says that its charting library is missing.
set(ATTACHSIM_WEB_BUILD_DIR ${CMAKE_BINARY_DIR}/web)
set(_web_source ${CMAKE_CURRENT_SOURCE_DIR}/web)
set(_web_outputs)
foreach(_file index.html classroom.js classroom.css package.json package-lock.json)
  add_custom_command(OUTPUT ${ATTACHSIM_WEB_BUILD_DIR}/${_file}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${_web_source}/${_file} ${ATTACHSIM_WEB_BUILD_DIR}/${_file}
    DEPENDS ${_web_source}/${_file} VERBATIM)
  list(APPEND _web_outputs ${ATTACHSIM_WEB_BUILD_DIR}/${_file})
endforeach()

find_program(ATTACHSIM_NPM npm)
if(ATTACHSIM_NPM)
  set(_npm_stamp ${ATTACHSIM_WEB_BUILD_DIR}/node_modules/.attachsim-npm-ci.stamp)
  add_custom_command(OUTPUT ${_npm_stamp}
    COMMAND ${CMAKE_COMMAND} -DNPM=${ATTACHSIM_NPM} -DDIR=${ATTACHSIM_WEB_BUILD_DIR} -DSTAMP=${_npm_stamp}
            -P ${_web_source}/npm_ci.cmake
    DEPENDS ${ATTACHSIM_WEB_BUILD_DIR}/package.json ${ATTACHSIM_WEB_BUILD_DIR}/package-lock.json
    COMMENT "Installing the classroom page's charting library (npm ci)" VERBATIM)
  list(APPEND _web_outputs ${_npm_stamp})
else()
  message(WARNING "npm not found: the classroom page (attachsim serve) will lack its charting library")
endif()

add_custom_target(attachsim_web ALL DEPENDS ${_web_outputs})
add_dependencies(attachsim_classroom attachsim_web)
target_compile_definitions(attachsim_classroom PRIVATE ATTACHSIM_WEB_DIR="${ATTACHSIM_WEB_BUILD_DIR}")
