/* What kernels use while preparing an operator: its tensors, options, errors and record. */
#include <string.h>

#include "engine.h"

/* ---- formatter: %d %u %s %c %% only, always NUL-terminated ---- */

typedef struct sink {
  char *out;
  uint32_t cap, len;
} sink;

static void put(sink *s, char c) {
  if (s->len + 1 < s->cap) s->out[s->len++] = c;
}

static void put_unsigned(sink *s, uint32_t v) {
  char digits[10];
  int n = 0;
  do digits[n++] = (char)('0' + v % 10); while ((v /= 10) != 0);
  while (n) put(s, digits[--n]);
}

void tml_vformat(char *out, uint32_t capacity, const char *fmt, va_list args) {
  sink s = {out, capacity, 0};
  if (!out || capacity == 0) return;
  for (; *fmt; fmt++) {
    if (*fmt != '%') { put(&s, *fmt); continue; }
    switch (*++fmt) {
      case 'd': {
        int32_t v = (int32_t)va_arg(args, int);
        if (v < 0) { put(&s, '-'); put_unsigned(&s, 0u - (uint32_t)v); } else put_unsigned(&s, (uint32_t)v);
        break;
      }
      case 'u': put_unsigned(&s, (uint32_t)va_arg(args, unsigned)); break;
      case 'c': put(&s, (char)va_arg(args, int)); break;
      case 's': {
        const char *str = va_arg(args, const char *);
        for (str = str ? str : "(null)"; *str; str++) put(&s, *str);
        break;
      }
      case '%': put(&s, '%'); break;
      case 0: fmt--; break;
      default: put(&s, '%'); put(&s, *fmt); break;
    }
  }
  out[s.len] = 0;
}

void tml_format(char *out, uint32_t capacity, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  tml_vformat(out, capacity, fmt, args);
  va_end(args);
}

tml_status tml_fail(tml_prepare *p, tml_status status, const char *fmt, ...) {
  char detail[TML_ERROR_TEXT];
  va_list args;
  va_start(args, fmt);
  tml_vformat(detail, sizeof detail, fmt, args);
  va_end(args);
  if (p->error) tml_format(p->error, TML_ERROR_TEXT, "node %d (%s): %s", p->node, p->op_name, detail);
  return status;
}

/* ---- tensors ---- */

int32_t tml_input_count(const tml_prepare *p) { return (int32_t)p->inputs.count; }
int32_t tml_output_count(const tml_prepare *p) { return (int32_t)p->outputs.count; }

int32_t tml_input_index(const tml_prepare *p, int32_t k) {
  if (k < 0 || (uint32_t)k >= p->inputs.count) return -1;
  return fb_read_i32(p->buf.data + p->inputs.pos + 4u * (uint32_t)k);
}

static tml_status load_tensor(tml_prepare *p, int32_t index, tml_tensor *t, const char *what, int32_t k) {
  tml_status st = tml_read_tensor(p->model, index, t);
  if (st != TML_OK) return tml_fail(p, st, "%s %d (tensor %d) is malformed", what, k, index);
  return TML_OK;
}

tml_status tml_optional_input(tml_prepare *p, int32_t k, tml_tensor *t, int *present) {
  int32_t index = tml_input_index(p, k);
  *present = index >= 0;
  if (!*present) {
    memset(t, 0, sizeof *t);
    t->index = -1;
    return TML_OK;
  }
  return load_tensor(p, index, t, "input", k);
}

tml_status tml_input(tml_prepare *p, int32_t k, tml_tensor *t) {
  int present;
  tml_status st = tml_optional_input(p, k, t, &present);
  if (st == TML_OK && !present) return tml_fail(p, TML_ERROR_MODEL, "input %d is missing", k);
  return st;
}

tml_status tml_output(tml_prepare *p, int32_t k, tml_tensor *t) {
  if (k < 0 || (uint32_t)k >= p->outputs.count) return tml_fail(p, TML_ERROR_MODEL, "output %d is missing", k);
  tml_status st = load_tensor(p, fb_read_i32(p->buf.data + p->outputs.pos + 4u * (uint32_t)k), t, "output", k);
  if (st == TML_OK && t->constant) return tml_fail(p, TML_ERROR_MODEL, "output %d (tensor %d) is a constant", k, t->index);
  return st;
}

tml_status tml_expect_io(tml_prepare *p, int32_t min_inputs, int32_t max_inputs, int32_t outputs) {
  int32_t n = tml_input_count(p);
  if (n < min_inputs || n > max_inputs) {
    if (min_inputs == max_inputs) return tml_fail(p, TML_ERROR_MODEL, "has %d inputs, expects %d", n, min_inputs);
    return tml_fail(p, TML_ERROR_MODEL, "has %d inputs, expects %d to %d", n, min_inputs, max_inputs);
  }
  if (tml_output_count(p) != outputs)
    return tml_fail(p, TML_ERROR_MODEL, "has %d outputs, expects %d", tml_output_count(p), outputs);
  return TML_OK;
}

int tml_options(tml_prepare *p, uint8_t union_type, fb_table *options) {
  if (!p->has_options || p->options_type != union_type) return 0;
  *options = p->options;
  return 1;
}

void *tml_record(tml_prepare *p, uint32_t bytes) {
  p->record_bytes = tml_align4(bytes);
  if (p->record) memset(p->record, 0, p->record_bytes);
  return p->record;
}

tml_ref tml_ref_of(const tml_prepare *p, const tml_tensor *t) {
  if (!t || t->index < 0) return TML_REF_NONE;
  if (t->constant) return TML_REF_MODEL | (uint32_t)(t->constant - p->buf.data);
  return p->refs ? p->refs[t->index] : TML_REF_NONE;
}

tml_status tml_expect_type(tml_prepare *p, const tml_tensor *t, tml_type type, const char *role) {
  if (t->type == type) return TML_OK;
  return tml_fail(p, TML_ERROR_UNSUPPORTED, "%s (tensor %d) is %s, expected %s", role, t->index, tml_type_name(t->type),
                  tml_type_name(type));
}

tml_status tml_expect_per_tensor_quant(tml_prepare *p, const tml_tensor *t, const char *role) {
  if (t->scales.count == 0) return tml_fail(p, TML_ERROR_MODEL, "%s (tensor %d) has no quantization", role, t->index);
  if (t->scales.count != 1)
    return tml_fail(p, TML_ERROR_UNSUPPORTED, "%s (tensor %d) must be quantized per tensor", role, t->index);
  if (!(t->scale > 0.0f)) return tml_fail(p, TML_ERROR_MODEL, "%s (tensor %d) has scale 0", role, t->index);
  return TML_OK;
}

int tml_same_shape(const tml_tensor *a, const tml_tensor *b) {
  if (a->rank != b->rank) return 0;
  for (int32_t i = 0; i < a->rank; i++)
    if (a->dims[i] != b->dims[i]) return 0;
  return 1;
}
