/* Integer requantization as the TFLite int8 spec defines it (gemmlowp fixed-point semantics, double
   rounding), and the prepare-time helpers that turn real scales into multipliers. */
#ifndef TINYML_QUANT_H
#define TINYML_QUANT_H

#include <stdint.h>

#include "engine.h"

#if defined(__GNUC__)
#define TML_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define TML_ALWAYS_INLINE inline
#endif

/* A real multiplier as a Q31 significand and a power-of-two exponent (positive: shift left). */
typedef struct tml_requant {
  int32_t multiplier;
  int32_t shift;
} tml_requant;

/* round(a * b / 2^31), ties toward +infinity, saturating the single overflow case (a = b = INT32_MIN).
   Equal to the reference's nudge-and-truncate form for every input (checked exhaustively in tests). */
static inline int32_t tml_srdhm(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  return (int32_t)(((int64_t)a * (int64_t)b + (INT64_C(1) << 30)) >> 31);
}

/* x / 2^e rounded half away from zero (0 <= e <= 31), in 32-bit arithmetic: the low e bits plus the rounding
   term cannot overflow uint32. Relies on arithmetic right shift of negatives. */
static inline int32_t tml_rdbpot(int32_t x, int32_t e) {
  if (e == 0) return x;
  const uint32_t low = (uint32_t)x & ((1u << e) - 1u);
  const uint32_t round = (1u << (e - 1)) - (uint32_t)(x < 0);
  return (x >> e) + (int32_t)((low + round) >> e);
}

/* x * multiplier * 2^shift with the reference's two roundings; a left shift wraps like int32 hardware.
   multiplier >= 0 (it comes from a positive real), so the high multiply cannot saturate. */
static TML_ALWAYS_INLINE int32_t tml_mbqm(int32_t x, int32_t multiplier, int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  const int32_t high =
      (int32_t)(((int64_t)(int32_t)((uint32_t)x << left) * multiplier + (INT64_C(1) << 30)) >> 31);
  return tml_rdbpot(high, right);
}

static inline int32_t tml_clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* a + b with int32 wrap-around (no undefined behaviour on overflow). */
static inline int32_t tml_wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

/* frexp-based Q31 multiplier: m in [2^30, 2^31) or 0; exponents below -31 flush to zero. real must be finite,
   >= 0 and below 2^30 (tml_multiplier checks). */
tml_requant tml_quantize_multiplier(double real);
/* tml_quantize_multiplier for a kernel, refusing factors the integer pipeline cannot apply (shift above 30). */
tml_status tml_multiplier(tml_prepare *p, double real, tml_requant *q);

/* Fused activation bounds on the output's int8 scale (float division, rounded half away from zero). */
tml_status tml_activation_range(tml_prepare *p, int32_t activation, const tml_tensor *output, int32_t *act_min,
                                int32_t *act_max);
/* int8 activation tensor with one scale > 0 and a zero point in [-128, 127]. */
tml_status tml_expect_int8_activation(tml_prepare *p, const tml_tensor *t, const char *role);
/* Output spatial size and leading padding for SAME/VALID, as TFLite computes them. */
tml_status tml_padding(tml_prepare *p, int32_t padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                       int32_t out_in_model, int32_t *pad_before);

/* Per-output-channel multipliers input_scale * filter_scale[c] / output_scale, in double as the reference
   does for convolutions; a per-tensor filter scale applies to every channel. Filter zero points must be 0. */
tml_status tml_channel_multipliers(tml_prepare *p, const tml_tensor *input, const tml_tensor *filter,
                                   const tml_tensor *output, int32_t channels, tml_requant *out);
/* Largest dot-product length whose int8 x (int8 - zero point) sum cannot overflow int32. */
#define TML_MAX_ACCUMULATION 65000

#endif
