/* DEPTHWISE_CONV_2D, int8: filter [1, KH, KW, Cin * multiplier], output channel = input channel * multiplier + m.
   Eval works on blocks of 4 output channels (8 with SSE2) of one output pixel: every tap inside the image adds
   (input - zero point) * weight to each channel's accumulator; inputs and weights of a block are adjacent bytes
   (or one broadcast input when the multiplier is a multiple of the block). */
#include "../quant.h"
#include "../tflite_schema.h"
#include "dot.h"
#include "kernels.h"

typedef struct dw_record {
  tml_ref input, filter, bias, output;
  int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, multiplier;
  int32_t stride_h, stride_w, dil_h, dil_w, pad_h, pad_w;
  int32_t input_offset, output_offset, act_min, act_max;
  tml_requant channel[];
} dw_record;

tml_status tml_depthwise_conv_prepare(tml_prepare *p) {
  tml_tensor in, filter, bias, out;
  int has_bias;
  fb_table o;
  int32_t padding = TFL_PADDING_SAME, stride_w = 0, stride_h = 0, multiplier = 0, act = 0, dil_w = 1, dil_h = 1;
  tml_status st = tml_expect_io(p, 2, 3, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_input(p, 1, &filter);
  if (st == TML_OK) st = tml_optional_input(p, 2, &bias, &has_bias);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &in, "input");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st == TML_OK) st = tml_expect_type(p, &filter, TML_INT8, "filter");
  if (st != TML_OK) return st;
  if (tml_options(p, TFL_OPT_DEPTHWISE_CONV_2D, &o)) {
    int8_t pad8 = 0, act8 = 0;
    fb_i8(&p->buf, &o, DW_PADDING, &pad8);
    fb_i32(&p->buf, &o, DW_STRIDE_W, &stride_w);
    fb_i32(&p->buf, &o, DW_STRIDE_H, &stride_h);
    fb_i32(&p->buf, &o, DW_DEPTH_MULTIPLIER, &multiplier);
    fb_i8(&p->buf, &o, DW_ACTIVATION, &act8);
    fb_i32(&p->buf, &o, DW_DILATION_W, &dil_w);
    fb_i32(&p->buf, &o, DW_DILATION_H, &dil_h);
    padding = pad8, act = act8;
  }
  if (in.rank != 4 || filter.rank != 4 || out.rank != 4)
    return tml_fail(p, TML_ERROR_MODEL, "input, filter and output must be 4-D");
  int32_t in_c = in.dims[3], out_c = filter.dims[3], k_h = filter.dims[1], k_w = filter.dims[2];
  if (filter.dims[0] != 1) return tml_fail(p, TML_ERROR_MODEL, "filter dimension 0 is %d, expected 1", filter.dims[0]);
  if (multiplier < 1 || (int64_t)in_c * multiplier != out_c)
    return tml_fail(p, TML_ERROR_MODEL, "depth multiplier %d does not map %d input channels to %d", multiplier, in_c, out_c);
  if (out.dims[0] != in.dims[0] || out.dims[3] != out_c)
    return tml_fail(p, TML_ERROR_MODEL, "output shape does not match input and filter");
  if (filter.scales.count > 1 && filter.quantized_dimension != 3)
    return tml_fail(p, TML_ERROR_MODEL, "filter quantized along dimension %d, expected 3", filter.quantized_dimension);
  if (has_bias) {
    st = tml_expect_type(p, &bias, TML_INT32, "bias");
    if (st != TML_OK) return st;
    if (bias.elements != (uint32_t)out_c) return tml_fail(p, TML_ERROR_MODEL, "bias has %u values for %d channels", bias.elements, out_c);
  }
  if ((int64_t)k_h * k_w > TML_MAX_ACCUMULATION)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "a %dx%d filter could overflow int32", k_h, k_w);
  int32_t pad_h, pad_w, act_min, act_max;
  st = tml_padding(p, padding, in.dims[1], k_h, stride_h, dil_h, out.dims[1], &pad_h);
  if (st == TML_OK) st = tml_padding(p, padding, in.dims[2], k_w, stride_w, dil_w, out.dims[2], &pad_w);
  if (st == TML_OK) st = tml_activation_range(p, act, &out, &act_min, &act_max);
  if (st == TML_OK) st = tml_channel_multipliers(p, &in, &filter, &out, out_c, NULL);
  if (st != TML_OK) return st;

  p->macs = (uint64_t)in.dims[0] * out.dims[1] * out.dims[2] * out_c * k_h * k_w;
  dw_record *r = tml_record(p, (uint32_t)(sizeof *r + (size_t)out_c * sizeof(tml_requant)));
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->filter = tml_ref_of(p, &filter), r->output = tml_ref_of(p, &out);
  r->bias = has_bias ? tml_ref_of(p, &bias) : TML_REF_NONE;
  r->batches = in.dims[0], r->in_h = in.dims[1], r->in_w = in.dims[2], r->in_c = in_c;
  r->out_h = out.dims[1], r->out_w = out.dims[2], r->out_c = out_c, r->k_h = k_h, r->k_w = k_w, r->multiplier = multiplier;
  r->stride_h = stride_h, r->stride_w = stride_w, r->dil_h = dil_h, r->dil_w = dil_w, r->pad_h = pad_h, r->pad_w = pad_w;
  r->input_offset = -in.zero_point, r->output_offset = out.zero_point, r->act_min = act_min, r->act_max = act_max;
  return tml_channel_multipliers(p, &in, &filter, &out, out_c, r->channel);
}

