/* CONV_2D, int8: NHWC input, OHWI filter (grouped when the filter's depth divides the input's), int32 bias,
   per-channel requantization. */
#include "../quant.h"
#include "../tflite_schema.h"
#include "kernels.h"

typedef struct conv_record {
  tml_ref input, filter, bias, output;
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
  conv_record *r = tml_record(p, (uint32_t)(sizeof *r + (size_t)out_c * sizeof(tml_requant)));
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->filter = tml_ref_of(p, &filter), r->output = tml_ref_of(p, &out);
  r->bias = has_bias ? tml_ref_of(p, &bias) : TML_REF_NONE;
  r->batches = in.dims[0], r->in_h = in.dims[1], r->in_w = in.dims[2], r->in_c = in.dims[3];
  r->out_h = out.dims[1], r->out_w = out.dims[2], r->out_c = out_c;
  r->k_h = k_h, r->k_w = k_w, r->group_c = group_c, r->group_out = out_c / groups;
  r->stride_h = stride_h, r->stride_w = stride_w, r->dil_h = dil_h, r->dil_w = dil_w, r->pad_h = pad_h, r->pad_w = pad_w;
  r->input_offset = -in.zero_point, r->output_offset = out.zero_point, r->act_min = act_min, r->act_max = act_max;
  return tml_channel_multipliers(p, &in, &filter, &out, out_c, r->channel);
}

void tml_conv_eval(const tml_eval *e, const void *record) {
  const conv_record *r = record;
  const int8_t *input = tml_data(e, r->input), *filter = tml_data(e, r->filter);
  const uint8_t *bias = r->bias == TML_REF_NONE ? NULL : tml_data(e, r->bias);
  int8_t *output = tml_data(e, r->output);
  for (int32_t b = 0; b < r->batches; b++) {
    const int8_t *in_b = input + (size_t)b * r->in_h * r->in_w * r->in_c;
    for (int32_t oy = 0; oy < r->out_h; oy++) {
      const int32_t y0 = oy * r->stride_h - r->pad_h;
      for (int32_t ox = 0; ox < r->out_w; ox++) {
        const int32_t x0 = ox * r->stride_w - r->pad_w;
        for (int32_t oc = 0; oc < r->out_c; oc++) {
          const int32_t in_c0 = (oc / r->group_out) * r->group_c;
          const int8_t *w = filter + (size_t)oc * r->k_h * r->k_w * r->group_c;
          int32_t acc = 0;
          for (int32_t ky = 0; ky < r->k_h; ky++) {
            const int32_t iy = y0 + ky * r->dil_h;
            if (iy < 0 || iy >= r->in_h) continue;
            for (int32_t kx = 0; kx < r->k_w; kx++) {
              const int32_t ix = x0 + kx * r->dil_w;
              if (ix < 0 || ix >= r->in_w) continue;
              const int8_t *px = in_b + ((size_t)iy * r->in_w + ix) * r->in_c + in_c0;
              const int8_t *wk = w + ((size_t)ky * r->k_w + kx) * r->group_c;
              for (int32_t ic = 0; ic < r->group_c; ic++) acc += wk[ic] * (px[ic] + r->input_offset);
            }
          }
          if (bias) acc = tml_wrap_add(acc, tml_read_i32(bias + 4 * oc));
          acc = tml_wrap_add(tml_mbqm(acc, r->channel[oc].multiplier, r->channel[oc].shift), r->output_offset);
          *output++ = (int8_t)tml_clamp(acc, r->act_min, r->act_max);
        }
      }
    }
  }
}
