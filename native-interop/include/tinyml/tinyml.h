/*
 * TinyMl engine: int8 TFLite models on microcontrollers, bit-exact with TFLite Micro's reference kernels.
 *
 * Life of a model:
 *   tml_model_load()        validate the .tflite file in place (no copy) and prepare-check every operator
 *   tml_plan_make()         place every tensor (in a temporary workspace); gives the exact arena bytes
 *   tml_interpreter_init()  lay the plan out in a caller-owned arena; the workspace may then be freed
 *   tml_interpreter_input() / _output()  tensor info and data pointers
 *   tml_invoke()            run every operator (or tml_invoke_op() to run them one at a time)
 *
 * The engine allocates nothing and keeps no mutable global state: the model bytes, the tml_model and
 * tml_interpreter structs and the arena all belong to the caller and must outlive their users. Every
 * entry point returns a status; the reason text sits in the object it concerns (tml_model_error,
 * tml_interpreter_error). The arena's layout uses 32-bit fields only, so the arena size of a model is the
 * same on the host and on every device.
 */
#ifndef TINYML_TINYML_H
#define TINYML_TINYML_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(TML_SHARED_BUILD)
#define TML_API __declspec(dllexport)
#elif defined(__GNUC__) && defined(TML_SHARED_BUILD)
#define TML_API __attribute__((visibility("default")))
#else
#define TML_API
#endif

typedef enum tml_status {
  TML_OK = 0,
  TML_ERROR_ARGUMENT = 1,    /* null pointer, index out of range, buffer of the wrong size */
  TML_ERROR_MODEL = 2,       /* not a well-formed TFLite FlatBuffer, or inconsistent shapes/quantization */
  TML_ERROR_UNSUPPORTED = 3, /* well-formed, but uses an operator, type or option the engine lacks */
  TML_ERROR_ARENA = 4,       /* arena or workspace missing, misaligned or too small */
  TML_ERROR_STATE = 5        /* called out of order, e.g. invoke before init */
} tml_status;

/* Element types, numbered as in the TFLite schema (TensorType). */
typedef enum tml_type {
  TML_FLOAT32 = 0,
  TML_FLOAT16 = 1,
  TML_INT32 = 2,
  TML_UINT8 = 3,
  TML_INT64 = 4,
  TML_STRING = 5,
  TML_BOOL = 6,
  TML_INT16 = 7,
  TML_COMPLEX64 = 8,
  TML_INT8 = 9,
  TML_FLOAT64 = 10
} tml_type;

#define TML_MAX_DIMS 6
#define TML_ERROR_TEXT 160

/* A loaded model: file positions inside the caller's bytes. Fields are private to the engine. */
typedef struct tml_model {
  const uint8_t *data;
  uint32_t size;
  uint32_t opcodes, buffers, tensors, operators, inputs, outputs; /* file positions of vectors */
  uint32_t opcode_count, buffer_count, tensor_count, operator_count, input_count, output_count;
  uint32_t records_bytes;   /* prepared operator records, computed at load */
  uint64_t macs;            /* multiply-accumulates per invoke */
  char error[TML_ERROR_TEXT];
} tml_model;

/* Where a plan puts the model's memory. Fields are read-only for callers. */
typedef struct tml_plan {
  const tml_model *model;
  void *workspace;
  uint32_t arena_bytes;      /* everything tml_interpreter_init needs: records + tensor table + activations */
  uint32_t persistent_bytes; /* the part of it that is not activation memory */
  uint32_t activation_bytes; /* tensors and scratch, with memory reused between non-overlapping lifetimes */
  char error[TML_ERROR_TEXT];
} tml_plan;

typedef enum tml_storage {
  TML_STORAGE_ARENA = 0,    /* activation memory: offset into the arena's activation area */
  TML_STORAGE_MODEL = 1,    /* constant data read in place from the model bytes: offset into the file */
  TML_STORAGE_NONE = 2      /* no data (a tensor no operator touches) */
} tml_storage;

/* One tensor's place in a plan. Lifetimes are operator indices: inputs are born at 0, outputs die at the
   operator count; a tensor sharing memory with another (reshape, in-place operator) reports the shared
   buffer's whole lifetime. */
typedef struct tml_tensor_placement {
  int32_t storage;           /* tml_storage (fields are fixed-width so the layout never depends on enum size) */
  uint32_t offset;
  uint32_t bytes;
  int32_t first_op;
  int32_t last_op;
  int32_t shares_with; /* index of a tensor whose memory this one reuses, or -1 */
} tml_tensor_placement;

