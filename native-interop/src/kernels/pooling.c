/* AVERAGE_POOL_2D and MAX_POOL_2D, int8, input and output on the same scale. Window taps outside the image
   count for nothing (the average divides by the taps inside). */
#include "../quant.h"
#include "../tflite_schema.h"
#include "kernels.h"

typedef struct pool_record {
  tml_ref input, output;
  int32_t batches, in_h, in_w, channels, out_h, out_w;
  int32_t filter_h, filter_w, stride_h, stride_w, pad_h, pad_w;
  int32_t act_min, act_max;
} pool_record;

static tml_status pool_prepare(tml_prepare *p) {
  tml_tensor in, out;
  fb_table o;
  int32_t padding = TFL_PADDING_SAME, stride_w = 0, stride_h = 0, filter_w = 0, filter_h = 0, act = 0;
  tml_status st = tml_expect_io(p, 1, 1, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &in, "input");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st != TML_OK) return st;
  if (tml_options(p, TFL_OPT_POOL_2D, &o)) {
    int8_t pad8 = 0, act8 = 0;
    fb_i8(&p->buf, &o, POOL_PADDING, &pad8);
    fb_i32(&p->buf, &o, POOL_STRIDE_W, &stride_w);
    fb_i32(&p->buf, &o, POOL_STRIDE_H, &stride_h);
    fb_i32(&p->buf, &o, POOL_FILTER_W, &filter_w);
    fb_i32(&p->buf, &o, POOL_FILTER_H, &filter_h);
    fb_i8(&p->buf, &o, POOL_ACTIVATION, &act8);
    padding = pad8, act = act8;
  }
  if (in.rank != 4 || out.rank != 4) return tml_fail(p, TML_ERROR_MODEL, "input and output must be 4-D");
  if (out.dims[0] != in.dims[0] || out.dims[3] != in.dims[3])
    return tml_fail(p, TML_ERROR_MODEL, "output batches/channels differ from the input's");
  if (in.scale != out.scale || in.zero_point != out.zero_point)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "input and output quantization differ");
  if ((int64_t)filter_h * filter_w > 0x7FFFFF) return tml_fail(p, TML_ERROR_UNSUPPORTED, "pooling window too large");
  int32_t pad_h, pad_w, act_min, act_max;
  st = tml_padding(p, padding, in.dims[1], filter_h, stride_h, 1, out.dims[1], &pad_h);
  if (st == TML_OK) st = tml_padding(p, padding, in.dims[2], filter_w, stride_w, 1, out.dims[2], &pad_w);
  if (st == TML_OK) st = tml_activation_range(p, act, &out, &act_min, &act_max);
  if (st != TML_OK) return st;
  pool_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->output = tml_ref_of(p, &out);
  r->batches = in.dims[0], r->in_h = in.dims[1], r->in_w = in.dims[2], r->channels = in.dims[3];
  r->out_h = out.dims[1], r->out_w = out.dims[2];
  r->filter_h = filter_h, r->filter_w = filter_w, r->stride_h = stride_h, r->stride_w = stride_w;
  r->pad_h = pad_h, r->pad_w = pad_w, r->act_min = act_min, r->act_max = act_max;
  return TML_OK;
}

tml_status tml_average_pool_prepare(tml_prepare *p) { return pool_prepare(p); }
tml_status tml_max_pool_prepare(tml_prepare *p) { return pool_prepare(p); }

static int32_t max32(int32_t a, int32_t b) { return a > b ? a : b; }
static int32_t min32(int32_t a, int32_t b) { return a < b ? a : b; }

static void pool_eval(const tml_eval *e, const pool_record *r, int average) {
  const int8_t *input = tml_data(e, r->input);
  int8_t *output = tml_data(e, r->output);
  for (int32_t b = 0; b < r->batches; b++) {
    const int8_t *in_b = input + (size_t)b * r->in_h * r->in_w * r->channels;
    for (int32_t oy = 0; oy < r->out_h; oy++) {
      const int32_t y0 = oy * r->stride_h - r->pad_h;
      const int32_t fy0 = max32(0, -y0), fy1 = min32(r->filter_h, r->in_h - y0);
      for (int32_t ox = 0; ox < r->out_w; ox++) {
        const int32_t x0 = ox * r->stride_w - r->pad_w;
        const int32_t fx0 = max32(0, -x0), fx1 = min32(r->filter_w, r->in_w - x0);
        const int32_t count = (fy1 - fy0) * (fx1 - fx0);
        for (int32_t c = 0; c < r->channels; c++) {
          int32_t acc = average ? 0 : -128;
          for (int32_t fy = fy0; fy < fy1; fy++)
            for (int32_t fx = fx0; fx < fx1; fx++) {
              int32_t v = in_b[((size_t)(y0 + fy) * r->in_w + (x0 + fx)) * r->channels + c];
              if (average) acc += v;
              else acc = v > acc ? v : acc;
            }
          if (average && count > 0) acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
          *output++ = (int8_t)tml_clamp(acc, r->act_min, r->act_max);
        }
      }
    }
  }
}

void tml_average_pool_eval(const tml_eval *e, const void *record) { pool_eval(e, record, 1); }
void tml_max_pool_eval(const tml_eval *e, const void *record) { pool_eval(e, record, 0); }
