# The classroom page (attachsim serve) in headless Chromium driven by playwright-core: moves the
# sliders and checks the shares change the expected way. Skipped (77) only without chromium or node.
# Screenshots: ${CMAKE_BINARY_DIR}/classroom-screenshots/.
add_test(NAME "classroom page: sliders change the simulated shares in a real browser"
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/classroom_test.sh $<TARGET_FILE:attachsim>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR})
set_tests_properties("classroom page: sliders change the simulated shares in a real browser" PROPERTIES
  SKIP_RETURN_CODE 77 TIMEOUT 300)
