// Philox4x64-10, the counter-based generator of Salmon, Moraes, Dror & Shaw (2011, "Parallel random
// numbers: as easy as 1, 2, 3", SC'11), written out here instead of taken from Random123's headers,
// which refuse to compile for WebAssembly (Random123/features/gccfeatures.h knows no wasm32). The same
// code then runs in `attachsim` and in the classroom's static page, so both draw the same numbers;
// tests/sim/core/test_philox.cpp checks it against Random123's known-answer vectors and its header.
#pragma once

#include <array>
#include <cstdint>

namespace attachsim::sim {

struct Philox4x64 {
  using Counter = std::array<std::uint64_t, 4>;
  using Key = std::array<std::uint64_t, 2>;

  // The 128-bit product of two 64-bit words. unsigned __int128 exists on x86-64 and aarch64 (GCC,
  // Clang) and on wasm32 (Clang), and compiles to one multiplication where the machine has one.
  static void multiply(std::uint64_t a, std::uint64_t b, std::uint64_t& high, std::uint64_t& low) {
    __extension__ using Wide = unsigned __int128;  // __extension__: no -Wpedantic warning for it
    const Wide product = static_cast<Wide>(a) * b;
    high = static_cast<std::uint64_t>(product >> 64);
    low = static_cast<std::uint64_t>(product);
  }

  // Ten rounds; the key is bumped by the Weyl constants before every round but the first.
  static Counter block(Counter c, Key k) {
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        k[0] += 0x9E3779B97F4A7C15ULL;  // golden ratio
        k[1] += 0xBB67AE8584CAA73BULL;  // sqrt(3) - 1
      }
      std::uint64_t high0, low0, high1, low1;
      multiply(0xD2E7470EE14C6C93ULL, c[0], high0, low0);
      multiply(0xCA5A826395121157ULL, c[2], high1, low1);
      c = {high1 ^ c[1] ^ k[0], low1, high0 ^ c[3] ^ k[1], low0};
    }
    return c;
  }
};

}  // namespace attachsim::sim
