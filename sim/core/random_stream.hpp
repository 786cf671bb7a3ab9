// Counter-based random streams: every draw is a pure function of (seed, dyad, purpose, index).
// Philox4x64-10 (Salmon et al. 2011; sim/core/philox.hpp) needs no per-stream state beyond a counter, so
// a stream costs nothing to create, and results cannot depend on thread or rank scheduling.
// One Philox call yields 4 x 64 bits, served as 8 words of 32 bits: on x86-64 this costs about half
// as many instructions per word as Philox4x32 (measured with callgrind, see scripts/bench).
#pragma once

#include "sim/core/philox.hpp"

#include <cstdint>
#include <limits>

namespace attachsim::sim {

// splitmix64 (Steele et al. 2014): spreads user seeds 1, 2, 3 ... over the whole key space.
constexpr std::uint64_t mix_seed(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// One independent stream of 32-bit words. Satisfies UniformRandomBitGenerator, so Boost.Random
// distributions draw from it directly.
class RandomStream {
 public:
  using result_type = std::uint32_t;

  RandomStream(std::uint64_t seed, std::uint64_t dyad, std::uint32_t purpose) {
    key_ = {mix_seed(seed), 0};
    counter_ = {0, purpose, dyad, 0};
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    if (next_ == 8) refill();
    return words_[next_++];
  }

  // Uniform on (0, 1), never exactly 0 or 1: 32 bits are plenty for event probabilities.
  double uniform() { return (static_cast<double>((*this)()) + 0.5) * 0x1.0p-32; }

  bool bernoulli(double p) { return uniform() < p; }

 private:
  void refill() {
    const Philox4x64::Counter block = Philox4x64::block(counter_, key_);
    for (int i = 0; i < 4; ++i) {  // low half first: the order is part of the stream's definition
      words_[2 * i] = static_cast<result_type>(block[i]);
      words_[2 * i + 1] = static_cast<result_type>(block[i] >> 32);
    }
    ++counter_[0];  // 2^64 blocks per stream: far beyond any dyad's life
    next_ = 0;
  }

  Philox4x64::Key key_;
  Philox4x64::Counter counter_;
  result_type words_[8] = {};
  unsigned next_ = 8;
};

}  // namespace attachsim::sim
