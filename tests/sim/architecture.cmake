# The rooms' dependencies point one way, third-party headers included (tests/sim/architecture.sh).
add_test(NAME "architecture: every room includes only the rooms and libraries it may use"
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/architecture.sh ${CMAKE_SOURCE_DIR})
