/* CONV_2D, int8: NHWC input, OHWI filter (grouped when the filter's depth divides the input's), int32 bias,
   per-channel requantization. Eval gathers each output pixel's receptive field once into an int16 patch (input
   zero point removed, padding as 0) and runs it against every output channel's weights, two pixels and two
   channels at a time (kernels/dot.h). */
#include "../quant.h"
#include "../tflite_schema.h"
#include "dot.h"
#include "kernels.h"

typedef struct conv_record {
  tml_ref input, filter, bias, output, scratch;
  int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, group_c, group_out;
  int32_t stride_h, stride_w, dil_h, dil_w, pad_h, pad_w;
  int32_t input_offset, output_offset, act_min, act_max;
  tml_requant channel[];
} conv_record;

tml_status tml_conv_prepare(tml_prepare *p) {
  tml_tensor in, filter, bias, out;
  int has_bias;
  fb_table o;
  int32_t padding = TFL_PADDING_SAME, stride_w = 0, stride_h = 0, act = 0, dil_w = 1, dil_h = 1;
  tml_status st = tml_expect_io(p, 2, 3, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_input(p, 1, &filter);
  if (st == TML_OK) st = tml_optional_input(p, 2, &bias, &has_bias);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &in, "input");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st == TML_OK) st = tml_expect_type(p, &filter, TML_INT8, "filter");
  if (st != TML_OK) return st;
  if (tml_options(p, TFL_OPT_CONV_2D, &o)) {
    int8_t pad8 = 0, act8 = 0;
    fb_i8(&p->buf, &o, CONV_PADDING, &pad8);
    fb_i32(&p->buf, &o, CONV_STRIDE_W, &stride_w);
    fb_i32(&p->buf, &o, CONV_STRIDE_H, &stride_h);
    fb_i8(&p->buf, &o, CONV_ACTIVATION, &act8);
    fb_i32(&p->buf, &o, CONV_DILATION_W, &dil_w);
    fb_i32(&p->buf, &o, CONV_DILATION_H, &dil_h);
    padding = pad8, act = act8;
  }
  if (in.rank != 4 || filter.rank != 4 || out.rank != 4)
    return tml_fail(p, TML_ERROR_MODEL, "input, filter and output must be 4-D");
  int32_t out_c = filter.dims[0], k_h = filter.dims[1], k_w = filter.dims[2], group_c = filter.dims[3];
  if (group_c < 1 || in.dims[3] % group_c != 0)
    return tml_fail(p, TML_ERROR_MODEL, "filter depth %d does not divide input depth %d", group_c, in.dims[3]);
  int32_t groups = in.dims[3] / group_c;
  if (out.dims[0] != in.dims[0] || out.dims[3] != out_c || out_c % groups != 0)
    return tml_fail(p, TML_ERROR_MODEL, "output shape does not match input %d and filter %d", in.dims[0], out_c);
  if (filter.scales.count > 1 && filter.quantized_dimension != 0)
    return tml_fail(p, TML_ERROR_MODEL, "filter quantized along dimension %d, expected 0", filter.quantized_dimension);
  if (has_bias) {
    st = tml_expect_type(p, &bias, TML_INT32, "bias");
    if (st != TML_OK) return st;
    if (bias.elements != (uint32_t)out_c) return tml_fail(p, TML_ERROR_MODEL, "bias has %u values for %d channels", bias.elements, out_c);
  }
  if ((int64_t)k_h * k_w * group_c > TML_MAX_ACCUMULATION)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "dot products of %d terms could overflow int32", k_h * k_w * group_c);
  int32_t pad_h, pad_w, act_min, act_max;
  st = tml_padding(p, padding, in.dims[1], k_h, stride_h, dil_h, out.dims[1], &pad_h);
  if (st == TML_OK) st = tml_padding(p, padding, in.dims[2], k_w, stride_w, dil_w, out.dims[2], &pad_w);
  if (st == TML_OK) st = tml_activation_range(p, act, &out, &act_min, &act_max);
  if (st == TML_OK) st = tml_channel_multipliers(p, &in, &filter, &out, out_c, NULL);
  if (st != TML_OK) return st;

  p->macs = (uint64_t)in.dims[0] * out.dims[1] * out.dims[2] * out_c * k_h * k_w * group_c;
  p->scratch_bytes = 2u * 2u * (uint32_t)(k_h * k_w * group_c); /* two int16 patches */
  conv_record *r = tml_record(p, (uint32_t)(sizeof *r + (size_t)out_c * sizeof(tml_requant)));
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->filter = tml_ref_of(p, &filter), r->output = tml_ref_of(p, &out);
  r->bias = has_bias ? tml_ref_of(p, &bias) : TML_REF_NONE;
  r->scratch = p->scratch;
  r->batches = in.dims[0], r->in_h = in.dims[1], r->in_w = in.dims[2], r->in_c = in.dims[3];
  r->out_h = out.dims[1], r->out_w = out.dims[2], r->out_c = out_c;
  r->k_h = k_h, r->k_w = k_w, r->group_c = group_c, r->group_out = out_c / groups;
  r->stride_h = stride_h, r->stride_w = stride_w, r->dil_h = dil_h, r->dil_w = dil_w, r->pad_h = pad_h, r->pad_w = pad_w;
  r->input_offset = -in.zero_point, r->output_offset = out.zero_point, r->act_min = act_min, r->act_max = act_max;
  return tml_channel_multipliers(p, &in, &filter, &out, out_c, r->channel);
}