/* Taps [k0, k1) of a filter dimension whose input index start + k * dilation lies inside [0, size). */
static void tap_range(int32_t start, int32_t dilation, int32_t filter, int32_t size, int32_t *k0, int32_t *k1) {
  *k0 = start < 0 ? (-start + dilation - 1) / dilation : 0;
  const int32_t last = size - 1 - start; /* largest k * dilation allowed */
  *k1 = last < 0 ? 0 : last / dilation + 1;
  if (*k1 > filter) *k1 = filter;
  if (*k0 > *k1) *k0 = *k1;
}

typedef struct dw_window {
  const int8_t *in;   /* the output pixel's first valid tap, channel 0 */
  const int8_t *w;    /* its weights, channel 0 */
  int32_t rows, cols; /* valid taps */
  int32_t in_row, in_col, w_row, w_col; /* steps in bytes */
} dw_window;

/* acc[0..3] = taps of channels oc..oc+3 (all from one input channel when shared). Accumulators stay in
   registers; the shared and separate cases are separate loops. */
static TML_ALWAYS_INLINE void block4(const dw_record *r, const dw_window *win, int32_t oc, int shared, int32_t acc[4]) {
  const int32_t off = r->input_offset;
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const int8_t *x_row = win->in + (shared ? oc / r->multiplier : oc), *w_row = win->w + oc;
  for (int32_t ky = 0; ky < win->rows; ky++, x_row += win->in_row, w_row += win->w_row) {
    const int8_t *x = x_row, *w = w_row;
#ifdef TML_DOT_ARM_DSP
    if (shared) {
      for (int32_t kx = 0; kx < win->cols; kx++, x += win->in_col, w += win->w_col) {
        const uint32_t w4 = tml_load32(w), we = __sxtb16(w4), wo = tml_sxtb16_odd(w4);
        const uint32_t xx = (uint32_t)(uint16_t)(x[0] + off) * 0x10001u;
        a0 = __smlabb(xx, we, a0), a2 = __smlatt(xx, we, a2), a1 = __smlabb(xx, wo, a1), a3 = __smlatt(xx, wo, a3);
      }
    } else {
      const uint32_t off2 = (uint32_t)(uint16_t)off * 0x10001u;
      for (int32_t kx = 0; kx < win->cols; kx++, x += win->in_col, w += win->w_col) {
        const uint32_t w4 = tml_load32(w), we = __sxtb16(w4), wo = tml_sxtb16_odd(w4);
        const uint32_t x4 = tml_load32(x), xe = __sadd16(__sxtb16(x4), off2), xo = __sadd16(tml_sxtb16_odd(x4), off2);
        a0 = __smlabb(xe, we, a0), a2 = __smlatt(xe, we, a2), a1 = __smlabb(xo, wo, a1), a3 = __smlatt(xo, wo, a3);
      }
    }
#else
    if (shared) {
      for (int32_t kx = 0; kx < win->cols; kx++, x += win->in_col, w += win->w_col) {
        const int32_t v = x[0] + off;
        a0 += v * w[0], a1 += v * w[1], a2 += v * w[2], a3 += v * w[3];
      }
    } else {
      for (int32_t kx = 0; kx < win->cols; kx++, x += win->in_col, w += win->w_col) {
        a0 += (x[0] + off) * w[0], a1 += (x[1] + off) * w[1], a2 += (x[2] + off) * w[2], a3 += (x[3] + off) * w[3];
      }
    }
#endif
  }
  acc[0] = a0, acc[1] = a1, acc[2] = a2, acc[3] = a3;
}

