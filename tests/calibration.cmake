# The calibration check, included from tests/CMakeLists.txt: a small run of the three populations
# (configs/populations/) against configs/calibration/targets.yaml. The published tolerances are for
# >= 20,000 dyads, so at 3,000 per population scripts/calibrate --test widens each by 1.96 x the
# standard error of the estimate at that size. Runs are seeded, so the result is deterministic.
add_test(NAME "calibration: small run meets the targets within tolerances widened by its sample size"
         COMMAND ${CMAKE_SOURCE_DIR}/scripts/calibrate --dyads 3000 --test --out ${CMAKE_BINARY_DIR}/calibration-test
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties("calibration: small run meets the targets within tolerances widened by its sample size"
                     PROPERTIES TIMEOUT 900 ENVIRONMENT ATTACHSIM_BINARY=$<TARGET_FILE:attachsim>)
