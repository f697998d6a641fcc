/* CONCATENATION along one axis: for each outer index, each input's slab in turn. Inputs share the output's
   type and, when quantized, its quantization (so bytes copy unchanged). */
#include <string.h>

#include "../tflite_schema.h"
#include "kernels.h"

typedef struct concat_part {
  tml_ref input;
  uint32_t slab_bytes; /* bytes per outer index */
} concat_part;

typedef struct concat_record {
  tml_ref output;
  uint32_t outer, count;
  concat_part parts[];
} concat_record;

tml_status tml_concatenation_prepare(tml_prepare *p) {
  tml_tensor out, in;
  fb_table o;
  int32_t axis = 0;
  int8_t act = 0;
  const int32_t count = tml_input_count(p);
  tml_status st = tml_expect_io(p, 1, 64, 1);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st != TML_OK) return st;
  if (tml_options(p, TFL_OPT_CONCATENATION, &o)) {
    fb_i32(&p->buf, &o, CONCAT_AXIS, &axis);
    fb_i8(&p->buf, &o, CONCAT_ACTIVATION, &act);
  }
  if (act != 0) return tml_fail(p, TML_ERROR_UNSUPPORTED, "fused activation %d on concatenation", act);
  if (axis < 0) axis += out.rank;
  if (axis < 0 || axis >= out.rank) return tml_fail(p, TML_ERROR_MODEL, "axis out of range for rank %d", out.rank);
  const uint32_t size = tml_type_size(out.type);
  if (size == 0) return tml_fail(p, TML_ERROR_UNSUPPORTED, "type %s", tml_type_name(out.type));
  uint32_t outer = 1, inner = size;
  for (int32_t d = 0; d < axis; d++) outer *= (uint32_t)out.dims[d];
  for (int32_t d = axis + 1; d < out.rank; d++) inner *= (uint32_t)out.dims[d];
  concat_record *r = tml_record(p, (uint32_t)(sizeof *r + (size_t)count * sizeof(concat_part)));
  int64_t total = 0;
  for (int32_t k = 0; k < count; k++) {
    st = tml_input(p, k, &in);
    if (st != TML_OK) return st;
    if (in.type != out.type) return tml_fail(p, TML_ERROR_MODEL, "input %d is %s, output %s", k, tml_type_name(in.type), tml_type_name(out.type));
    if (in.scale != out.scale || in.zero_point != out.zero_point)
      return tml_fail(p, TML_ERROR_UNSUPPORTED, "input %d quantization differs from the output's", k);
    if (in.rank != out.rank) return tml_fail(p, TML_ERROR_MODEL, "input %d has rank %d, output %d", k, in.rank, out.rank);
    for (int32_t d = 0; d < out.rank; d++)
      if (d != axis && in.dims[d] != out.dims[d])
        return tml_fail(p, TML_ERROR_MODEL, "input %d dimension %d is %d, output's %d", k, d, in.dims[d], out.dims[d]);
    total += in.dims[axis];
    if (r) r->parts[k].input = tml_ref_of(p, &in), r->parts[k].slab_bytes = (uint32_t)in.dims[axis] * inner;
  }
  if (total != out.dims[axis]) return tml_fail(p, TML_ERROR_MODEL, "inputs add up to %d along the axis, output has %d", (int32_t)total, out.dims[axis]);
  if (!r) return TML_OK;
  r->output = tml_ref_of(p, &out), r->outer = outer, r->count = (uint32_t)count;
  return TML_OK;
}

void tml_concatenation_eval(const tml_eval *e, const void *record) {
  const concat_record *r = record;
  uint8_t *out = tml_data(e, r->output);
  for (uint32_t o = 0; o < r->outer; o++)
    for (uint32_t k = 0; k < r->count; k++) {
      const concat_part *part = &r->parts[k];
      memcpy(out, (const uint8_t *)tml_data(e, part->input) + (size_t)o * part->slab_bytes, part->slab_bytes);
      out += part->slab_bytes;
    }
}
