/* PAD and PADV2, int8: paddings [rank, 2] (constant int32 or int64); the pad value is the output zero point or
   PADV2's constant. Input and output share one quantization. */
#include <string.h>

#include "../quant.h"
#include "kernels.h"

typedef struct pad_record {
  tml_ref input, output;
  int32_t out_dims[TML_MAX_DIMS], before[TML_MAX_DIMS], in_dims[TML_MAX_DIMS];
  int32_t pad_value;
} pad_record;

tml_status tml_pad_prepare(tml_prepare *p) {
  tml_tensor in, paddings, value, out;
  int has_value;
  pad_record rec;
  tml_status st = tml_expect_io(p, 2, 3, 1);
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_input(p, 1, &paddings);
  if (st == TML_OK) st = tml_optional_input(p, 2, &value, &has_value);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &in, "input");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st != TML_OK) return st;
  if (in.scale != out.scale || in.zero_point != out.zero_point)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "input and output quantization differ");
  if (!paddings.constant || (paddings.type != TML_INT32 && paddings.type != TML_INT64))
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "paddings must be a constant int32 or int64 tensor");
  if (in.rank != out.rank || paddings.elements != 2u * (uint32_t)in.rank)
    return tml_fail(p, TML_ERROR_MODEL, "paddings do not match the input rank %d", in.rank);
  rec.pad_value = out.zero_point;
  if (has_value) {
    if (!value.constant || value.type != TML_INT8 || value.elements != 1)
      return tml_fail(p, TML_ERROR_UNSUPPORTED, "the pad value must be one constant int8");
    if (value.scale != out.scale || value.zero_point != out.zero_point)
      return tml_fail(p, TML_ERROR_MODEL, "pad value quantization differs from the output's");
    rec.pad_value = (int8_t)value.constant[0];
  }
  const int32_t lead = TML_MAX_DIMS - in.rank;
  for (int32_t d = 0; d < TML_MAX_DIMS; d++) {
    rec.in_dims[d] = rec.out_dims[d] = 1, rec.before[d] = 0;
    if (d < lead) continue;
    const int32_t k = d - lead;
    int64_t before, after;
    if (paddings.type == TML_INT32) {
      before = tml_read_i32(paddings.constant + 8 * k);
      after = tml_read_i32(paddings.constant + 8 * k + 4);
    } else {
      int64_t v[2];
      memcpy(v, paddings.constant + 16 * k, sizeof v);
      before = v[0], after = v[1];
    }
    if (before < 0 || after < 0 || (int64_t)in.dims[k] + before + after != out.dims[k])
      return tml_fail(p, TML_ERROR_MODEL, "dimension %d: %d padded by (%d, %d) is not the output's %d", k, in.dims[k],
                      (int32_t)before, (int32_t)after, out.dims[k]);
    rec.in_dims[d] = in.dims[k], rec.out_dims[d] = out.dims[k], rec.before[d] = (int32_t)before;
  }
  pad_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  *r = rec;
  r->input = tml_ref_of(p, &in), r->output = tml_ref_of(p, &out);
  return TML_OK;
}

void tml_pad_eval(const tml_eval *e, const void *record) {
  const pad_record *r = record;
  const int8_t *in = tml_data(e, r->input);
  int8_t *out = tml_data(e, r->output);
  const int32_t *od = r->out_dims, *b = r->before, *id = r->in_dims;
  const int32_t row = od[5], left = b[5], width = id[5];
  int32_t i[5];
  for (i[0] = 0; i[0] < od[0]; i[0]++)
    for (i[1] = 0; i[1] < od[1]; i[1]++)
      for (i[2] = 0; i[2] < od[2]; i[2]++)
        for (i[3] = 0; i[3] < od[3]; i[3]++)
          for (i[4] = 0; i[4] < od[4]; i[4]++, out += row) {
            int inside = 1;
            for (int d = 0; d < 5; d++) inside &= i[d] >= b[d] && i[d] < b[d] + id[d];
            if (!inside) {
              memset(out, r->pad_value, (size_t)row);
              continue;
            }
            memset(out, r->pad_value, (size_t)left);
            memcpy(out + left, in, (size_t)width);
            memset(out + left + width, r->pad_value, (size_t)(row - left - width));
            in += width;
          }
}
