// A failure of the machine while an output is written: the disk is full, a quota is exceeded, the
// device fails. Not a bug and not bad input: the CLI prints it as one line naming the file and the
// system's reason and exits 1. By then the temporary file is removed and nothing is at the output path.
#pragma once

#include <stdexcept>
#include <string>

namespace attachsim::sim {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace attachsim::sim
