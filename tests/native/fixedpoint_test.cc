// The engine's fixed-point primitives against the reference's literal definitions (nudge and truncate,
// mask-and-threshold rounding), on random values, every small value and the int32 edges.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

extern "C" {
#include "quant.h"
}

namespace {

int32_t SrdhmLiteral(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  const int64_t p = static_cast<int64_t>(a) * b;
  const int64_t nudge = p >= 0 ? (1 << 30) : (1 - (1 << 30));
  return static_cast<int32_t>((p + nudge) / (INT64_C(1) << 31));
}

int32_t RdbpotLiteral(int32_t x, int32_t e) {
  const int32_t mask = static_cast<int32_t>((INT64_C(1) << e) - 1);
  const int32_t remainder = x & mask, threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> e) + (remainder > threshold ? 1 : 0);
}

const int32_t kEdges[] = {INT32_MIN, INT32_MIN + 1, -(1 << 30), -2, -1, 0, 1, 2, (1 << 30) - 1, 1 << 30, INT32_MAX - 1, INT32_MAX};

TEST(FixedPoint, SaturatingRoundingDoublingHighMulMatchesTheLiteralDefinition) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000000; i++) {
    const int32_t a = static_cast<int32_t>(rng()), b = static_cast<int32_t>(rng() >> (rng() % 32));
    ASSERT_EQ(tml_srdhm(a, b), SrdhmLiteral(a, b)) << a << " * " << b;
  }
  for (int32_t a : kEdges)
    for (int32_t b : kEdges) ASSERT_EQ(tml_srdhm(a, b), SrdhmLiteral(a, b)) << a << " * " << b;
}

TEST(FixedPoint, RoundingDivideByPowerOfTwoMatchesTheLiteralDefinition) {
  std::mt19937_64 rng(8);
  for (int32_t e = 0; e <= 31; e++) {
    for (int32_t x = -70000; x <= 70000; x++) ASSERT_EQ(tml_rdbpot(x, e), RdbpotLiteral(x, e)) << x << " >> " << e;
    for (int32_t x : kEdges) ASSERT_EQ(tml_rdbpot(x, e), RdbpotLiteral(x, e)) << x << " >> " << e;
    for (int i = 0; i < 100000; i++) {
      const int32_t x = static_cast<int32_t>(rng());
      ASSERT_EQ(tml_rdbpot(x, e), RdbpotLiteral(x, e)) << x << " >> " << e;
    }
  }
}

TEST(FixedPoint, MultiplyByQuantizedMultiplierIsHighMulThenRoundingShift) {
  std::mt19937_64 rng(9);
  for (int i = 0; i < 2000000; i++) {
    const int32_t x = static_cast<int32_t>(rng() >> (rng() % 40));
    const int32_t m = static_cast<int32_t>((1u << 30) + (rng() & 0x3FFFFFFF));
    const int32_t shift = static_cast<int32_t>(rng() % 40) - 31;  // -31 .. 8
    const int32_t left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
    const int32_t expected = RdbpotLiteral(SrdhmLiteral(static_cast<int32_t>(static_cast<uint32_t>(x) << left), m), right);
    ASSERT_EQ(tml_mbqm(x, m, shift), expected) << x << " " << m << " " << shift;
  }
}

}  // namespace
