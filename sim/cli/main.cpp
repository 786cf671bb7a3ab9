#include "sim/cli/cli.hpp"

int main(int argc, char** argv) { return attachsim::sim::run_cli(argc, argv); }
