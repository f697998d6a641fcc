/* ADD, int8 with broadcasting: both inputs rescaled to a common 2^20 fixed-point scale, summed, requantized. */
#include "../quant.h"
#include "../tflite_schema.h"
#include "broadcast.h"
#include "kernels.h"

#define ADD_LEFT_SHIFT 20

typedef struct add_record {
  tml_ref a, b, output;
  tml_broadcast bc;
  int32_t a_offset, b_offset, output_offset, act_min, act_max;
  tml_requant a_scale, b_scale, output_scale;
} add_record;

static tml_status smaller_than_one(tml_prepare *p, double real, tml_requant *q) {
  if (!(real > 0.0 && real < 1.0)) return tml_fail(p, TML_ERROR_UNSUPPORTED, "scales give a rescale factor outside (0, 1)");
  *q = tml_quantize_multiplier(real);
  return TML_OK;
}

tml_status tml_add_prepare(tml_prepare *p) {
  tml_tensor a, b, out;
  fb_table o;
  int8_t act = 0;
  add_record rec;
  tml_status st = tml_expect_io(p, 2, 2, 1);
  if (st == TML_OK) st = tml_input(p, 0, &a);
  if (st == TML_OK) st = tml_input(p, 1, &b);
  if (st == TML_OK) st = tml_output(p, 0, &out);
  if (st == TML_OK) st = tml_expect_int8_activation(p, &a, "input 0");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &b, "input 1");
  if (st == TML_OK) st = tml_expect_int8_activation(p, &out, "output");
  if (st != TML_OK) return st;
  if (tml_options(p, TFL_OPT_ADD, &o)) fb_i8(&p->buf, &o, ADD_ACTIVATION, &act);
  st = tml_broadcast_prepare(p, &a, &b, &out, &rec.bc);
  if (st == TML_OK) st = tml_activation_range(p, act, &out, &rec.act_min, &rec.act_max);
  if (st != TML_OK) return st;
  const double twice_max = 2.0 * (double)(a.scale > b.scale ? a.scale : b.scale);
  st = smaller_than_one(p, (double)a.scale / twice_max, &rec.a_scale);
  if (st == TML_OK) st = smaller_than_one(p, (double)b.scale / twice_max, &rec.b_scale);
  if (st == TML_OK) st = smaller_than_one(p, twice_max / ((double)(1 << ADD_LEFT_SHIFT) * (double)out.scale), &rec.output_scale);
  if (st != TML_OK) return st;
  p->inplace_input = tml_same_shape(&a, &out) ? 0 : tml_same_shape(&b, &out) ? 1 : -1;
  add_record *r = tml_record(p, sizeof *r);
  if (!r) return TML_OK;
  *r = rec;
  r->a = tml_ref_of(p, &a), r->b = tml_ref_of(p, &b), r->output = tml_ref_of(p, &out);
  r->a_offset = -a.zero_point, r->b_offset = -b.zero_point, r->output_offset = out.zero_point;
  return TML_OK;
}

static void add_row(const void *params, const int8_t *a, int32_t a_step, const int8_t *b, int32_t b_step, int8_t *out,
                    int32_t n) {
  const add_record *r = params;
  for (int32_t i = 0; i < n; i++, a += a_step, b += b_step) {
    const int32_t va = (int32_t)((uint32_t)(*a + r->a_offset) << ADD_LEFT_SHIFT);
    const int32_t vb = (int32_t)((uint32_t)(*b + r->b_offset) << ADD_LEFT_SHIFT);
    const int32_t sum = tml_mbqm(va, r->a_scale.multiplier, r->a_scale.shift) +
                        tml_mbqm(vb, r->b_scale.multiplier, r->b_scale.shift);
    const int32_t v = tml_mbqm(sum, r->output_scale.multiplier, r->output_scale.shift) + r->output_offset;
    out[i] = (int8_t)tml_clamp(v, r->act_min, r->act_max);
  }
}

void tml_add_eval(const tml_eval *e, const void *record) {
  const add_record *r = record;
  tml_broadcast_rows(&r->bc, tml_data(e, r->a), tml_data(e, r->b), tml_data(e, r->output), add_row, r);
}
