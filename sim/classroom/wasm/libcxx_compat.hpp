// Two C++20 library pieces that the libc++ of Debian's emscripten (3.1.6, Debian 12) lacks and the core
// uses: std::bit_cast (sim/core/fast_exp.hpp, portable_exp.hpp) and std::to_chars for double
// (sim/core/config.cpp, the shortest text that reads back exactly). Force-included (-include) into the
// WebAssembly build only; defines them only for a libc++ older than 14. The to_chars here gives the same
// text as libstdc++'s: the shortest round-trip digits from printf's correctly rounded %.*e, laid out
// fixed or scientific, whichever is shorter (fixed on a tie), integers in fixed notation with all their
// digits; checked against libstdc++ on five million doubles (tests/sim/classroom/test_libcxx_compat.cpp
// runs that check natively).
#pragma once

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <version>

namespace attachsim::compat {

inline std::to_chars_result shortest_to_chars(char* first, char* last, double x) {
  char scientific[40];
  for (int precision = 0; precision < 17; ++precision) {  // 17 significant digits always read back
    std::snprintf(scientific, sizeof scientific, "%.*e", precision, x);
    if (std::strtod(scientific, nullptr) == x) break;
  }
  const char* s = scientific;
  const bool negative = *s == '-';
  if (negative) ++s;
  char text[400];
  int length = 0;
  if (!std::strcmp(s, "inf") || !std::strcmp(s, "nan")) {
    length = std::snprintf(text, sizeof text, "%s", scientific);
  } else {
    char digits[24];
    int count = 0;
    for (; *s && *s != 'e'; ++s)
      if (*s != '.') digits[count++] = *s;
    const int exponent = std::atoi(s + 1);
    while (count > 1 && digits[count - 1] == '0') --count;

    char sci[40];
    int sci_length = negative ? std::snprintf(sci, sizeof sci, "-") : 0;
    sci[sci_length++] = digits[0];
    if (count > 1) {
      sci[sci_length++] = '.';
      for (int i = 1; i < count; ++i) sci[sci_length++] = digits[i];
    }
    sci_length += std::snprintf(sci + sci_length, sizeof sci - static_cast<std::size_t>(sci_length), "e%c%02d",
                                exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);

    int fixed_length = negative ? std::snprintf(text, sizeof text, "-") : 0;
    if (exponent >= 0) {
      for (int i = 0; i <= exponent || i < count; ++i) {
        if (i == exponent + 1) text[fixed_length++] = '.';
        text[fixed_length++] = i < count ? digits[i] : '0';
      }
    } else {
      text[fixed_length++] = '0';
      text[fixed_length++] = '.';
      for (int i = 0; i < -exponent - 1; ++i) text[fixed_length++] = '0';
      for (int i = 0; i < count; ++i) text[fixed_length++] = digits[i];
    }
    // An integer in fixed notation is printed exactly, all its digits, as to_chars does (same length).
    if (fixed_length <= sci_length && exponent >= 0 && exponent + 1 >= count)
      fixed_length = std::snprintf(text, sizeof text, "%.0f", x);
    if (fixed_length <= sci_length) {
      length = fixed_length;
    } else {
      std::memcpy(text, sci, static_cast<std::size_t>(sci_length));
      length = sci_length;
    }
  }
  if (last - first < length) return {last, std::errc::value_too_large};
  std::memcpy(first, text, static_cast<std::size_t>(length));
  return {first + length, std::errc{}};
}

}  // namespace attachsim::compat

// libc++ 13 (emscripten 3.1.6's) has neither; libc++ 14 has both.
#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 14000
namespace std {
template <class To, class From>
constexpr To bit_cast(const From& from) noexcept {
  return __builtin_bit_cast(To, from);
}
inline to_chars_result to_chars(char* first, char* last, double x) {
  return attachsim::compat::shortest_to_chars(first, last, x);
}
}  // namespace std
#endif
