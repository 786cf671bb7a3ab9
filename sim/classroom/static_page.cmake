# The static classroom page: the same page with its engine compiled to WebAssembly by Debian's
# emscripten (the model, the core and the classroom API, without HDF5, oneTBB, yaml-cpp or the server),
# assembled in ${CMAKE_BINARY_DIR}/classroom-site: open its index.html from a file or put the folder on
# any static web host. The committed copy, docs/classroom/, is what teachers open without building;
# `cmake --build build --target update_classroom_site` refreshes it, and a test fails while it differs
# from a fresh build. ATTACHSIM_STATIC_PAGE=OFF skips all of this (the sanitizer pass of scripts/test
# does: the WebAssembly build is the same in both passes, so it is built and tested once).
option(ATTACHSIM_STATIC_PAGE "Build the static classroom page (needs emscripten)" ON)
set(ATTACHSIM_SITE_DIR ${CMAKE_BINARY_DIR}/classroom-site)
if(NOT ATTACHSIM_STATIC_PAGE)
  message(STATUS "The static classroom page is off (ATTACHSIM_STATIC_PAGE=OFF)")
  return()
endif()
find_program(ATTACHSIM_EMCMAKE emcmake)
if(NOT ATTACHSIM_EMCMAKE)
  message(WARNING "\n"
    "  *** emscripten was not found: the static classroom page (${ATTACHSIM_SITE_DIR}) will NOT be built,\n"
    "  *** and its tests will be skipped (they fail in CI). Install it: apt-get install emscripten\n"
    "  *** (scripts/test and scripts/demo do), or configure with -DATTACHSIM_STATIC_PAGE=OFF.\n")
  return()
endif()
set_property(GLOBAL PROPERTY ATTACHSIM_STATIC_PAGE_BUILT ON)  # read by tests/sim/classroom/classroom.cmake

# The inner build: this source tree configured for emscripten (the EMSCRIPTEN branch of the top
# CMakeLists.txt). NODE_PATH: emscripten's optimizer needs Debian's acorn, which a Node.js that is not
# Debian's (NodeSource's, say) does not find by itself.
include(ExternalProject)
get_target_property(_json_include nlohmann_json::nlohmann_json INTERFACE_INCLUDE_DIRECTORIES)
set(_wasm_dir ${CMAKE_BINARY_DIR}/wasm)
set(_with_node_path ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
ExternalProject_Add(attachsim_wasm
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${_wasm_dir}
  CONFIGURE_COMMAND ${_with_node_path} ${ATTACHSIM_EMCMAKE} ${CMAKE_COMMAND} -S <SOURCE_DIR> -B <BINARY_DIR>
                    -G ${CMAKE_GENERATOR} -DCMAKE_BUILD_TYPE=Release -DATTACHSIM_BUILD_TESTS=OFF
                    -DATTACHSIM_WARNINGS_AS_ERRORS=${ATTACHSIM_WARNINGS_AS_ERRORS}
                    -DATTACHSIM_BOOST_INCLUDE=${Boost_INCLUDE_DIRS} -DATTACHSIM_JSON_INCLUDE=${_json_include}
  BUILD_COMMAND ${_with_node_path} ${CMAKE_COMMAND} --build <BINARY_DIR>
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON   # the inner build knows its own dependencies; an up-to-date one takes a moment
  BUILD_BYPRODUCTS ${_wasm_dir}/engine_wasm.js
  USES_TERMINAL_BUILD ON)

# The site: the page's files (web/), its charting library (from the npm install of web.cmake) and
# engine.js = the WebAssembly engine followed by web/engine_static.js, which puts it behind the
# interface the page asks (window.classroomEngine).
set(_site_files ${ATTACHSIM_SITE_DIR}/index.html ${ATTACHSIM_SITE_DIR}/classroom.js ${ATTACHSIM_SITE_DIR}/classroom.css
                ${ATTACHSIM_SITE_DIR}/engine.js ${ATTACHSIM_SITE_DIR}/vendor/chart.umd.js)
add_custom_command(OUTPUT ${_site_files}
  COMMAND ${CMAKE_COMMAND} -DWEB=${CMAKE_CURRENT_SOURCE_DIR}/web -DCHART=${ATTACHSIM_CHART_JS}
          -DENGINE=${_wasm_dir}/engine_wasm.js -DSITE=${ATTACHSIM_SITE_DIR}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/assemble_site.cmake
  DEPENDS ${_wasm_dir}/engine_wasm.js ${ATTACHSIM_CHART_JS} ${CMAKE_CURRENT_SOURCE_DIR}/assemble_site.cmake
          ${CMAKE_CURRENT_SOURCE_DIR}/web/index.html ${CMAKE_CURRENT_SOURCE_DIR}/web/classroom.js
          ${CMAKE_CURRENT_SOURCE_DIR}/web/classroom.css ${CMAKE_CURRENT_SOURCE_DIR}/web/engine_static.js
  COMMENT "Assembling the static classroom page in ${ATTACHSIM_SITE_DIR}" VERBATIM)
add_custom_target(attachsim_static_page ALL DEPENDS ${_site_files})
add_dependencies(attachsim_static_page attachsim_wasm attachsim_web)

# Refreshes the committed copy teachers open without building (docs/classroom/).
add_custom_target(update_classroom_site
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${CMAKE_SOURCE_DIR}/docs/classroom
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${ATTACHSIM_SITE_DIR} ${CMAKE_SOURCE_DIR}/docs/classroom
  DEPENDS attachsim_static_page
  COMMENT "Copying the static classroom page to docs/classroom/ (commit it)" VERBATIM)
