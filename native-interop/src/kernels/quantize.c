/* QUANTIZE (float32 -> int8, and requantization between int8/uint8 scales) and DEQUANTIZE (int8/uint8 -> float32). */
#include <math.h>

#include "../quant.h"
#include "kernels.h"

typedef struct quantize_record {
  tml_ref input, output;
  int32_t elements;
  int32_t in_type, out_type;
  int32_t input_zero_point, output_zero_point;
  float output_scale;     /* float input */
  tml_requant rescale;    /* integer input */
  int32_t out_min, out_max;
} quantize_record;

static int is_int8_like(tml_type t) { return t == TML_INT8 || t == TML_UINT8; }

tml_status tml_quantize_prepare(tml_prepare *p) {
  tml_tensor in, out;
  tml_status st = tml_expect_io(p, 1, 1, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st != TML_OK) return st;
  if (!is_int8_like(out.type) || (in.type != TML_FLOAT32 && !is_int8_like(in.type)))
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "quantizing %s to %s", tml_type_name(in.type), tml_type_name(out.type));
  st = tml_expect_per_tensor_quant(p, &out, "output");
  if (st == TML_OK && in.type != TML_FLOAT32) st = tml_expect_per_tensor_quant(p, &in, "input");
  if (st != TML_OK) return st;
  const int32_t lo = out.type == TML_INT8 ? -128 : 0, hi = out.type == TML_INT8 ? 127 : 255;
  const int32_t in_lo = in.type == TML_UINT8 ? 0 : -128, in_hi = in.type == TML_UINT8 ? 255 : 127;
  if (out.zero_point < lo || out.zero_point > hi || (in.type != TML_FLOAT32 && (in.zero_point < in_lo || in.zero_point > in_hi)))
    return tml_fail(p, TML_ERROR_MODEL, "zero point outside the type's range");
  if (!tml_same_shape(&in, &out)) return tml_fail(p, TML_ERROR_MODEL, "input and output shapes differ");
  tml_requant rescale = {0, 0};
  if (in.type != TML_FLOAT32) {
    p->inplace_input = 0;
    st = tml_multiplier(p, (double)in.scale / (double)out.scale, &rescale);
    if (st != TML_OK) return st;
  }
  quantize_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->output = tml_ref_of(p, &out), r->elements = (int32_t)in.elements;
  r->in_type = in.type, r->out_type = out.type;
  r->input_zero_point = in.zero_point, r->output_zero_point = out.zero_point, r->output_scale = out.scale;
  r->out_min = lo, r->out_max = hi;
  r->rescale = rescale;
  return TML_OK;
}

/* roundf(x / scale) as int32, saturating out-of-range values and mapping NaN to 0 (no undefined conversion). */
static int32_t quantize_float(float x, float scale) {
  const float q = roundf(x / scale);
  if (q != q) return 0;
  if (q >= 2147483520.0f) return INT32_MAX - 255;
  if (q <= -2147483520.0f) return INT32_MIN + 255;
  return (int32_t)q;
}

void tml_quantize_eval(const tml_eval *e, const void *record) {
  const quantize_record *r = record;
  const void *input = tml_data(e, r->input);
  void *output = tml_data(e, r->output);
  for (int32_t i = 0; i < r->elements; i++) {
    int32_t v;
    if (r->in_type == TML_FLOAT32) {
      float x;
      memcpy(&x, (const uint8_t *)input + 4 * (size_t)i, sizeof x);
      v = quantize_float(x, r->output_scale) + r->output_zero_point;
    } else {
      const int32_t x = r->in_type == TML_INT8 ? ((const int8_t *)input)[i] : ((const uint8_t *)input)[i];
      v = tml_mbqm(x - r->input_zero_point, r->rescale.multiplier, r->rescale.shift) + r->output_zero_point;
    }
    v = tml_clamp(v, r->out_min, r->out_max);
    if (r->out_type == TML_INT8) ((int8_t *)output)[i] = (int8_t)v;
    else ((uint8_t *)output)[i] = (uint8_t)v;
  }
}

typedef struct dequantize_record {
  tml_ref input, output;
  int32_t elements, in_type, zero_point;
  float scale;
} dequantize_record;

tml_status tml_dequantize_prepare(tml_prepare *p) {
  tml_tensor in, out;
  tml_status st = tml_expect_io(p, 1, 1, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st != TML_OK) return st;
  if (!is_int8_like(in.type) || out.type != TML_FLOAT32)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "dequantizing %s to %s", tml_type_name(in.type), tml_type_name(out.type));
  st = tml_expect_per_tensor_quant(p, &in, "input");
  if (st != TML_OK) return st;
  if (!tml_same_shape(&in, &out)) return tml_fail(p, TML_ERROR_MODEL, "input and output shapes differ");
  dequantize_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->output = tml_ref_of(p, &out), r->elements = (int32_t)in.elements;
  r->in_type = in.type, r->zero_point = in.zero_point, r->scale = in.scale;
  return TML_OK;
}

void tml_dequantize_eval(const tml_eval *e, const void *record) {
  const dequantize_record *r = record;
  const void *input = tml_data(e, r->input);
  float *output = tml_data(e, r->output);
  for (int32_t i = 0; i < r->elements; i++) {
    const int32_t x = r->in_type == TML_INT8 ? ((const int8_t *)input)[i] : ((const uint8_t *)input)[i];
    output[i] = r->scale * (float)(x - r->zero_point); /* one rounding of an exact product, as the reference's double path */
  }
}
