// The one error type for bad input: where (file, line, column), which key, what was expected and
// what was found. Thrown where the problem is found, printed once by the CLI, exit code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace attachsim::sim {

struct SourcePosition {
  std::string file;  // a path, or a description such as "--set 'a.b=1'"
  int line = 0;      // 1-based; 0 when the problem is not at a place in a file
  int column = 0;

  std::string describe() const {
    if (line <= 0) return file;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

class InputError : public std::runtime_error {
 public:
  InputError(SourcePosition where, std::string key, std::string expected, std::string found)
      : std::runtime_error(format(where, key, expected, found)),
        where_(std::move(where)),
        key_(std::move(key)),
        expected_(std::move(expected)),
        found_(std::move(found)) {}

  const SourcePosition& where() const { return where_; }
  const std::string& key() const { return key_; }
  const std::string& expected() const { return expected_; }
  const std::string& found() const { return found_; }

 private:
  static std::string format(const SourcePosition& where, const std::string& key, const std::string& expected,
                            const std::string& found) {
    std::string s = where.describe() + ": ";
    if (!key.empty()) s += "key '" + key + "': ";
    return s + "expected " + expected + ", found " + found;
  }

  SourcePosition where_;
  std::string key_, expected_, found_;
};

}  // namespace attachsim::sim
