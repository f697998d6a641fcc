/* The interpreter: lays a plan out in the caller's arena and runs the prepared operator records.
   Arena: [operator records][tensor reference table: 4 bytes per tensor][activations]. */
#include <string.h>

#include "engine.h"

typedef struct record_header {
  uint16_t kernel;
  uint16_t reserved;
  uint32_t bytes; /* header included */
} record_header;

static tml_status it_fail(tml_interpreter *it, tml_status status, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  tml_vformat(it->error, sizeof it->error, fmt, args);
  va_end(args);
  return status;
}

static const tml_ref *ref_table(const tml_interpreter *it) {
  return (const tml_ref *)(const void *)(it->arena + it->model->records_bytes);
}

tml_status tml_interpreter_init(tml_interpreter *it, const tml_plan *plan, void *arena, size_t arena_bytes) {
  if (!it) return TML_ERROR_ARGUMENT;
  memset(it, 0, sizeof *it);
  if (!plan || !plan->workspace || !plan->model || !plan->model->data)
    return it_fail(it, TML_ERROR_STATE, "no plan: call tml_plan_make first");
  const tml_model *m = plan->model;
  if (!arena) return it_fail(it, TML_ERROR_ARENA, "arena is NULL");
  if ((uintptr_t)arena & 3u) return it_fail(it, TML_ERROR_ARENA, "arena is not 4-byte aligned");
  if (arena_bytes < plan->arena_bytes)
    return it_fail(it, TML_ERROR_ARENA, "arena has %u bytes, the model needs %u", (uint32_t)arena_bytes, plan->arena_bytes);
  it->model = m;
  it->arena = (uint8_t *)arena;
  it->arena_bytes = plan->arena_bytes;
  it->activations = plan->persistent_bytes;

  tml_ref *refs = (tml_ref *)(void *)(it->arena + m->records_bytes);
  for (uint32_t t = 0; t < m->tensor_count; t++) refs[t] = tml_plan_ref(plan, (int32_t)t);

  uint32_t pos = 0;
  for (uint32_t i = 0; i < m->operator_count; i++) {
    tml_prepare p;
    uint16_t kernel_index = 0;
    tml_status st = tml_read_operator(m, (int32_t)i, &p);
    const tml_kernel *k = st == TML_OK ? tml_find_kernel(p.builtin, &kernel_index) : NULL;
    if (!k) return it_fail(it, TML_ERROR_MODEL, "node %u: operator changed since the model was loaded", i);
    record_header *h = (record_header *)(void *)(it->arena + pos);
    p.record = it->arena + pos + sizeof *h;
    p.refs = refs;
    p.scratch = tml_plan_scratch(plan, (int32_t)i);
    p.error = it->error;
    st = k->prepare(&p);
    if (st != TML_OK) {
      it->model = NULL;
      return st;
    }
    h->kernel = kernel_index;
    h->reserved = 0;
    h->bytes = (uint32_t)sizeof *h + p.record_bytes;
    pos += h->bytes;
    if (pos > m->records_bytes) {
      it->model = NULL;
      return it_fail(it, TML_ERROR_STATE, "node %u: records outgrew the size computed at load", i);
    }
  }
  return TML_OK;
}

const char *tml_interpreter_error(const tml_interpreter *it) { return it ? it->error : "interpreter is NULL"; }
const char *tml_plan_error(const tml_plan *plan) { return plan ? plan->error : "plan is NULL"; }

static void run_op(tml_interpreter *it, uint32_t *pos) {
  const record_header *h = (const record_header *)(const void *)(it->arena + *pos);
  const tml_kernel *k = tml_kernel_at(h->kernel);
  tml_eval e = {it->arena + it->activations, it->model->data};
  k->eval(&e, h + 1);
  *pos += h->bytes;
}

tml_status tml_invoke(tml_interpreter *it) {
  if (!it) return TML_ERROR_ARGUMENT;
  if (!it->model) return it_fail(it, TML_ERROR_STATE, "interpreter not initialized");
  uint32_t pos = 0;
  for (uint32_t i = 0; i < it->model->operator_count; i++) run_op(it, &pos);
  it->next_op = 0;
  it->next_record = 0;
  return TML_OK;
}

tml_status tml_invoke_op(tml_interpreter *it, int *done) {
  if (!it || !done) return TML_ERROR_ARGUMENT;
  if (!it->model) return it_fail(it, TML_ERROR_STATE, "interpreter not initialized");
  *done = 1;
  if (it->model->operator_count == 0) return TML_OK;
  run_op(it, &it->next_record);
  it->next_op++;
  *done = it->next_op >= it->model->operator_count;
  if (*done) it->next_op = 0, it->next_record = 0;
  return TML_OK;
}

tml_status tml_interpreter_tensor(const tml_interpreter *it, int32_t index, tml_tensor_info *info) {
  if (!it || !it->model) return TML_ERROR_STATE;
  tml_status st = tml_model_tensor(it->model, index, info);
  if (st != TML_OK) return st;
  tml_ref ref = ref_table(it)[index];
  tml_eval e = {it->arena + it->activations, it->model->data};
  info->data = ref == TML_REF_NONE ? NULL : tml_data(&e, ref);
  return TML_OK;
}

tml_status tml_interpreter_input(const tml_interpreter *it, int32_t input, tml_tensor_info *info) {
  if (!it || !it->model) return TML_ERROR_STATE;
  int32_t t = tml_model_input_tensor(it->model, input);
  return t < 0 ? TML_ERROR_ARGUMENT : tml_interpreter_tensor(it, t, info);
}

tml_status tml_interpreter_output(const tml_interpreter *it, int32_t output, tml_tensor_info *info) {
  if (!it || !it->model) return TML_ERROR_STATE;
  int32_t t = tml_model_output_tensor(it->model, output);
  return t < 0 ? TML_ERROR_ARGUMENT : tml_interpreter_tensor(it, t, info);
}
