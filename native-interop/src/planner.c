/* The memory planner: from the model alone, the lifetime of every activation buffer, then a placement that
   lets buffers with disjoint lifetimes share memory. Reshape-like operators alias their input; elementwise
   operators may write over an input that dies with them. The result is exact before anything runs. */
#include <string.h>

#include "engine.h"

#define NO_BUFFER (-1)

typedef struct plan_buffer {
  uint32_t bytes;
  int32_t first, last; /* operator indices, inclusive */
  uint32_t offset;
  int32_t pinned;      /* holds a model input: never overwritten in place */
} plan_buffer;

/* Workspace layout (all 32-bit words, no pointers, so its size is the same on every architecture):
   header | tensor_buffer[T] | tensor_share[T] | op_inplace[N] | op_scratch[N] | buffers[T+N] | order[T+N] */
typedef struct plan_header {
  uint32_t tensors, ops, buffers, max_buffers;
} plan_header;

static plan_header *hdr(const tml_plan *p) { return (plan_header *)p->workspace; }
static int32_t *tensor_buffer(const tml_plan *p) { return (int32_t *)(hdr(p) + 1); }
static int32_t *tensor_share(const tml_plan *p) { return tensor_buffer(p) + hdr(p)->tensors; }
static int32_t *op_inplace(const tml_plan *p) { return tensor_share(p) + hdr(p)->tensors; }
static int32_t *op_scratch(const tml_plan *p) { return op_inplace(p) + hdr(p)->ops; }
static plan_buffer *buffers(const tml_plan *p) { return (plan_buffer *)(op_scratch(p) + hdr(p)->ops); }
static uint32_t *order(const tml_plan *p) { return (uint32_t *)(buffers(p) + hdr(p)->max_buffers); }

size_t tml_plan_workspace_bytes(const tml_model *m) {
  if (!m || !m->data) return 0;
  size_t t = m->tensor_count, n = m->operator_count;
  return sizeof(plan_header) + 8 * t + 8 * n + (t + n) * (sizeof(plan_buffer) + 4);
}

static tml_status plan_fail(char *error, tml_status status, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  tml_vformat(error, TML_ERROR_TEXT, fmt, args);
  va_end(args);
  return status;
}

static int32_t new_buffer(const tml_plan *p, uint32_t bytes, int32_t first, int32_t last) {
  plan_header *h = hdr(p);
  plan_buffer *b = &buffers(p)[h->buffers];
  b->bytes = tml_align4(bytes);
  b->first = first;
  b->last = last;
  b->offset = 0;
  b->pinned = 0;
  return (int32_t)h->buffers++;
}

static int32_t io_tensor(const tml_model *m, const fb_vector *v, uint32_t i) {
  return fb_read_i32(m->data + v->pos + 4 * i);
}

