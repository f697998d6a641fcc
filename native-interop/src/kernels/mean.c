/* MEAN, int8, over a constant list of axes. Equal input/output quantization: the raw sum divided by the count,
   truncated (the reference's plain path); otherwise the zero-point-corrected sum requantized with 1/count folded
   into the multiplier. */
#include "../quant.h"
#include "../tflite_schema.h"
#include "kernels.h"

typedef struct mean_record {
  tml_ref input, output;
  int32_t dims[TML_MAX_DIMS], strides[TML_MAX_DIMS]; /* kept dims first (in order), then reduced ones */
  int32_t kept;                                       /* how many leading entries are kept dims */
  int32_t outputs;
  int32_t count;                                      /* elements averaged per output */
  int32_t requantize, input_zero_point, output_zero_point;
  tml_requant scale;
} mean_record;

tml_status tml_mean_prepare(tml_prepare *p) {
  tml_tensor in, axes, out;
  mean_record rec;
  tml_status st = tml_expect_io(p, 2, 2, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_input(p, 1, &axes);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &in, "input");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st != TML_OK) return st;
  if (!axes.constant || axes.type != TML_INT32) return tml_fail(p, TML_ERROR_UNSUPPORTED, "axes must be a constant int32 tensor");
  int reduced[TML_MAX_DIMS] = {0};
  for (uint32_t i = 0; i < axes.elements; i++) {
    int32_t a = tml_read_i32(axes.constant + 4 * i);
    if (a < 0) a += in.rank;
    if (a < 0 || a >= in.rank) return tml_fail(p, TML_ERROR_MODEL, "axis %d out of range for rank %d", a, in.rank);
    reduced[a] = 1;
  }
  int64_t count = 1, kept_elements = 1;
  int32_t stride = 1, n = 0, strides[TML_MAX_DIMS];
  for (int32_t d = in.rank - 1; d >= 0; d--) strides[d] = stride, stride *= in.dims[d];
  for (int pass = 0; pass < 2; pass++) /* kept dims, then reduced dims, each in input order */
    for (int32_t d = 0; d < in.rank; d++) {
      if (reduced[d] != pass) continue;
      rec.dims[n] = in.dims[d], rec.strides[n] = strides[d], n++;
      if (pass) count *= in.dims[d];
      else kept_elements *= in.dims[d];
    }
  for (; n < TML_MAX_DIMS; n++) rec.dims[n] = 1, rec.strides[n] = 0;
  rec.kept = 0;
  for (int32_t d = 0; d < in.rank; d++) rec.kept += !reduced[d];
  if (kept_elements != out.elements)
    return tml_fail(p, TML_ERROR_MODEL, "output has %u elements, the reduction gives %d", out.elements, (int32_t)kept_elements);
  if (count > (1 << 23)) return tml_fail(p, TML_ERROR_UNSUPPORTED, "averaging %d values could overflow", (int32_t)count);
  rec.count = (int32_t)count;
  rec.outputs = (int32_t)kept_elements;
  rec.requantize = in.scale != out.scale || in.zero_point != out.zero_point;
  rec.input_zero_point = in.zero_point, rec.output_zero_point = out.zero_point;
  rec.scale.multiplier = rec.scale.shift = 0;
  if (rec.requantize && count > 0) {
    tml_requant q;
    st = tml_multiplier(p, (double)in.scale / (double)out.scale, &q);
    if (st != TML_OK) return st;
    int32_t s = 0;
    while ((INT64_C(2) << s) <= count) s++; /* floor(log2(count)) */
    if (s > 31 + q.shift) s = 31 + q.shift;
    if (s < 0) return tml_fail(p, TML_ERROR_UNSUPPORTED, "input/output scale ratio too small");
    rec.scale.multiplier = (int32_t)(((int64_t)q.multiplier << s) / count);
    rec.scale.shift = q.shift - s;
  }
  mean_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  *r = rec;
  r->input = tml_ref_of(p, &in), r->output = tml_ref_of(p, &out);
  return TML_OK;
}

/* Sum of the elements under the reduced dims (entries kept..5) starting at base. */
static int32_t reduce_sum(const mean_record *r, const int8_t *base) {
  const int32_t *d = r->dims, *s = r->strides;
  int32_t idx[TML_MAX_DIMS] = {0}, sum = 0;
  const int32_t first = r->kept;
  if (r->count == 0) return 0;
  for (;;) {
    size_t offset = 0;
    for (int32_t k = first; k < TML_MAX_DIMS; k++) offset += (size_t)idx[k] * s[k];
    sum += base[offset];
    int32_t k = TML_MAX_DIMS - 1;
    while (k >= first && ++idx[k] == d[k]) idx[k--] = 0;
    if (k < first) return sum;
  }
}

void tml_mean_eval(const tml_eval *e, const void *record) {
  const mean_record *r = record;
  const int8_t *input = tml_data(e, r->input);
  int8_t *output = tml_data(e, r->output);
  int32_t idx[TML_MAX_DIMS] = {0};
  for (int32_t o = 0; o < r->outputs; o++) {
    size_t base = 0;
    for (int32_t k = 0; k < r->kept; k++) base += (size_t)idx[k] * r->strides[k];
    const int32_t sum = reduce_sum(r, input + base);
    int32_t v = 0;
    if (r->count > 0 && !r->requantize) v = sum / r->count;
    else if (r->count > 0)
      v = tml_clamp(tml_mbqm(sum - r->input_zero_point * r->count, r->scale.multiplier, r->scale.shift) + r->output_zero_point,
                    -128, 127);
    *output++ = (int8_t)v;
    for (int32_t k = r->kept - 1; k >= 0 && ++idx[k] == r->dims[k]; k--) idx[k] = 0;
  }
}