/* The receptive field of output pixel (oy, ox) for channel group g, as a patch of k_h * k_w * group_c values. */
static void gather(const conv_record *r, const int8_t *in_b, int32_t oy, int32_t ox, int32_t g, int16_t *patch) {
  const int32_t y0 = oy * r->stride_h - r->pad_h, x0 = ox * r->stride_w - r->pad_w;
  const int32_t row = r->k_w * r->group_c, len = r->k_h * row;
  const int contiguous_rows = r->dil_w == 1 && r->group_c == r->in_c;
  int32_t k = 0;
  for (int32_t ky = 0; ky < r->k_h; ky++, k += row) {
    const int32_t iy = y0 + ky * r->dil_h;
    if (iy < 0 || iy >= r->in_h) {
      tml_patch_zero(patch, len, k, row);
      continue;
    }
    const int8_t *in_row = in_b + (size_t)iy * r->in_w * r->in_c + (size_t)g * r->group_c;
    if (contiguous_rows && x0 >= 0 && x0 + r->k_w <= r->in_w) {
      tml_patch_fill(patch, len, k, in_row + (size_t)x0 * r->in_c, row, r->input_offset);
      continue;
    }
    for (int32_t kx = 0; kx < r->k_w; kx++) {
      const int32_t ix = x0 + kx * r->dil_w;
      if (ix < 0 || ix >= r->in_w) tml_patch_zero(patch, len, k + kx * r->group_c, r->group_c);
      else tml_patch_fill(patch, len, k + kx * r->group_c, in_row + (size_t)ix * r->in_c, r->group_c, r->input_offset);
    }
  }
}

static TML_ALWAYS_INLINE int8_t requantize(const conv_record *r, int32_t acc, int32_t oc) {
  acc = tml_wrap_add(tml_mbqm(acc, r->channel[oc].multiplier, r->channel[oc].shift), r->output_offset);
  return (int8_t)tml_clamp(acc, r->act_min, r->act_max);
}

void tml_conv_eval(const tml_eval *e, const void *record) {
  const conv_record *r = record;
  const int8_t *input = tml_data(e, r->input), *filter = tml_data(e, r->filter);
  const uint8_t *bias = r->bias == TML_REF_NONE ? NULL : tml_data(e, r->bias);
  int8_t *output = tml_data(e, r->output);
  const int32_t len = r->k_h * r->k_w * r->group_c, pixels = r->out_h * r->out_w;
  int16_t *patch0 = tml_data(e, r->scratch), *patch1 = patch0 + len;
  const int32_t groups = r->in_c / r->group_c;
  for (int32_t b = 0; b < r->batches; b++) {
    const int8_t *in_b = input + (size_t)b * r->in_h * r->in_w * r->in_c;
    for (int32_t px = 0; px < pixels; px += 2) {
      const int pair = px + 1 < pixels;
      int8_t *out0 = output + ((size_t)b * pixels + px) * r->out_c, *out1 = out0 + r->out_c;
      for (int32_t g = 0; g < groups; g++) {
        gather(r, in_b, px / r->out_w, px % r->out_w, g, patch0);
        if (pair) gather(r, in_b, (px + 1) / r->out_w, (px + 1) % r->out_w, g, patch1);
        const int32_t oc_end = (g + 1) * r->group_out;
        int32_t oc = g * r->group_out;
        for (; oc + 2 <= oc_end; oc += 2) {
          const int8_t *w0 = filter + (size_t)oc * len, *w1 = w0 + len;
          const int32_t b0 = bias ? tml_read_i32(bias + 4 * oc) : 0, b1 = bias ? tml_read_i32(bias + 4 * oc + 4) : 0;
          int32_t acc[4] = {0, 0, 0, 0};
          if (pair) tml_dot_2x2(patch0, patch1, w0, w1, len, acc);
          else tml_dot_1x2(patch0, w0, w1, len, acc);
          out0[oc] = requantize(r, tml_wrap_add(acc[0], b0), oc);
          out0[oc + 1] = requantize(r, tml_wrap_add(acc[1], b1), oc + 1);
          if (pair) {
            out1[oc] = requantize(r, tml_wrap_add(acc[2], b0), oc);
            out1[oc + 1] = requantize(r, tml_wrap_add(acc[3], b1), oc + 1);
          }
        }
        if (oc < oc_end) {
          const int8_t *w0 = filter + (size_t)oc * len;
          const int32_t b0 = bias ? tml_read_i32(bias + 4 * oc) : 0;
          out0[oc] = requantize(r, tml_wrap_add(tml_dot_1x1(patch0, w0, len), b0), oc);
          if (pair) out1[oc] = requantize(r, tml_wrap_add(tml_dot_1x1(patch1, w0, len), b0), oc);
        }
      }
    }
  }
}
