# The Python package's tests, included from tests/CMakeLists.txt. Each pytest file is one CTest test, run
# with the interpreter of the build (python/python.cmake) on the checkout's package (PYTHONPATH=python)
# and this build's extension and binary. With sanitizers, only the tests that reach C++ run: the
# extension's (test_api, test_errors) with the ASan/UBSan runtimes preloaded into the uninstrumented
# interpreter and leak checking off (CPython's own allocations at exit would all be reported; the C++
# tests check leaks), and the command line's (test_cli); the others are pure Python and would only
# repeat the first pass.
set(_tests ${CMAKE_CURRENT_LIST_DIR})
set(_env "PYTHONPATH=${CMAKE_SOURCE_DIR}/python:${_tests}" "ATTACHSIM_BUILD_DIR=${CMAKE_BINARY_DIR}"
         "ATTACHSIM_BINARY=$<TARGET_FILE:attachsim>" "MPLBACKEND=Agg")
set(_preload "")
if(ATTACHSIM_SANITIZE)
  foreach(_runtime asan ubsan)
    if(ATTACHSIM_SANITIZE MATCHES "address" AND _runtime STREQUAL "asan" OR
       ATTACHSIM_SANITIZE MATCHES "undefined" AND _runtime STREQUAL "ubsan")
      execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=lib${_runtime}.so
                      OUTPUT_VARIABLE _path OUTPUT_STRIP_TRAILING_WHITESPACE)
      list(APPEND _preload ${_path})
    endif()
  endforeach()
  list(JOIN _preload ":" _preload)
endif()

function(attachsim_python_test file needs_extension sanitized)
  if(needs_extension AND NOT ATTACHSIM_PYTHON)
    return()
  endif()
  if(ATTACHSIM_SANITIZE AND NOT sanitized)
    return()
  endif()
  get_filename_component(stem ${file} NAME_WE)
  set(name "python: ${stem}")
  add_test(NAME ${name} COMMAND ${ATTACHSIM_PYTHON_INTERPRETER} -m pytest -q -p no:cacheprovider ${_tests}/${file}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set(env ${_env})
  if(ATTACHSIM_SANITIZE AND needs_extension)
    list(APPEND env "LD_PRELOAD=${_preload}" "ASAN_OPTIONS=detect_leaks=0")
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT 600 ENVIRONMENT "${env}")
endfunction()

#                     file                 extension  sanitizer pass
attachsim_python_test(test_statistics.py   OFF        OFF)
attachsim_python_test(test_sensitivity.py  ON         OFF)
attachsim_python_test(test_compare.py      OFF        OFF)
attachsim_python_test(test_api.py          ON         ON)
attachsim_python_test(test_errors.py       ON         ON)
attachsim_python_test(test_interrupt.py    ON         OFF)
attachsim_python_test(test_cli.py          OFF        ON)
attachsim_python_test(test_known_misses.py OFF        OFF)
attachsim_python_test(test_project_files.py OFF       OFF)
attachsim_python_test(test_calibrate_options.py OFF     OFF)

# The example notebook, executed with nbclient in a kernel of this interpreter: it cannot rot.
if(ATTACHSIM_PYTHON AND NOT ATTACHSIM_SANITIZE)
  add_test(NAME "python: the notebook docs/notebooks/compare_learning_rules.ipynb runs"
           COMMAND ${ATTACHSIM_PYTHON_INTERPRETER} ${_tests}/notebooks/run_notebook.py
                   ${CMAKE_SOURCE_DIR}/docs/notebooks/compare_learning_rules.ipynb
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties("python: the notebook docs/notebooks/compare_learning_rules.ipynb runs" PROPERTIES
                       TIMEOUT 600 ENVIRONMENT "${_env}")
  # cmake --install into a temporary prefix, and pip install into a virtual environment: the installed
  # binary, configs and package work together, away from the checkout.
  add_test(NAME "python: cmake --install and pip install ./python give a working attachsim"
           COMMAND bash ${_tests}/install_test.sh ${CMAKE_BINARY_DIR} ${ATTACHSIM_PYTHON_INTERPRETER}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties("python: cmake --install and pip install ./python give a working attachsim" PROPERTIES
                       TIMEOUT 600 RUN_SERIAL TRUE)
endif()

include(${_tests}/figures/plot.cmake)
include(${_tests}/calibration/calibration.cmake)
