/* RESHAPE and SQUEEZE: the output is the input's bytes under another shape. The planner gives both the same
   memory, so eval copies only if they were ever placed apart. */
#include <string.h>

#include "kernels.h"

typedef struct reshape_record {
  tml_ref input, output;
  uint32_t bytes;
} reshape_record;

tml_status tml_reshape_prepare(tml_prepare *p) {
  tml_tensor in, out;
  tml_status st = tml_expect_io(p, 1, 2, 1); /* an optional second input holds the new shape; the output tensor has it too */
  if (st == TML_OK) st = tml_input(p, 0, &in);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st != TML_OK) return st;
  if (in.type != out.type || tml_type_size(in.type) == 0)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "reshaping %s into %s", tml_type_name(in.type), tml_type_name(out.type));
  if (in.elements != out.elements)
    return tml_fail(p, TML_ERROR_MODEL, "input has %u elements, output %u", in.elements, out.elements);
  if (in.scale != out.scale || in.zero_point != out.zero_point)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "input and output quantization differ");
  p->alias_input0 = 1;
  reshape_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  r->input = tml_ref_of(p, &in), r->output = tml_ref_of(p, &out), r->bytes = in.bytes;
  return TML_OK;
}

void tml_reshape_eval(const tml_eval *e, const void *record) {
  const reshape_record *r = record;
  if (r->input != r->output) memmove(tml_data(e, r->output), tml_data(e, r->input), r->bytes);
}
