# scripts/plot end to end (attachsim.figures), included from tests/python/python.cmake: plot_test.sh makes
# a 300-dyad run with the monthly time series, a small trial, a small sweep (one with a factor of names),
# a small three-generation run of configs/generations.yaml and two runs to compare, with the real binary,
# plots them, checks that every figure is a real PNG (and an SVG), and that a missing or non-HDF5 file
# exits 2. A shell script because CTest tests cannot depend on each other's files; it cleans its
# temporary directory itself.
set(ATTACHSIM_PLOT_TEST "plot: figures of a run are drawn from its HDF5 file")
add_test(NAME ${ATTACHSIM_PLOT_TEST}
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/plot_test.sh
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(${ATTACHSIM_PLOT_TEST} PROPERTIES TIMEOUT 300 ENVIRONMENT ATTACHSIM_BINARY=$<TARGET_FILE:attachsim>)
