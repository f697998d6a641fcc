#include "quant.h"

#include <math.h>

#include "tflite_schema.h"

tml_requant tml_quantize_multiplier(double real) {
  tml_requant r = {0, 0};
  int exponent = 0;
  if (real == 0.0) return r;
  double significand = frexp(real, &exponent);
  int64_t q = (int64_t)round(significand * 2147483648.0);
  if (q == (INT64_C(1) << 31)) {
    q /= 2;
    exponent++;
  }
  if (exponent < -31) return r;
  r.multiplier = (int32_t)q;
  r.shift = exponent;
  return r;
}

tml_status tml_multiplier(tml_prepare *p, double real, tml_requant *q) {
  if (!(real >= 0.0 && real < 1073741824.0))
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "rescale factor out of range (scales too far apart)");
  *q = tml_quantize_multiplier(real);
  return TML_OK;
}

static int32_t quantize_bound(float value, float scale, int32_t zero_point) {
  return zero_point + (int32_t)roundf(value / scale);
}

tml_status tml_activation_range(tml_prepare *p, int32_t activation, const tml_tensor *output, int32_t *act_min,
                                int32_t *act_max) {
  int32_t lo = -128, hi = 127, z = output->zero_point;
  float s = output->scale;
  /* the bounds below quantize 6 or 1 on the output scale: that must fit int32 */
  if ((activation == TFL_ACT_RELU6 || activation == TFL_ACT_RELU_N1_TO_1) && !(6.0f / s < 2.0e9f))
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "output scale too small for its fused activation");
  switch (activation) {
    case TFL_ACT_NONE: break;
    case TFL_ACT_RELU: lo = z > lo ? z : lo; break;
    case TFL_ACT_RELU6: {
      int32_t six = quantize_bound(6.0f, s, z);
      lo = z > lo ? z : lo;
      hi = six < hi ? six : hi;
      break;
    }
    case TFL_ACT_RELU_N1_TO_1: {
      int32_t minus_one = quantize_bound(-1.0f, s, z), one = quantize_bound(1.0f, s, z);
      lo = minus_one > lo ? minus_one : lo;
      hi = one < hi ? one : hi;
      break;
    }
    default: return tml_fail(p, TML_ERROR_UNSUPPORTED, "fused activation %d is not supported", activation);
  }
  *act_min = lo;
  *act_max = hi;
  return TML_OK;
}

tml_status tml_expect_int8_activation(tml_prepare *p, const tml_tensor *t, const char *role) {
  tml_status st = tml_expect_type(p, t, TML_INT8, role);
  if (st == TML_OK) st = tml_expect_per_tensor_quant(p, t, role);
  if (st == TML_OK && (t->zero_point < -128 || t->zero_point > 127))
    return tml_fail(p, TML_ERROR_MODEL, "%s (tensor %d) zero point %d outside int8", role, t->index, t->zero_point);
  return st;
}

tml_status tml_padding(tml_prepare *p, int32_t padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation,
                       int32_t out_in_model, int32_t *pad_before) {
  if (stride < 1 || dilation < 1 || filter < 1 || in < 1)
    return tml_fail(p, TML_ERROR_MODEL, "stride %d, dilation %d, filter %d or input size %d is not positive", stride,
                    dilation, filter, in);
  const int64_t effective = (int64_t)(filter - 1) * dilation + 1;
  int64_t out;
  if (padding == TFL_PADDING_SAME) out = ((int64_t)in + stride - 1) / stride;
  else if (padding == TFL_PADDING_VALID) out = in >= effective ? (in - effective) / stride + 1 : 0;
  else return tml_fail(p, TML_ERROR_UNSUPPORTED, "padding type %d", padding);
  if (out != out_in_model)
    return tml_fail(p, TML_ERROR_MODEL, "output size %d does not match the %d its input and options give", out_in_model,
                    (int32_t)out);
  const int64_t total = (out - 1) * stride + effective - in;
  *pad_before = total > 0 ? (int32_t)(total / 2) : 0;
  return TML_OK;
}

tml_status tml_channel_multipliers(tml_prepare *p, const tml_tensor *input, const tml_tensor *filter,
                                   const tml_tensor *output, int32_t channels, tml_requant *out) {
  uint32_t n = filter->scales.count;
  if (n != 1 && n != (uint32_t)channels)
    return tml_fail(p, TML_ERROR_MODEL, "filter has %u scales for %d output channels", n, channels);
  for (uint32_t c = 0; c < filter->zero_points.count; c++)
    if (tml_tensor_zero_point_at(p->model, filter, c) != 0)
      return tml_fail(p, TML_ERROR_UNSUPPORTED, "filter zero point %d is not 0 (int8 weights are symmetric)",
                      tml_tensor_zero_point_at(p->model, filter, c));
  for (int32_t c = 0; c < channels; c++) {
    double fs = (double)tml_tensor_scale_at(p->model, filter, n == 1 ? 0u : (uint32_t)c);
    tml_requant q;
    tml_status st = tml_multiplier(p, (double)input->scale * fs / (double)output->scale, &q);
    if (st != TML_OK) return st;
    if (out) out[c] = q;
  }
  return TML_OK;
}