/* Pass A: every activation tensor gets a buffer (aliases share one); lifetimes cover every use. */
static tml_status assign_buffers(const tml_plan *p, const tml_model *m, char *error) {
  int32_t *tb = tensor_buffer(p), *share = tensor_share(p);
  const int32_t n = (int32_t)m->operator_count;
  for (int32_t i = 0; i < (int32_t)m->input_count; i++) {
    int32_t t = tml_model_input_tensor(m, i);
    tml_tensor tensor;
    if (tml_read_tensor(m, t, &tensor) != TML_OK) return plan_fail(error, TML_ERROR_MODEL, "model input %d malformed", i);
    if (tensor.constant || tb[t] != NO_BUFFER) continue;
    tb[t] = new_buffer(p, tensor.bytes, 0, 0);
    buffers(p)[tb[t]].pinned = 1;
  }
  for (int32_t i = 0; i < n; i++) {
    tml_prepare op;
    char op_error[TML_ERROR_TEXT];
    tml_status st = tml_check_operator(m, i, &op, op_error);
    if (st != TML_OK) return plan_fail(error, st, "%s", op_error);
    op_inplace(p)[i] = op.inplace_input;
    op_scratch(p)[i] = op.scratch_bytes ? new_buffer(p, op.scratch_bytes, i, i) : NO_BUFFER;
    for (uint32_t k = 0; k < op.inputs.count; k++) {
      int32_t t = io_tensor(m, &op.inputs, k);
      tml_tensor tensor;
      if (t < 0) continue;
      if (tml_read_tensor(m, t, &tensor) != TML_OK) return plan_fail(error, TML_ERROR_MODEL, "tensor %d malformed", t);
      if (tensor.constant) continue;
      int32_t b = tb[t];
      if (b == NO_BUFFER && share[t] >= 0) continue; /* a view of a constant */
      if (b == NO_BUFFER)
        return plan_fail(error, TML_ERROR_MODEL,
                         "node %d (%s) reads tensor %d, which is no model input and no earlier operator writes", i,
                         op.op_name, t);
      if (buffers(p)[b].last < i) buffers(p)[b].last = i;
    }
    for (uint32_t k = 0; k < op.outputs.count; k++) {
      int32_t t = io_tensor(m, &op.outputs, k);
      tml_tensor tensor;
      if (tb[t] != NO_BUFFER || share[t] >= 0)
        return plan_fail(error, TML_ERROR_MODEL, "node %d (%s) writes tensor %d, which is a model input or already written",
                         i, op.op_name, t);
      for (uint32_t j = 0; j < op.inputs.count; j++)
        if (io_tensor(m, &op.inputs, j) == t)
          return plan_fail(error, TML_ERROR_MODEL, "node %d (%s) reads and writes tensor %d", i, op.op_name, t);
      if (tml_read_tensor(m, t, &tensor) != TML_OK) return plan_fail(error, TML_ERROR_MODEL, "tensor %d malformed", t);
      int32_t in0 = io_tensor(m, &op.inputs, 0);
      if (k == 0 && op.alias_input0 && in0 >= 0) {
        share[t] = in0;
        tb[t] = tb[in0]; /* NO_BUFFER when the input is a constant: the output is a view of the model bytes */
        if (tb[t] != NO_BUFFER && buffers(p)[tb[t]].bytes < tml_align4(tensor.bytes))
          return plan_fail(error, TML_ERROR_MODEL, "node %d (%s) output larger than its input", i, op.op_name);
      } else {
        tb[t] = new_buffer(p, tensor.bytes, i, i);
      }
    }
  }
  for (int32_t i = 0; i < (int32_t)m->output_count; i++) {
    int32_t t = tml_model_output_tensor(m, i), b = tb[t];
    tml_tensor tensor;
    if (tml_read_tensor(m, t, &tensor) != TML_OK) return plan_fail(error, TML_ERROR_MODEL, "model output %d malformed", i);
    if (b == NO_BUFFER && !tensor.constant && share[t] < 0)
      return plan_fail(error, TML_ERROR_MODEL, "model output %d (tensor %d) is never written", i, t);
    if (b != NO_BUFFER) buffers(p)[b].last = n;
  }
  return TML_OK;
}

/* Pass B: an operator that allows it writes its output over an input buffer that dies with it. */
static void merge_in_place(const tml_plan *p, const tml_model *m) {
  int32_t *tb = tensor_buffer(p), *share = tensor_share(p);
  for (int32_t i = 0; i < (int32_t)m->operator_count; i++) {
    int32_t k = op_inplace(p)[i];
    tml_prepare op;
    if (k < 0 || tml_read_operator(m, i, &op) != TML_OK) continue;
    int32_t in = io_tensor(m, &op.inputs, (uint32_t)k), out = io_tensor(m, &op.outputs, 0);
    if (in < 0 || tb[in] == NO_BUFFER || tb[out] == NO_BUFFER) continue;
    plan_buffer *bi = &buffers(p)[tb[in]], *bo = &buffers(p)[tb[out]];
    int shared_by_other_input = 0;
    for (uint32_t j = 0; j < op.inputs.count; j++) {
      int32_t other = io_tensor(m, &op.inputs, j);
      if ((int32_t)j != k && other >= 0 && tb[other] == tb[in] && other != in) shared_by_other_input = 1;
    }
    if (bi->pinned || bi->last != i || bo->bytes > bi->bytes || shared_by_other_input) continue;
    int32_t dead = tb[out];
    bi->last = bo->last;
    bo->bytes = 0; /* the output's own buffer is no longer used */
    bo->first = bo->last = -1;
    for (uint32_t t = 0; t < m->tensor_count; t++)
      if (tb[t] == dead) tb[t] = tb[in];
    share[out] = in;
  }
}

