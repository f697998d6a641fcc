/* MUL, int8 with broadcasting: product of the zero-point-corrected inputs, requantized once. */
#include "../quant.h"
#include "../tflite_schema.h"
#include "broadcast.h"
#include "kernels.h"

typedef struct mul_record {
  tml_ref a, b, output;
  tml_broadcast bc;
  int32_t a_offset, b_offset, output_offset, act_min, act_max;
  tml_requant scale;
} mul_record;

tml_status tml_mul_prepare(tml_prepare *p) {
  tml_tensor a, b, out;
  fb_table o;
  int8_t act = 0;
  mul_record rec;
  tml_status st = tml_expect_io(p, 2, 2, 1);
  if (st == TML_OK) st = tml_input(p, 0, &a);
  if (st == TML_OK) st = tml_input(p, 1, &b);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &a, "input 0");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &b, "input 1");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st != TML_OK) return st;
  if (tml_options(p, TFL_OPT_MUL, &o)) fb_i8(&p->buf, &o, MUL_ACTIVATION, &act);
  st = tml_broadcast_prepare(p, &a, &b, &out, &rec.bc);
  if (st == TML_OK) st = tml_activation_range(p, act, &out, &rec.act_min, &rec.act_max);
  if (st != TML_OK) return st;
  st = tml_multiplier(p, (double)a.scale * (double)b.scale / (double)out.scale, &rec.scale);
  if (st != TML_OK) return st;
  if (rec.scale.shift > 15) return tml_fail(p, TML_ERROR_UNSUPPORTED, "output scale too small for the product");
  p->inplace_input = tml_same_shape(&a, &out) ? 0 : tml_same_shape(&b, &out) ? 1 : -1;
  mul_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  *r = rec;
  r->a = tml_ref_of(p, &a), r->b = tml_ref_of(p, &b), r->output = tml_ref_of(p, &out);
  r->a_offset = -a.zero_point, r->b_offset = -b.zero_point, r->output_offset = out.zero_point;
  return TML_OK;
}

static void mul_row(const void *params, const int8_t *a, int32_t a_step, const int8_t *b, int32_t b_step, int8_t *out,
                    int32_t n) {
  const mul_record *r = params;
  for (int32_t i = 0; i < n; i++, a += a_step, b += b_step) {
    const int32_t product = (*a + r->a_offset) * (*b + r->b_offset);
    const int32_t v = tml_mbqm(product, r->scale.multiplier, r->scale.shift) + r->output_offset;
    out[i] = (int8_t)tml_clamp(v, r->act_min, r->act_max);
  }
}

void tml_mul_eval(const tml_eval *e, const void *record) {
  const mul_record *r = record;
  tml_broadcast_rows(&r->bc, tml_data(e, r->a), tml_data(e, r->b), tml_data(e, r->output), mul_row, r);
}