typedef struct tml_tensor_info {
  int32_t index;             /* tensor index in the model */
  int32_t type;              /* tml_type */
  int32_t dims_count;
  int32_t dims[TML_MAX_DIMS];
  uint32_t bytes;
  float scale;               /* 0 when not quantized; the first channel's when per-channel */
  int32_t zero_point;
  int32_t quantized_channels; /* 1 per-tensor, >1 per-channel, 0 not quantized */
  const char *name;          /* NUL-terminated, inside the model bytes; "" when absent */
  void *data;                /* NULL from tml_model_tensor(); arena or model memory once initialized */
} tml_tensor_info;

typedef struct tml_interpreter {
  const tml_model *model;
  uint8_t *arena;
  uint32_t arena_bytes;
  uint32_t activations;      /* offset of the activation area in the arena */
  uint32_t next_op;          /* for tml_invoke_op: the operator it runs next */
  uint32_t next_record;      /* and where that operator's record starts */
  char error[TML_ERROR_TEXT];
} tml_interpreter;

/* ---- model ---- */

/* Validates the file completely (every offset, length, index, shape and buffer size) and checks that every
   operator is supported with its types, options and shapes. Keeps pointers into data, which must stay valid
   and unchanged. On failure, model->error names what is wrong (node index and operator when it is one). */
TML_API tml_status tml_model_load(tml_model *model, const void *data, size_t size);
TML_API const char *tml_model_error(const tml_model *model);

TML_API int32_t tml_model_input_count(const tml_model *model);
TML_API int32_t tml_model_output_count(const tml_model *model);
TML_API int32_t tml_model_tensor_count(const tml_model *model);
TML_API int32_t tml_model_operator_count(const tml_model *model);
/* The operator's name ("CONV_2D"), or NULL for an index out of range. */
TML_API const char *tml_model_operator_name(const tml_model *model, int32_t op_index);
/* The model's tensor indices that op_index reads (inputs) or writes (outputs); -1 marks an absent optional
   input. Writes at most capacity indices and returns how many the operator has. */
TML_API int32_t tml_model_operator_io(const tml_model *model, int32_t op_index, int outputs, int32_t *tensors,
                                      int32_t capacity);
/* Multiply-accumulates one invoke performs (convolution, depthwise and fully connected layers), for the
   whole model or one operator (0 for an index out of range). */
TML_API uint64_t tml_model_macs(const tml_model *model);
TML_API uint64_t tml_model_operator_macs(const tml_model *model, int32_t op_index);
/* Static tensor info (data is NULL). index is a tensor index of the model. */
TML_API tml_status tml_model_tensor(const tml_model *model, int32_t index, tml_tensor_info *info);
TML_API int32_t tml_model_input_tensor(const tml_model *model, int32_t input); /* tensor index, or -1 */
TML_API int32_t tml_model_output_tensor(const tml_model *model, int32_t output);

/* ---- plan: exact arena size before anything runs ---- */

/* Bytes of temporary workspace tml_plan_make needs for this model (a few bytes per tensor). */
TML_API size_t tml_plan_workspace_bytes(const tml_model *model);
/* Plans the arena in workspace (any alignment-4 buffer of at least tml_plan_workspace_bytes). The plan
   stays readable while the workspace lives. */
TML_API tml_status tml_plan_make(tml_plan *plan, const tml_model *model, void *workspace, size_t workspace_bytes);
TML_API tml_status tml_plan_tensor(const tml_plan *plan, int32_t tensor, tml_tensor_placement *placement);
TML_API const char *tml_plan_error(const tml_plan *plan);

/* ---- interpreter ---- */

/* arena: 4-byte aligned, at least plan->arena_bytes. Init reads the plan, and so its workspace: keep the
   workspace until every interpreter of this plan is initialized, then it may be freed. */
TML_API tml_status tml_interpreter_init(tml_interpreter *it, const tml_plan *plan, void *arena, size_t arena_bytes);
TML_API const char *tml_interpreter_error(const tml_interpreter *it);
TML_API tml_status tml_interpreter_input(const tml_interpreter *it, int32_t input, tml_tensor_info *info);
TML_API tml_status tml_interpreter_output(const tml_interpreter *it, int32_t output, tml_tensor_info *info);
/* Any tensor, with its data pointer (intermediate tensors share memory: read them right after their
   operator ran, e.g. between tml_invoke_op calls). */
TML_API tml_status tml_interpreter_tensor(const tml_interpreter *it, int32_t index, tml_tensor_info *info);
/* Runs every operator. Model inputs are never overwritten. */
TML_API tml_status tml_invoke(tml_interpreter *it);
/* Runs the next operator; *done becomes 1 after the last one (the next call starts over). Lets a caller
   split one inference into short steps. */
TML_API tml_status tml_invoke_op(tml_interpreter *it, int *done);

TML_API const char *tml_status_name(tml_status status);
TML_API const char *tml_type_name(tml_type type);
/* Bytes per element, 0 for types without a fixed size. */
TML_API uint32_t tml_type_size(tml_type type);

#ifdef __cplusplus
}
#endif

#endif