static int overlaps(const plan_buffer *a, const plan_buffer *b) {
  return a->first <= b->last && b->first <= a->last;
}

/* Orderings tried for the greedy placement; the smallest result wins. */
enum { ORDER_SIZE, ORDER_FIRST_USE, ORDER_AREA, ORDER_COUNT };

static int before(const plan_buffer *a, const plan_buffer *b, int strategy) {
  uint64_t la = (uint64_t)(a->last - a->first + 1), lb = (uint64_t)(b->last - b->first + 1);
  switch (strategy) {
    case ORDER_SIZE:
      if (a->bytes != b->bytes) return a->bytes > b->bytes;
      return a->first < b->first;
    case ORDER_FIRST_USE:
      if (a->first != b->first) return a->first < b->first;
      return a->bytes > b->bytes;
    default:
      if (a->bytes * la != b->bytes * lb) return a->bytes * la > b->bytes * lb;
      return a->bytes > b->bytes;
  }
}

static void sort_buffers(const tml_plan *p, int strategy) {
  uint32_t n = hdr(p)->buffers, *o = order(p);
  const plan_buffer *b = buffers(p);
  for (uint32_t i = 0; i < n; i++) o[i] = i;
  for (uint32_t gap = n / 2; gap > 0; gap = gap == 2 ? 1 : gap * 5 / 11) /* shell sort: no recursion, no memory */
    for (uint32_t i = gap; i < n; i++) {
      uint32_t v = o[i], j = i;
      for (; j >= gap && before(&b[v], &b[o[j - gap]], strategy); j -= gap) o[j] = o[j - gap];
      o[j] = v;
    }
}

/* Greedy: each buffer at the lowest offset clear of every already placed buffer alive at the same time. */
static uint32_t place(const tml_plan *p, int strategy) {
  uint32_t n = hdr(p)->buffers, *o = order(p), total = 0;
  plan_buffer *b = buffers(p);
  sort_buffers(p, strategy);
  for (uint32_t i = 0; i < n; i++) {
    plan_buffer *cur = &b[o[i]];
    uint32_t x = 0;
    if (cur->bytes == 0) { cur->offset = 0; continue; }
    for (int moved = 1; moved;) {
      moved = 0;
      for (uint32_t j = 0; j < i; j++) {
        const plan_buffer *other = &b[o[j]];
        if (other->bytes == 0 || !overlaps(cur, other)) continue;
        if (x < other->offset + other->bytes && other->offset < x + cur->bytes) {
          x = other->offset + other->bytes;
          moved = 1;
        }
      }
    }
    cur->offset = x;
    if (x + cur->bytes > total) total = x + cur->bytes;
  }
  return total;
}

