# The calibration check of scripts/calibrate (attachsim.calibration), included from
# tests/python/python.cmake: a small run of the three populations
# (configs/populations/) against configs/calibration/targets.yaml, and of configs/generations.yaml (3,000
# lineages) against configs/calibration/development_targets.yaml. The published tolerances are for
# >= 20,000 dyads, so at 3,000 per population scripts/calibrate --test widens each by 1.96 x the
# standard error of the estimate at that size. Runs are seeded, so the result is deterministic.
# The targets the model does not meet yet are the rows docs/calibration.md marks "MISS (known)" (the
# page explains each; scripts/calibrate reads them from there): they are reported but do not fail;
# every other target must be met, and a known miss that starts to pass is reported so that the page
# can be updated.
set(ATTACHSIM_CALIBRATION_TEST "calibration: small run meets the targets within tolerances widened by its sample size")
add_test(NAME ${ATTACHSIM_CALIBRATION_TEST}
         COMMAND ${CMAKE_SOURCE_DIR}/scripts/calibrate --dyads 3000 --test --out ${CMAKE_BINARY_DIR}/calibration-test
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(${ATTACHSIM_CALIBRATION_TEST} PROPERTIES TIMEOUT 900 ENVIRONMENT ATTACHSIM_BINARY=$<TARGET_FILE:attachsim>)
