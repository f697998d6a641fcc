/* Internal interfaces between the model reader, the planner, the interpreter and the kernels. */
#ifndef TINYML_ENGINE_H
#define TINYML_ENGINE_H

#include <stdarg.h>
#include <stdint.h>

#include "flatbuffer.h"
#include "tinyml/tinyml.h"

/* A data reference inside a prepared record: an offset into the activation area, or (with TML_REF_MODEL) an
   offset into the model bytes. 32 bits on every architecture, so records have one layout everywhere. */
typedef uint32_t tml_ref;
#define TML_REF_MODEL 0x80000000u
#define TML_REF_NONE 0xFFFFFFFFu

/* A tensor as the model describes it (validated), for operator preparation. */
typedef struct tml_tensor {
  int32_t index;
  tml_type type;
  int32_t rank;
  int32_t dims[TML_MAX_DIMS];
  uint32_t elements;
  uint32_t bytes;
  const uint8_t *constant; /* the tensor's bytes inside the model, or NULL for an activation */
  fb_vector scales;        /* float32 per channel (count 0: not quantized) */
  fb_vector zero_points;   /* int64 per channel */
  int32_t quantized_dimension;
  float scale;             /* channel 0 */
  int32_t zero_point;      /* channel 0 */
  fb_vector name;
} tml_tensor;

/* One operator while it is checked (record == NULL) or prepared into its record. */
typedef struct tml_prepare {
  const tml_model *model;
  fb_buf buf;
  int32_t node;
  int32_t builtin;
  const char *op_name;
  fb_vector inputs, outputs; /* int32 tensor indices */
  uint8_t options_type;
  fb_table options;
  int has_options;
  /* what the kernel reports */
  uint32_t record_bytes;
  uint32_t scratch_bytes;
  int32_t inplace_input;    /* output 0 may take this input's memory if that input dies here; -1 if not */
  int alias_input0;         /* output 0 is input 0's bytes reinterpreted (reshape): shares its memory */
  uint64_t macs;            /* multiply-accumulates one eval performs (convolutions and fully connected) */
  /* set when preparing for real */
  uint8_t *record;
  const tml_ref *refs;      /* tensor index -> data reference */
  tml_ref scratch;
  char *error;
} tml_prepare;

/* What an operator's eval sees. */
typedef struct tml_eval {
  uint8_t *arena;           /* start of the activation area */
  const uint8_t *model;
} tml_eval;

static inline void *tml_data(const tml_eval *e, tml_ref ref) {
  return (ref & TML_REF_MODEL) ? (void *)(uintptr_t)(e->model + (ref & ~TML_REF_MODEL)) : (void *)(e->arena + ref);
}

typedef tml_status (*tml_prepare_fn)(tml_prepare *p);
typedef void (*tml_eval_fn)(const tml_eval *e, const void *record);

typedef struct tml_kernel {
  int32_t builtin;
  tml_prepare_fn prepare;
  tml_eval_fn eval;
} tml_kernel;

/* kernels/registry.c */
const tml_kernel *tml_find_kernel(int32_t builtin, uint16_t *index);
const tml_kernel *tml_kernel_at(uint16_t index);
const char *tml_builtin_name(int32_t builtin);

/* ---- model reader (model.c) ---- */
static inline fb_buf tml_model_buf(const tml_model *m) {
  fb_buf b = {m->data, m->size};
  return b;
}
tml_status tml_read_tensor(const tml_model *m, int32_t index, tml_tensor *t);
float tml_tensor_scale_at(const tml_model *m, const tml_tensor *t, uint32_t channel);
int32_t tml_tensor_zero_point_at(const tml_model *m, const tml_tensor *t, uint32_t channel);
/* Sets up p for operator op_index (inputs, outputs, options); record/refs/error left for the caller. */
tml_status tml_read_operator(const tml_model *m, int32_t op_index, tml_prepare *p);
/* Runs the kernel's prepare in checking mode (no record). */
tml_status tml_check_operator(const tml_model *m, int32_t op_index, tml_prepare *p, char *error);

/* ---- helpers for kernels (prepare.c) ---- */
int32_t tml_input_count(const tml_prepare *p);
int32_t tml_output_count(const tml_prepare *p);
/* Tensor index of input k, -1 when absent (optional input) or beyond the list. */
int32_t tml_input_index(const tml_prepare *p, int32_t k);
tml_status tml_input(tml_prepare *p, int32_t k, tml_tensor *t);
tml_status tml_output(tml_prepare *p, int32_t k, tml_tensor *t);
/* Optional input: *present = 0 when the model leaves it out (index -1). */
tml_status tml_optional_input(tml_prepare *p, int32_t k, tml_tensor *t, int *present);
/* Requires exactly these counts of inputs and outputs. */
tml_status tml_expect_io(tml_prepare *p, int32_t min_inputs, int32_t max_inputs, int32_t outputs);
/* The operator's builtin options table when of this union type; 0 (use schema defaults) when absent. */
int tml_options(tml_prepare *p, uint8_t union_type, fb_table *options);
/* Formats "node N (OP): message" into the error text and returns status. Supports %d %u %s %c %%. */
tml_status tml_fail(tml_prepare *p, tml_status status, const char *fmt, ...);
/* The record to fill, of at least bytes bytes (rounded up to 4); NULL while only checking. */
void *tml_record(tml_prepare *p, uint32_t bytes);
tml_ref tml_ref_of(const tml_prepare *p, const tml_tensor *t);
/* Common checks: type, and same quantization on two tensors. */
tml_status tml_expect_type(tml_prepare *p, const tml_tensor *t, tml_type type, const char *role);
tml_status tml_expect_per_tensor_quant(tml_prepare *p, const tml_tensor *t, const char *role);
int tml_same_shape(const tml_tensor *a, const tml_tensor *b);

/* ---- tiny formatter shared by every error path (no libc printf on devices) ---- */
void tml_vformat(char *out, uint32_t capacity, const char *fmt, va_list args);
void tml_format(char *out, uint32_t capacity, const char *fmt, ...);

/* ---- planner (planner.c) ---- */
tml_status tml_plan_compute(tml_plan *plan, const tml_model *m, void *workspace, size_t workspace_bytes, char *error);
/* Plan facts used by the interpreter: per-tensor reference, and the scratch reference of an operator. */
tml_ref tml_plan_ref(const tml_plan *plan, int32_t tensor);
tml_ref tml_plan_scratch(const tml_plan *plan, int32_t op);

static inline uint32_t tml_align4(uint32_t n) { return (n + 3u) & ~3u; }

#endif
