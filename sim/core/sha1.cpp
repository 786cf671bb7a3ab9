// SHA-1 of a text (FIPS 180-4, section 6.1), for the config and sweep hashes recorded in outputs.
// Written out here because Boost's sha1 is an internal detail (boost::uuids::detail) whose interface
// changed in Boost 1.86; SHA-1 serves as a fingerprint of a config here, not as a security measure.
#include "sim/core/sha1.hpp"

#include <array>
#include <cstdint>
#include <cstdio>

namespace attachsim::sim {
namespace {

std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

void compress(std::array<std::uint32_t, 5>& h, const unsigned char* block) {
  std::uint32_t w[80];
  for (int t = 0; t < 16; ++t)
    w[t] = std::uint32_t{block[4 * t]} << 24 | std::uint32_t{block[4 * t + 1]} << 16 |
           std::uint32_t{block[4 * t + 2]} << 8 | std::uint32_t{block[4 * t + 3]};
  for (int t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int t = 0; t < 80; ++t) {
    std::uint32_t f, k;
    if (t < 20) f = (b & c) | (~b & d), k = 0x5A827999;
    else if (t < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
    else if (t < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
    else f = b ^ c ^ d, k = 0xCA62C1D6;
    const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
    e = d, d = c, c = rotl(b, 30), b = a, a = temp;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

}  // namespace

std::string sha1_hex(const std::string& text) {
  std::array<std::uint32_t, 5> h{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) compress(h, bytes + i);
  // Padding: a 1 bit, zeros, and the length in bits as a 64-bit big-endian number, to a multiple of 64 bytes.
  unsigned char tail[128] = {};
  const std::size_t rest = n - i;
  for (std::size_t j = 0; j < rest; ++j) tail[j] = bytes[i + j];
  tail[rest] = 0x80;
  const std::size_t tail_size = rest + 9 <= 64 ? 64 : 128;
  const std::uint64_t bits = static_cast<std::uint64_t>(n) * 8;
  for (int j = 0; j < 8; ++j) tail[tail_size - 1 - j] = static_cast<unsigned char>(bits >> (8 * j));
  for (std::size_t j = 0; j < tail_size; j += 64) compress(h, tail + j);
  char hex[41];
  for (int j = 0; j < 5; ++j) std::snprintf(hex + 8 * j, 9, "%08x", h[j]);
  return std::string(hex, 40);
}

}  // namespace attachsim::sim
