/* Fixed-point transcendental functions with gemmlowp's semantics (the arithmetic TFLite's int8 softmax,
   logistic and tanh are defined by). A value in format Q(I) is a raw int32 r meaning r / 2^(31 - I).
   Every product rounds (tml_srdhm); every step below is in the order the reference takes it. */
#ifndef TINYML_FIXEDPOINT_H
#define TINYML_FIXEDPOINT_H

#include "../quant.h"

/* x * 2^e for e > 0, saturating to the int32 range. */
static inline int32_t tml_fx_saturating_shl(int32_t x, int32_t e) {
  const int32_t threshold = (int32_t)((1u << (31 - e)) - 1u);
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return (int32_t)((uint32_t)x << e);
}

/* (a + b) / 2 rounded half away from zero. */
static inline int32_t tml_fx_rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = (int64_t)a + (int64_t)b;
  return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/* exp(a) for a in [-1/4, 0), Q0 in and out: Taylor series of degree 4 around -1/8. */
static inline int32_t tml_fx_exp_quarter(int32_t a) {
  const int32_t exp_minus_one_eighth = 1895147668; /* round(exp(-1/8) * 2^31) */
  const int32_t one_third = 715827883;             /* round(2^31 / 3) */
  const int32_t x = a + (1 << 28);                  /* a + 1/8 */
  const int32_t x2 = tml_srdhm(x, x), x3 = tml_srdhm(x2, x), x4 = tml_srdhm(x2, x2);
  const int32_t x4_over_4 = tml_rdbpot(x4, 2);
  const int32_t poly = tml_rdbpot(tml_srdhm(x4_over_4 + x3, one_third) + x2, 1); /* x^4/24 + x^3/6 + x^2/2 */
  return exp_minus_one_eighth + tml_srdhm(exp_minus_one_eighth, x + poly);
}

/* exp(a) for a <= 0 in Q(integer_bits), result in Q0: exp of the remainder modulo 1/4, times exp(-2^k) for
   every set bit of the rest. */
static inline int32_t tml_fx_exp_negative(int32_t a, int32_t integer_bits) {
  static const int32_t exp_of_minus_pot[7] = {
      1672461947, /* exp(-1/4) */ 1302514674, /* exp(-1/2) */ 790015084, /* exp(-1) */ 290630308, /* exp(-2) */
      39332535,   /* exp(-4) */   720401,     /* exp(-8) */   242        /* exp(-16) */
  };
  const int32_t fractional_bits = 31 - integer_bits;
  const int32_t quarter = 1 << (fractional_bits - 2);
  const int32_t a_mod_quarter_minus_quarter = (a & (quarter - 1)) - quarter;
  int32_t result = tml_fx_exp_quarter((int32_t)((uint32_t)a_mod_quarter_minus_quarter << integer_bits));
  const int32_t remainder = a_mod_quarter_minus_quarter - a;
  for (int32_t k = -2; k <= 4; k++)
    if (integer_bits > k && (remainder & (1 << (fractional_bits + k)))) result = tml_srdhm(result, exp_of_minus_pot[k + 2]);
  if (integer_bits > 5 && a < -(1 << (36 - integer_bits))) result = 0; /* below -32 */
  return a == 0 ? INT32_MAX : result;
}

/* Newton-Raphson for 1 / (half of (1 + a)), a in [0, 1) as Q0; result Q2. */
static inline int32_t tml_fx_newton_half_denominator(int32_t half_denominator) {
  const int32_t forty_eight_seventeenths = 1515870810;    /* 48/17 in Q2 */
  const int32_t minus_thirty_two_seventeenths = -1010580540; /* -32/17 in Q2 */
  int32_t x = forty_eight_seventeenths + tml_srdhm(half_denominator, minus_thirty_two_seventeenths);
  for (int i = 0; i < 3; i++) {
    const int32_t one_minus_dx = (1 << 29) - tml_srdhm(half_denominator, x);
    x = x + tml_fx_saturating_shl(tml_srdhm(x, one_minus_dx), 2);
  }
  return x;
}

/* 1 / (1 + a) for a in [0, 1), Q0 in and out. */
static inline int32_t tml_fx_one_over_one_plus(int32_t a) {
  return tml_fx_saturating_shl(tml_fx_newton_half_denominator(tml_fx_rounding_half_sum(a, INT32_MAX)), 1);
}

/* (1 - a) / (1 + a) for a in [0, 1), Q0 in and out. */
static inline int32_t tml_fx_one_minus_over_one_plus(int32_t a) {
  return tml_fx_saturating_shl(tml_fx_newton_half_denominator(tml_fx_rounding_half_sum(a, INT32_MAX)) - (1 << 29), 2);
}

/* 1 / (1 + exp(-a)), a in Q(integer_bits), result Q0. */
static inline int32_t tml_fx_logistic(int32_t a, int32_t integer_bits) {
  if (a == 0) return 1 << 30;
  const int32_t positive = tml_fx_one_over_one_plus(tml_fx_exp_negative(a > 0 ? -a : a, integer_bits));
  return a > 0 ? positive : INT32_MAX - positive;
}

/* tanh(a), a in Q(integer_bits), result Q0. */
static inline int32_t tml_fx_tanh(int32_t a, int32_t integer_bits) {
  if (a == 0) return 0;
  const int32_t t = tml_fx_one_minus_over_one_plus(tml_fx_exp_negative(a < 0 ? a : -a, integer_bits + 1));
  return a < 0 ? -t : t;
}

#endif
