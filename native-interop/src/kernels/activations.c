/* LOGISTIC (output scale 1/256, zero point -128) and TANH (output scale 1/128, zero point 0), int8: the input
   rescaled into Q4 fixed point, then gemmlowp's logistic or tanh. Inputs beyond the range radius saturate. */
#include <math.h>

#include "fixedpoint.h"
#include "kernels.h"

#define INPUT_INTEGER_BITS 4

typedef struct activation_record {
  tml_ref input, output;
  int32_t elements, input_zero_point, input_multiplier, input_left_shift, range_radius;
} activation_record;

static tml_status activation_prepare(tml_prepare *p, float out_scale, int32_t out_zero_point, const char *expected) {
  tml_tensor in, out;
  tml_status st = tml_expect_io(p, 1, 1, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &in, "input");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st != TML_OK) return st;
  if (out.scale != out_scale || out.zero_point != out_zero_point)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "int8 output must have %s", expected);
  if (!tml_same_shape(&in, &out)) return tml_fail(p, TML_ERROR_MODEL, "input and output shapes differ");
  /* the reference uses frexp directly here (not the renormalizing multiplier helper) */
  int exponent = 0;
  const double q = frexp((double)in.scale * (double)(1 << (31 - INPUT_INTEGER_BITS)), &exponent);
  const int64_t multiplier = (int64_t)round(q * 2147483648.0);
  if (multiplier > INT32_MAX || exponent > 30 || exponent < -31)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "input scale out of range");
  const double radius = (double)((1 << INPUT_INTEGER_BITS) - 1) * (double)(INT64_C(1) << (31 - INPUT_INTEGER_BITS)) /
                        ldexp(1.0, exponent);
  activation_record *r = tml_record(p, sizeof *r);
  p->inplace_input = 0;
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->output = tml_ref_of(p, &out), r->elements = (int32_t)in.elements;
  r->input_zero_point = in.zero_point, r->input_multiplier = (int32_t)multiplier, r->input_left_shift = exponent;
  r->range_radius = radius > 2147483647.0 ? INT32_MAX : (int32_t)floor(radius);
  return TML_OK;
}

tml_status tml_logistic_prepare(tml_prepare *p) { return activation_prepare(p, 1.0f / 256, -128, "scale 1/256 and zero point -128"); }
tml_status tml_tanh_prepare(tml_prepare *p) { return activation_prepare(p, 1.0f / 128, 0, "scale 1/128 and zero point 0"); }

static void activation_eval(const tml_eval *e, const activation_record *r, int tanh) {
  const int8_t *input = tml_data(e, r->input);
  int8_t *output = tml_data(e, r->output);
  for (int32_t i = 0; i < r->elements; i++) {
    const int32_t v = input[i] - r->input_zero_point;
    int32_t y;
    if (v <= -r->range_radius) y = -128;
    else if (v >= r->range_radius) y = 127;
    else {
      const int32_t a = tml_mbqm(v, r->input_multiplier, r->input_left_shift);
      y = tanh ? tml_rdbpot(tml_fx_tanh(a, INPUT_INTEGER_BITS), 24)
               : tml_rdbpot(tml_fx_logistic(a, INPUT_INTEGER_BITS), 23) - 128;
      y = tml_clamp(y, -128, 127);
    }
    output[i] = (int8_t)y;
  }
}

void tml_logistic_eval(const tml_eval *e, const void *record) { activation_eval(e, record, 0); }
void tml_tanh_eval(const tml_eval *e, const void *record) { activation_eval(e, record, 1); }
