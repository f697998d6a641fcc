/* FULLY_CONNECTED, int8: weights [units, depth]; every leading output dimension is a batch. Per-tensor weights
   use the reference's float product of scales; per-channel weights the double product. */
#include "../quant.h"
#include "../tflite_schema.h"
#include "dot.h"
#include "kernels.h"

typedef struct fc_record {
  tml_ref input, filter, bias, output;
  int32_t batches, depth, units;
  int32_t input_offset, output_offset, act_min, act_max;
  int32_t per_channel;
  tml_requant channel[];
} fc_record;

tml_status tml_fully_connected_prepare(tml_prepare *p) {
  tml_tensor in, filter, bias, out;
  int has_bias;
  fb_table o;
  int32_t act = 0;
  uint8_t weights_format = 0;
  tml_status st = tml_expect_io(p, 2, 3, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_input(p, 1, &filter);
  if (st == TML_OK) st = tml_optional_input(p, 2, &bias, &has_bias);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st != TML_OK) return st;
  if (in.type == TML_FLOAT32 && filter.type == TML_INT8)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "hybrid (float input, int8 weights) is not supported");
  st = tml_expect_int8_activation(p, &in, "input");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st == TML_OK) st = tml_expect_type(p, &filter, TML_INT8, "weights");
  if (st != TML_OK) return st;
  if (tml_options(p, TFL_OPT_FULLY_CONNECTED, &o)) {
    int8_t act8 = 0;
    fb_i8(&p->buf, &o, FC_ACTIVATION, &act8);
    fb_u8(&p->buf, &o, FC_WEIGHTS_FORMAT, &weights_format);
    act = act8;
  }
  if (weights_format != 0) return tml_fail(p, TML_ERROR_UNSUPPORTED, "shuffled weights format %u", weights_format);
  if (filter.rank != 2) return tml_fail(p, TML_ERROR_MODEL, "weights must be 2-D, got %d-D", filter.rank);
  if (out.rank < 1) return tml_fail(p, TML_ERROR_MODEL, "output must have a shape");
  int32_t units = out.dims[out.rank - 1], depth = filter.dims[1];
  if (filter.dims[0] != units) return tml_fail(p, TML_ERROR_MODEL, "%d weight rows for %d output units", filter.dims[0], units);
  if (units == 0 || depth == 0) return tml_fail(p, TML_ERROR_MODEL, "empty weights");
  int32_t batches = (int32_t)(out.elements / (uint32_t)units);
  if ((uint64_t)batches * (uint64_t)depth != in.elements)
    return tml_fail(p, TML_ERROR_MODEL, "input has %u values, %d batches of %d expected", in.elements, batches, depth);
  if (depth > TML_MAX_ACCUMULATION) return tml_fail(p, TML_ERROR_UNSUPPORTED, "dot products of %d terms could overflow int32", depth);
  if (has_bias) {
    st = tml_expect_type(p, &bias, TML_INT32, "bias");
    if (st != TML_OK) return st;
    if (bias.elements != (uint32_t)units) return tml_fail(p, TML_ERROR_MODEL, "bias has %u values for %d units", bias.elements, units);
  }
  int32_t per_channel = filter.scales.count > 1, act_min, act_max;
  if (per_channel && filter.quantized_dimension != 0)
    return tml_fail(p, TML_ERROR_MODEL, "weights quantized along dimension %d, expected 0", filter.quantized_dimension);
  st = tml_activation_range(p, act, &out, &act_min, &act_max);
  if (st == TML_OK) st = tml_channel_multipliers(p, &in, &filter, &out, per_channel ? units : 1, NULL);
  if (st != TML_OK) return st;
  if (!per_channel && has_bias && bias.scales.count) {
    double product = (double)in.scale * (double)filter.scale, diff = product - (double)bias.scale;
    if ((diff < 0 ? -diff : diff) / (double)out.scale > 0.02)
      return tml_fail(p, TML_ERROR_MODEL, "bias scale does not equal input scale times weight scale");
  }

  int32_t channels = per_channel ? units : 1;
  p->macs = (uint64_t)batches * units * depth;
  fc_record *r = tml_record(p, (uint32_t)(sizeof *r + (size_t)channels * sizeof(tml_requant)));
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->filter = tml_ref_of(p, &filter), r->output = tml_ref_of(p, &out);
  r->bias = has_bias ? tml_ref_of(p, &bias) : TML_REF_NONE;
  r->batches = batches, r->depth = depth, r->units = units, r->per_channel = per_channel;
  r->input_offset = -in.zero_point, r->output_offset = out.zero_point, r->act_min = act_min, r->act_max = act_max;
  if (per_channel) return tml_channel_multipliers(p, &in, &filter, &out, units, r->channel);
  /* per tensor: the reference multiplies the two float scales in float before widening */
  float product = in.scale * filter.scale;
  return tml_multiplier(p, (double)product / (double)out.scale, &r->channel[0]);
}

static TML_ALWAYS_INLINE int8_t requantize(const fc_record *r, int32_t acc, const uint8_t *bias, int32_t u) {
  if (bias) acc = tml_wrap_add(acc, tml_read_i32(bias + 4 * u));
  const tml_requant *q = &r->channel[r->per_channel ? u : 0];
  acc = tml_wrap_add(tml_mbqm(acc, q->multiplier, q->shift), r->output_offset);
  return (int8_t)tml_clamp(acc, r->act_min, r->act_max);
}

void tml_fully_connected_eval(const tml_eval *e, const void *record) {
  const fc_record *r = record;
  const int8_t *input = tml_data(e, r->input), *weights = tml_data(e, r->filter);
  const uint8_t *bias = r->bias == TML_REF_NONE ? NULL : tml_data(e, r->bias);
  int8_t *output = tml_data(e, r->output);
  for (int32_t b = 0; b < r->batches; b++, output += r->units) {
    const int8_t *x = input + (size_t)b * r->depth;
    int32_t u = 0;
    for (; u + 2 <= r->units; u += 2) { /* two units share every input load */
      const int8_t *w0 = weights + (size_t)u * r->depth;
      int32_t acc[2] = {0, 0};
      tml_dot_s8_1x2(x, r->input_offset, w0, w0 + r->depth, r->depth, acc);
      output[u] = requantize(r, acc[0], bias, u);
      output[u + 1] = requantize(r, acc[1], bias, u + 1);
    }
    if (u < r->units) {
      const int8_t *w0 = weights + (size_t)u * r->depth;
      int32_t acc[2] = {0, 0};
      tml_dot_s8_1x2(x, r->input_offset, w0, w0, r->depth, acc);
      output[u] = requantize(r, acc[0], bias, u);
    }
  }
}
