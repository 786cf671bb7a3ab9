// A fast random stream for the high-volume purposes (a dyad's episodes and daily context): the
// xoshiro256++ generator (Blackman & Vigna 2021, "Scrambled linear pseudorandom number generators",
// ACM TOMS 47(4); reference code public domain at https://prng.di.unimi.it/xoshiro256plusplus.c),
// whose 256-bit state is the first Philox block of the (seed, dyad, purpose) stream. The stream is
// therefore still a pure function of (seed, dyad, purpose), but a 64-bit draw costs about a dozen
// instructions instead of a Philox block's share (measured with callgrind, see scripts/bench).
// Period 2^256 - 1: streams seeded at random points of it do not overlap in any feasible run.
#pragma once

#include "sim/core/random_stream.hpp"

#include <cstdint>
#include <limits>
#include <utility>

namespace attachsim::sim {

// Satisfies UniformRandomBitGenerator (64-bit words), so Boost.Random distributions draw from it.
class FastStream {
 public:
  using result_type = std::uint64_t;

  FastStream(std::uint64_t seed, std::uint64_t dyad, std::uint32_t purpose) {
    RandomStream philox(seed, dyad, purpose);
    for (auto& word : s_) word = philox() | (std::uint64_t{philox()} << 32);
    // The all-zero state is xoshiro's one fixed point; Philox gives it with probability 2^-256.
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Two uniforms on (0, 1) from one draw, 32 bits each (high half first), as RandomStream::uniform:
  // plenty for event probabilities, and half the draws.
  std::pair<double, double> uniform_pair() {
    const std::uint64_t x = (*this)();
    return {to_unit(static_cast<std::uint32_t>(x >> 32)), to_unit(static_cast<std::uint32_t>(x))};
  }

  // One uniform on (0, 1) from the high 32 bits of one draw.
  double uniform() { return to_unit(static_cast<std::uint32_t>((*this)() >> 32)); }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static double to_unit(std::uint32_t w) { return (static_cast<double>(w) + 0.5) * 0x1.0p-32; }

  std::uint64_t s_[4];
};

}  // namespace attachsim::sim
