# The classroom page in headless Chromium driven by playwright-core, served and static, and the static
# page's engine against the server's (classroom_test.sh). Screenshots: ${CMAKE_BINARY_DIR}/classroom-screenshots/.
set(_page_script ${CMAKE_CURRENT_LIST_DIR}/classroom_test.sh)
add_test(NAME "classroom page, served: five screen sizes, both views, sliders, reset, in Chromium"
         COMMAND bash ${_page_script} served $<TARGET_FILE:attachsim> ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR})
set_tests_properties("classroom page, served: five screen sizes, both views, sliders, reset, in Chromium" PROPERTIES
  SKIP_RETURN_CODE 77 TIMEOUT 900)

get_property(_static_built GLOBAL PROPERTY ATTACHSIM_STATIC_PAGE_BUILT)
if(ATTACHSIM_STATIC_PAGE)
  # Registered whenever the static page is asked for: without emscripten they skip, and fail in CI.
  add_test(NAME "classroom page, static (WebAssembly, from a file): five screen sizes, both views, in Chromium"
           COMMAND bash ${_page_script} static $<TARGET_FILE:attachsim> ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR})
  add_test(NAME "classroom static page: bitwise the numbers of attachsim serve, for the same settings and seed"
           COMMAND bash ${_page_script} equal $<TARGET_FILE:attachsim> ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR})
  set_tests_properties("classroom page, static (WebAssembly, from a file): five screen sizes, both views, in Chromium"
                       "classroom static page: bitwise the numbers of attachsim serve, for the same settings and seed"
                       PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)
  # What teachers open without building (docs/classroom/) is what this build makes.
  add_test(NAME "classroom static page: docs/classroom is the page this build makes"
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/committed_site.sh ${CMAKE_BINARY_DIR}/classroom-site ${CMAKE_SOURCE_DIR}/docs/classroom)
  set_tests_properties("classroom static page: docs/classroom is the page this build makes" PROPERTIES SKIP_RETURN_CODE 77)
endif()
