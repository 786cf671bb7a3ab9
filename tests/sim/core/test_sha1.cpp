// SHA-1 (sim/core/sha1.hpp) against the test vectors of FIPS 180-2 appendix A and the NIST examples,
// across the padding boundaries (55, 56 and 64 bytes), so config hashes stay those of earlier outputs.
#include "sim/core/sha1.hpp"

#include <doctest/doctest.h>

#include <string>

using attachsim::sim::sha1_hex;

TEST_CASE("sha1: the FIPS 180-2 test vectors") {
  CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(sha1_hex(std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("sha1: texts that end at the padding boundaries") {
  // `printf 'a%.0s' $(seq N) | sha1sum` for N = 55 (padding fits one block), 56 (needs a second), 64.
  CHECK(sha1_hex(std::string(55, 'a')) == "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  CHECK(sha1_hex(std::string(56, 'a')) == "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  CHECK(sha1_hex(std::string(64, 'a')) == "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}
