#pragma once

namespace attachsim::sim {
int run_cli(int argc, char** argv);
}