#ifdef TML_DOT_SSE2
/* acc[0..7] += taps of channels oc..oc+7 (multiplier 1, or a shared input channel). */
static TML_ALWAYS_INLINE void block8(const dw_record *r, const dw_window *win, int32_t oc, int shared, int32_t acc[8]) {
  const __m128i off = _mm_set1_epi16((int16_t)r->input_offset);
  __m128i lo = _mm_setzero_si128(), hi = lo;
  const int32_t ic = oc / r->multiplier;
  for (int32_t ky = 0; ky < win->rows; ky++) {
    const int8_t *x = win->in + (size_t)ky * win->in_row + (shared ? ic : oc);
    const int8_t *w = win->w + (size_t)ky * win->w_row + oc;
    for (int32_t kx = 0; kx < win->cols; kx++, x += win->in_col, w += win->w_col) {
      const __m128i xv = shared ? _mm_set1_epi16((int16_t)(x[0] + r->input_offset)) : _mm_add_epi16(tml_widen8(x), off);
      const __m128i product = _mm_mullo_epi16(xv, tml_widen8(w)); /* |x| <= 255, |w| <= 128: exact in int16 */
      lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(product, product), 16));
      hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(product, product), 16));
    }
  }
  int32_t sums[8];
  _mm_storeu_si128((__m128i *)(void *)sums, lo);
  _mm_storeu_si128((__m128i *)(void *)(sums + 4), hi);
  for (int i = 0; i < 8; i++) acc[i] += sums[i];
}
#endif

static TML_ALWAYS_INLINE void finish(const dw_record *r, const uint8_t *bias, int32_t oc, int32_t n, const int32_t *acc, int8_t *out) {
  for (int32_t i = 0; i < n; i++) {
    int32_t a = acc[i];
    if (bias) a = tml_wrap_add(a, tml_read_i32(bias + 4 * (oc + i)));
    a = tml_wrap_add(tml_mbqm(a, r->channel[oc + i].multiplier, r->channel[oc + i].shift), r->output_offset);
    out[oc + i] = (int8_t)tml_clamp(a, r->act_min, r->act_max);
  }
}

void tml_depthwise_conv_eval(const tml_eval *e, const void *record) {
  const dw_record *r = record;
  const int8_t *input = tml_data(e, r->input), *filter = tml_data(e, r->filter);
  const uint8_t *bias = r->bias == TML_REF_NONE ? NULL : tml_data(e, r->bias);
  int8_t *output = tml_data(e, r->output);
  const int32_t m = r->multiplier;
  for (int32_t b = 0; b < r->batches; b++) {
    const int8_t *in_b = input + (size_t)b * r->in_h * r->in_w * r->in_c;
    for (int32_t oy = 0; oy < r->out_h; oy++) {
      const int32_t y0 = oy * r->stride_h - r->pad_h;
      int32_t ky0, ky1;
      tap_range(y0, r->dil_h, r->k_h, r->in_h, &ky0, &ky1);
      for (int32_t ox = 0; ox < r->out_w; ox++, output += r->out_c) {
        const int32_t x0 = ox * r->stride_w - r->pad_w;
        int32_t kx0, kx1;
        tap_range(x0, r->dil_w, r->k_w, r->in_w, &kx0, &kx1);
        dw_window win;
        win.in = in_b + ((size_t)(y0 + ky0 * r->dil_h) * r->in_w + (x0 + kx0 * r->dil_w)) * r->in_c;
        win.w = filter + ((size_t)ky0 * r->k_w + kx0) * r->out_c;
        win.rows = ky1 - ky0, win.cols = kx1 - kx0;
        win.in_row = r->dil_h * r->in_w * r->in_c, win.in_col = r->dil_w * r->in_c;
        win.w_row = r->k_w * r->out_c, win.w_col = r->out_c;
        int32_t oc = 0;
#ifdef TML_DOT_SSE2
        for (; oc + 8 <= r->out_c && (m == 1 || m % 8 == 0); oc += 8) {
          int32_t acc[8] = {0};
          block8(r, &win, oc, m != 1, acc);
          finish(r, bias, oc, 8, acc, output);
        }
#endif
        for (; oc + 4 <= r->out_c && (m == 1 || m % 4 == 0); oc += 4) {
          int32_t acc[4] = {0, 0, 0, 0};
          block4(r, &win, oc, m != 1, acc);
          finish(r, bias, oc, 4, acc, output);
        }
        for (; oc < r->out_c; oc++) { /* remaining channels, or multipliers that mix input channels in a block */
          int32_t acc = 0;
          for (int32_t ky = 0; ky < win.rows; ky++)
            for (int32_t kx = 0; kx < win.cols; kx++)
              acc += (win.in[(size_t)ky * win.in_row + (size_t)kx * win.in_col + oc / m] + r->input_offset) *
                     win.w[(size_t)ky * win.w_row + (size_t)kx * win.w_col + oc];
          finish(r, bias, oc, 1, &acc, output);
        }
      }
    }
  }
}
