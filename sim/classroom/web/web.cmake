# The classroom page (`attachsim serve`): copies web/'s files into ${CMAKE_BINARY_DIR}/web and installs
# its charting library there with `npm ci` (web/package-lock.json). The server finds the directory
# through ATTACHSIM_WEB_DIR. A page without its charts is no page: without npm, or when `npm ci` fails
# (offline, say), the build stops with a message saying so.
set(ATTACHSIM_WEB_BUILD_DIR ${CMAKE_BINARY_DIR}/web)
set(ATTACHSIM_CHART_JS ${ATTACHSIM_WEB_BUILD_DIR}/node_modules/chart.js/dist/chart.umd.js)
set(_web_source ${CMAKE_CURRENT_LIST_DIR})
set(_web_outputs)
foreach(_file index.html classroom.js classroom.css engine_server.js package.json package-lock.json)
  add_custom_command(OUTPUT ${ATTACHSIM_WEB_BUILD_DIR}/${_file}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${_web_source}/${_file} ${ATTACHSIM_WEB_BUILD_DIR}/${_file}
    DEPENDS ${_web_source}/${_file} VERBATIM)
  list(APPEND _web_outputs ${ATTACHSIM_WEB_BUILD_DIR}/${_file})
endforeach()

find_program(ATTACHSIM_NPM npm)
if(NOT ATTACHSIM_NPM)
  message(FATAL_ERROR "npm was not found: the classroom page needs its charting library (Chart.js) from npm. "
                      "Install npm (apt-get install npm; scripts/test and scripts/demo do).")
endif()
set(_npm_stamp ${ATTACHSIM_WEB_BUILD_DIR}/node_modules/.attachsim-npm-ci.stamp)
add_custom_command(OUTPUT ${_npm_stamp} ${ATTACHSIM_CHART_JS}
  COMMAND ${CMAKE_COMMAND} -DNPM=${ATTACHSIM_NPM} -DDIR=${ATTACHSIM_WEB_BUILD_DIR} -DSTAMP=${_npm_stamp}
          -DCHART=${ATTACHSIM_CHART_JS} -P ${_web_source}/npm_ci.cmake
  DEPENDS ${ATTACHSIM_WEB_BUILD_DIR}/package.json ${ATTACHSIM_WEB_BUILD_DIR}/package-lock.json ${_web_source}/npm_ci.cmake
  COMMENT "Installing the classroom page's charting library (npm ci)" VERBATIM)
list(APPEND _web_outputs ${_npm_stamp})

add_custom_target(attachsim_web ALL DEPENDS ${_web_outputs})
add_dependencies(attachsim_classroom attachsim_web)
target_compile_definitions(attachsim_classroom PRIVATE ATTACHSIM_WEB_DIR="${ATTACHSIM_WEB_BUILD_DIR}")
