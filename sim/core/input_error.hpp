// The one error type for bad input: where (file, line, column), which key, what was expected and
// what was found. Thrown where the problem is found, printed once by the CLI, exit code 2.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace attachsim::sim {

// What a message may quote of the input: a key or value of a megabyte gives a message of one line, its
// first characters and its length, not the megabyte again.
inline constexpr std::size_t quoted_input_limit = 80;

inline std::string shortened(const std::string& text, std::size_t limit = quoted_input_limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return text.substr(0, cut) + "... (" + std::to_string(text.size()) + " bytes)";
}

struct SourcePosition {
  std::string file;  // a path, or a description such as "--set 'a.b=1'"
  int line = 0;      // 1-based; 0 when the problem is not at a place in a file
  int column = 0;

  std::string describe() const {
    if (line <= 0) return shortened(file, 4 * quoted_input_limit);
    return shortened(file, 4 * quoted_input_limit) + ":" + std::to_string(line) + ":" + std::to_string(column);
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
    // Every part is capped here, once, whatever built it; parts that quote input also shorten it
    // themselves (shortened()), so that what follows a long value (a suggestion) survives.
    std::string s = where.describe() + ": ";
    if (!key.empty()) s += "key '" + shortened(key) + "': ";
    return s + "expected " + shortened(expected, 8 * quoted_input_limit) + ", found " + shortened(found, 8 * quoted_input_limit);
  }

  SourcePosition where_;
  std::string key_, expected_, found_;
};

}  // namespace attachsim::sim