tml_status tml_plan_compute(tml_plan *plan, const tml_model *m, void *workspace, size_t workspace_bytes, char *error) {
  plan->model = m;
  plan->workspace = workspace;
  plan_header *h = hdr(plan);
  h->tensors = m->tensor_count;
  h->ops = m->operator_count;
  h->buffers = 0;
  h->max_buffers = m->tensor_count + m->operator_count;
  (void)workspace_bytes;
  for (uint32_t t = 0; t < m->tensor_count; t++) tensor_buffer(plan)[t] = NO_BUFFER, tensor_share(plan)[t] = -1;
  tml_status st = assign_buffers(plan, m, error);
  if (st != TML_OK) return st;
  merge_in_place(plan, m);
  uint32_t best = 0xFFFFFFFFu;
  int best_strategy = 0;
  for (int s = 0; s < ORDER_COUNT; s++) {
    uint32_t total = place(plan, s);
    if (total < best) best = total, best_strategy = s;
  }
  plan->activation_bytes = place(plan, best_strategy);
  uint64_t persistent = (uint64_t)m->records_bytes + 4ull * m->tensor_count;
  if (persistent + plan->activation_bytes > 0x7FFFFFFFu) return plan_fail(error, TML_ERROR_UNSUPPORTED, "arena over 2 GB");
  plan->persistent_bytes = (uint32_t)persistent;
  plan->arena_bytes = plan->persistent_bytes + plan->activation_bytes;
  return TML_OK;
}

static int32_t owner(const tml_plan *p, int32_t t) {
  while (tensor_share(p)[t] >= 0) t = tensor_share(p)[t];
  return t;
}

tml_ref tml_plan_ref(const tml_plan *p, int32_t t) {
  int32_t b = tensor_buffer(p)[t];
  if (b != NO_BUFFER) return buffers(p)[b].offset;
  tml_tensor tensor;
  if (tml_read_tensor(p->model, owner(p, t), &tensor) == TML_OK && tensor.constant)
    return TML_REF_MODEL | (uint32_t)(tensor.constant - p->model->data);
  return TML_REF_NONE;
}

tml_ref tml_plan_scratch(const tml_plan *p, int32_t op) {
  int32_t b = op_scratch(p)[op];
  return b == NO_BUFFER ? TML_REF_NONE : buffers(p)[b].offset;
}

/* ---- public ---- */

tml_status tml_plan_make(tml_plan *plan, const tml_model *model, void *workspace, size_t workspace_bytes) {
  if (!plan) return TML_ERROR_ARGUMENT;
  memset(plan, 0, sizeof *plan);
  if (!model || !model->data) return plan_fail(plan->error, TML_ERROR_STATE, "model not loaded");
  if (!workspace || ((uintptr_t)workspace & 3u)) return plan_fail(plan->error, TML_ERROR_ARENA, "workspace missing or not 4-byte aligned");
  size_t need = tml_plan_workspace_bytes(model);
  if (workspace_bytes < need)
    return plan_fail(plan->error, TML_ERROR_ARENA, "workspace has %u bytes, needs %u", (uint32_t)workspace_bytes, (uint32_t)need);
  tml_status st = tml_plan_compute(plan, model, workspace, workspace_bytes, plan->error);
  if (st != TML_OK) plan->workspace = NULL;
  return st;
}

tml_status tml_plan_tensor(const tml_plan *plan, int32_t t, tml_tensor_placement *out) {
  if (!plan || !plan->workspace || !out || t < 0 || (uint32_t)t >= hdr(plan)->tensors) return TML_ERROR_ARGUMENT;
  int32_t b = tensor_buffer(plan)[t];
  tml_tensor tensor;
  tml_status st = tml_read_tensor(plan->model, t, &tensor);
  if (st != TML_OK) return st;
  memset(out, 0, sizeof *out);
  out->bytes = tensor.bytes;
  out->shares_with = tensor_share(plan)[t];
  out->first_op = out->last_op = -1;
  tml_ref ref = tml_plan_ref(plan, t);
  if (b != NO_BUFFER) {
    const plan_buffer *pb = &buffers(plan)[b];
    out->storage = TML_STORAGE_ARENA;
    out->offset = pb->offset;
    out->first_op = pb->first;
    out->last_op = pb->last;
  } else if (ref != TML_REF_NONE) {
    out->storage = TML_STORAGE_MODEL;
    out->offset = ref & ~TML_REF_MODEL;
  } else {
    out->storage = TML_STORAGE_NONE;
  }
  return TML_OK;
}
