/* SOFTMAX, int8 in, int8 out on the fixed scale 1/256 and zero point -128, along the last dimension. */
#include <math.h>

#include "../tflite_schema.h"
#include "fixedpoint.h"
#include "kernels.h"

#define SCALED_DIFF_INTEGER_BITS 5
#define ACCUMULATION_INTEGER_BITS 12

typedef struct softmax_record {
  tml_ref input, output;
  int32_t rows, depth;
  int32_t input_multiplier, input_left_shift, diff_min;
} softmax_record;

tml_status tml_softmax_prepare(tml_prepare *p) {
  tml_tensor in, out;
  fb_table o;
  float beta = 0.0f;
  tml_status st = tml_expect_io(p, 1, 1, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &in, "input");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st != TML_OK) return st;
  if (tml_options(p, TFL_OPT_SOFTMAX, &o)) fb_f32(&p->buf, &o, SOFTMAX_BETA, &beta);
  if (out.scale != 1.0f / 256 || out.zero_point != -128)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "int8 output must have scale 1/256 and zero point -128");
  if (in.rank < 1 || !tml_same_shape(&in, &out)) return tml_fail(p, TML_ERROR_MODEL, "input and output shapes differ");
  /* beta * scale as a Q5.26 multiplier greater than one */
  double real = (double)beta * (double)in.scale * (double)(1 << (31 - SCALED_DIFF_INTEGER_BITS));
  if (real > 2147483647.0) real = 2147483647.0;
  if (!(real > 1.0)) return tml_fail(p, TML_ERROR_UNSUPPORTED, "beta times input scale is too small");
  tml_requant q = tml_quantize_multiplier(real);
  const double radius = (double)((1 << SCALED_DIFF_INTEGER_BITS) - 1) *
                        (double)(INT64_C(1) << (31 - SCALED_DIFF_INTEGER_BITS)) / (double)(INT64_C(1) << q.shift);
  const int32_t depth = in.dims[in.rank - 1];
  if (depth < 1 || depth > 511) /* the reference's reciprocal needs the sum of exps below 512 */
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "softmax over %d values (1 to 511 supported)", depth);
  p->inplace_input = 0;
  softmax_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->output = tml_ref_of(p, &out);
  r->depth = depth, r->rows = (int32_t)(in.elements / (uint32_t)depth);
  r->input_multiplier = q.multiplier, r->input_left_shift = q.shift, r->diff_min = -(int32_t)floor(radius);
  return TML_OK;
}

/* exp((x - max) * beta * scale) in Q0, or -1 when the difference is below diff_min (contributes nothing). */
static int32_t scaled_exp(const softmax_record *r, int32_t diff) {
  if (diff < r->diff_min) return -1;
  const int32_t scaled = tml_srdhm((int32_t)((uint32_t)diff << r->input_left_shift), r->input_multiplier);
  return tml_fx_exp_negative(scaled, SCALED_DIFF_INTEGER_BITS);
}

static int32_t count_leading_zeros(uint32_t x) {
  int32_t n = 0;
  if (x == 0) return 32;
  while (!(x & 0x80000000u)) x <<= 1, n++;
  return n;
}

void tml_softmax_eval(const tml_eval *e, const void *record) {
  const softmax_record *r = record;
  const int8_t *input = tml_data(e, r->input);
  int8_t *output = tml_data(e, r->output);
  for (int32_t row = 0; row < r->rows; row++, input += r->depth, output += r->depth) {
    int32_t max = -128, sum = 0;
    for (int32_t i = 0; i < r->depth; i++) max = input[i] > max ? input[i] : max;
    for (int32_t i = 0; i < r->depth; i++) {
      const int32_t x = scaled_exp(r, input[i] - max);
      if (x >= 0) sum += tml_rdbpot(x, ACCUMULATION_INTEGER_BITS); /* Q12 */
    }
    /* 1 / sum: normalize into [1, 2), reciprocal in Q0, remember the power of two */
    const int32_t headroom_plus_one = count_leading_zeros((uint32_t)sum);
    const int32_t bits_over_unit = ACCUMULATION_INTEGER_BITS - headroom_plus_one;
    const int32_t shifted_minus_one = (int32_t)(((uint32_t)sum << headroom_plus_one) - 0x80000000u);
    const int32_t reciprocal = tml_fx_one_over_one_plus(shifted_minus_one);
    const int32_t exponent = bits_over_unit + 31 - 8;
    for (int32_t i = 0; i < r->depth; i++) {
      const int32_t x = scaled_exp(r, input[i] - max);
      const int32_t v = x < 0 ? -128 : tml_rdbpot(tml_srdhm(reciprocal, x), exponent) - 128;
      output[i] = (int8_t)tml_clamp(v, -128, 127);
    }
  }
}
