/* The model reader: validates a .tflite FlatBuffer in place and answers questions about its tensors and
   operators. Nothing here knows what an operator computes; kernels are reached through the registry. */
#include <string.h>

#include "engine.h"
#include "tflite_schema.h"

#define TML_MAX_TENSORS 65535u   /* tensor indices travel as 16 bits through the planner */
#define TML_MAX_OPERATORS 32767u

static tml_status model_fail(tml_model *m, tml_status status, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  tml_vformat(m->error, sizeof m->error, fmt, args);
  va_end(args);
  return status;
}

uint32_t tml_type_size(tml_type type) {
  switch (type) {
    case TML_FLOAT32: case TML_INT32: return 4;
    case TML_FLOAT16: case TML_INT16: return 2;
    case TML_UINT8: case TML_INT8: case TML_BOOL: return 1;
    case TML_INT64: case TML_FLOAT64: case TML_COMPLEX64: return 8;
    default: return 0;
  }
}

const char *tml_type_name(tml_type type) {
  static const char *const names[] = {"FLOAT32", "FLOAT16", "INT32", "UINT8", "INT64", "STRING",
                                      "BOOL", "INT16", "COMPLEX64", "INT8", "FLOAT64"};
  return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "UNKNOWN";
}

const char *tml_status_name(tml_status status) {
  switch (status) {
    case TML_OK: return "ok";
    case TML_ERROR_ARGUMENT: return "invalid argument";
    case TML_ERROR_MODEL: return "malformed model";
    case TML_ERROR_UNSUPPORTED: return "unsupported model";
    case TML_ERROR_ARENA: return "arena problem";
    case TML_ERROR_STATE: return "wrong state";
  }
  return "unknown status";
}

/* ---- subgraph-level reads (assume tml_model_load succeeded; still checked) ---- */

static int32_t read_index(const tml_model *m, uint32_t vec_pos, uint32_t count, int32_t i) {
  if (i < 0 || (uint32_t)i >= count) return -1;
  return fb_read_i32(m->data + vec_pos + 4u * (uint32_t)i);
}

static tml_status tensor_table(const tml_model *m, int32_t index, fb_table *t) {
  fb_buf b = tml_model_buf(m);
  fb_vector v = {m->tensors, m->tensor_count};
  if (index < 0 || (uint32_t)index >= m->tensor_count) return TML_ERROR_ARGUMENT;
  return fb_vec_table(&b, &v, (uint32_t)index, t) == FB_OK ? TML_OK : TML_ERROR_MODEL;
}

/* Reads and validates one tensor. On error the model's error text says why. */
static tml_status parse_tensor(const tml_model *m, int32_t index, tml_tensor *t, char *error) {
  fb_buf b = tml_model_buf(m);
  fb_table tt, q, buf;
  fb_vector shape;
  uint8_t type = 0, is_variable = 0, details = 0;
  uint32_t buffer = 0, external = 0;
  memset(t, 0, sizeof *t);
  t->index = index;
#define TFAIL(st, ...) (tml_format(error, TML_ERROR_TEXT, __VA_ARGS__), (st))
  if (tensor_table(m, index, &tt) != TML_OK) return TFAIL(TML_ERROR_MODEL, "tensor %d: table out of bounds", index);
  if (fb_u8(&b, &tt, TENSOR_TYPE, &type) == FB_BAD ||
      fb_u32(&b, &tt, TENSOR_BUFFER, &buffer) == FB_BAD ||
      fb_u8(&b, &tt, TENSOR_IS_VARIABLE, &is_variable) == FB_BAD ||
      fb_u32(&b, &tt, 10 /* external_buffer */, &external) == FB_BAD)
    return TFAIL(TML_ERROR_MODEL, "tensor %d: field out of bounds", index);
  t->type = (tml_type)type;
  fb_result r = fb_vec(&b, &tt, TENSOR_SHAPE, 4, &shape);
  if (r == FB_BAD) return TFAIL(TML_ERROR_MODEL, "tensor %d: shape out of bounds", index);
  if (r == FB_ABSENT) shape.count = 0;
  if (shape.count > TML_MAX_DIMS)
    return TFAIL(TML_ERROR_UNSUPPORTED, "tensor %d: rank %u (at most %d supported)", index, shape.count, TML_MAX_DIMS);
  t->rank = (int32_t)shape.count;
  uint64_t elements = 1;
  for (uint32_t i = 0; i < shape.count; i++) {
    int32_t d = fb_read_i32(m->data + shape.pos + 4 * i);
    if (d < 0) return TFAIL(TML_ERROR_MODEL, "tensor %d: dimension %u is %d", index, i, d);
    t->dims[i] = d;
    elements *= (uint64_t)d;
    if (elements > 0x7FFFFFFFu) return TFAIL(TML_ERROR_UNSUPPORTED, "tensor %d: too many elements", index);
  }
  t->elements = (uint32_t)elements;
  uint64_t bytes = elements * tml_type_size(t->type);
  if (bytes > 0x7FFFFFFFu) return TFAIL(TML_ERROR_UNSUPPORTED, "tensor %d: too large", index);
  t->bytes = (uint32_t)bytes;
  if (fb_string(&b, &tt, TENSOR_NAME, &t->name) == FB_BAD)
    return TFAIL(TML_ERROR_MODEL, "tensor %d: name out of bounds", index);
  if (is_variable) return TFAIL(TML_ERROR_UNSUPPORTED, "tensor %d: variable tensors are not supported", index);
  if (external) return TFAIL(TML_ERROR_UNSUPPORTED, "tensor %d: external buffers are not supported", index);
  {
    fb_table sparsity;
    r = fb_subtable(&b, &tt, TENSOR_SPARSITY, &sparsity);
    if (r == FB_BAD) return TFAIL(TML_ERROR_MODEL, "tensor %d: sparsity out of bounds", index);
    if (r == FB_OK) return TFAIL(TML_ERROR_UNSUPPORTED, "tensor %d: sparse tensors are not supported", index);
  }

  /* constant data */
  if (buffer >= m->buffer_count)
    return TFAIL(TML_ERROR_MODEL, "tensor %d: buffer %u out of range (%u buffers)", index, buffer, m->buffer_count);
  if (buffer != 0) {
    fb_vector bv = {m->buffers, m->buffer_count}, data;
    uint64_t offset = 0, size = 0;
    if (fb_vec_table(&b, &bv, buffer, &buf) != FB_OK || fb_u64(&b, &buf, BUFFER_OFFSET, &offset) == FB_BAD ||
        fb_u64(&b, &buf, BUFFER_SIZE, &size) == FB_BAD)
      return TFAIL(TML_ERROR_MODEL, "tensor %d: buffer %u out of bounds", index, buffer);
    r = fb_vec(&b, &buf, BUFFER_DATA, 1, &data);
    if (r == FB_BAD) return TFAIL(TML_ERROR_MODEL, "tensor %d: buffer %u data out of bounds", index, buffer);
    if (r == FB_OK && data.count > 0) {
      if (data.count != t->bytes)
        return TFAIL(TML_ERROR_MODEL, "tensor %d: buffer %u holds %u bytes, shape needs %u", index, buffer,
                     data.count, t->bytes);
      t->constant = m->data + data.pos;
    } else if (offset > 1) {
      if (offset > m->size || size > m->size - offset)
        return TFAIL(TML_ERROR_MODEL, "tensor %d: buffer %u lies outside the file", index, buffer);
      if (size != t->bytes)
        return TFAIL(TML_ERROR_MODEL, "tensor %d: buffer %u holds %u bytes, shape needs %u", index, buffer,
                     (uint32_t)size, t->bytes);
      t->constant = m->data + offset;
    }
    if (t->constant && tml_type_size(t->type) == 0)
      return TFAIL(TML_ERROR_UNSUPPORTED, "tensor %d: constant of type %s", index, tml_type_name(t->type));
  }

  /* quantization */
  r = fb_subtable(&b, &tt, TENSOR_QUANTIZATION, &q);
  if (r == FB_BAD) return TFAIL(TML_ERROR_MODEL, "tensor %d: quantization out of bounds", index);
  if (r == FB_OK) {
    if (fb_u8(&b, &q, QUANT_DETAILS_TYPE, &details) == FB_BAD ||
        fb_i32(&b, &q, QUANT_QUANTIZED_DIMENSION, &t->quantized_dimension) == FB_BAD)
      return TFAIL(TML_ERROR_MODEL, "tensor %d: quantization field out of bounds", index);
    if (details != 0)
      return TFAIL(TML_ERROR_UNSUPPORTED, "tensor %d: custom quantization details are not supported", index);
    r = fb_vec(&b, &q, QUANT_SCALE, 4, &t->scales);
    if (r == FB_BAD) return TFAIL(TML_ERROR_MODEL, "tensor %d: scales out of bounds", index);
    r = fb_vec(&b, &q, QUANT_ZERO_POINT, 8, &t->zero_points);
    if (r == FB_BAD) return TFAIL(TML_ERROR_MODEL, "tensor %d: zero points out of bounds", index);
    if (t->scales.count > 0) {
      uint32_t n = t->scales.count;
      if (t->zero_points.count != n && t->zero_points.count != 1)
        return TFAIL(TML_ERROR_MODEL, "tensor %d: %u scales but %u zero points", index, n, t->zero_points.count);
      /* the quantized dimension is checked by the operators that use per-channel scales: converters leave
         stray values on tensors (e.g. biases) that nobody reads per channel */
      for (uint32_t i = 0; i < n; i++) {
        float s = fb_read_f32(m->data + t->scales.pos + 4 * i);
        if (!(s >= 0.0f && s <= 3.4e38f))
          return TFAIL(TML_ERROR_MODEL, "tensor %d: scale %u is negative or not finite", index, i);
      }
      for (uint32_t i = 0; i < t->zero_points.count; i++) {
        int64_t z = (int64_t)fb_read_u64(m->data + t->zero_points.pos + 8 * i);
        if (z < -2147483647 - 1 || z > 2147483647)
          return TFAIL(TML_ERROR_MODEL, "tensor %d: zero point %u out of range", index, i);
      }
      t->scale = fb_read_f32(m->data + t->scales.pos);
      t->zero_point = t->zero_points.count ? (int32_t)fb_read_u64(m->data + t->zero_points.pos) : 0;
    } else {
      t->zero_points.count = 0;
    }
  }
#undef TFAIL
  return TML_OK;
}

tml_status tml_read_tensor(const tml_model *m, int32_t index, tml_tensor *t) {
  char error[TML_ERROR_TEXT];
  return parse_tensor(m, index, t, error);
}

float tml_tensor_scale_at(const tml_model *m, const tml_tensor *t, uint32_t channel) {
  if (t->scales.count == 0) return 0.0f;
  if (channel >= t->scales.count) channel = 0;
  return fb_read_f32(m->data + t->scales.pos + 4 * channel);
}

int32_t tml_tensor_zero_point_at(const tml_model *m, const tml_tensor *t, uint32_t channel) {
  if (t->zero_points.count == 0) return 0;
  if (channel >= t->zero_points.count) channel = 0;
  return (int32_t)fb_read_u64(m->data + t->zero_points.pos + 8 * channel);
}

/* The operator code of opcode entry i. */
static tml_status opcode_builtin(const tml_model *m, uint32_t i, int32_t *builtin, fb_vector *custom) {
  fb_buf b = tml_model_buf(m);
  fb_vector v = {m->opcodes, m->opcode_count};
  fb_table oc;
  int8_t deprecated = 0;
  int32_t code = 0;
  if (fb_vec_table(&b, &v, i, &oc) != FB_OK || fb_i8(&b, &oc, OPCODE_DEPRECATED_BUILTIN, &deprecated) == FB_BAD ||
      fb_i32(&b, &oc, OPCODE_BUILTIN, &code) == FB_BAD || fb_string(&b, &oc, OPCODE_CUSTOM, custom) == FB_BAD)
    return TML_ERROR_MODEL;
  *builtin = code > deprecated ? code : deprecated;
  return *builtin >= 0 ? TML_OK : TML_ERROR_MODEL;
}

tml_status tml_read_operator(const tml_model *m, int32_t op_index, tml_prepare *p) {
  fb_buf b = tml_model_buf(m);
  fb_vector ops = {m->operators, m->operator_count}, custom = {0, 0};
  fb_table op;
  uint32_t opcode = 0;
  memset(p, 0, sizeof *p);
  p->model = m;
  p->buf = b;
  p->node = op_index;
  p->inplace_input = -1;
  p->builtin = -1;
  p->op_name = "?";
  if (op_index < 0 || (uint32_t)op_index >= m->operator_count) return TML_ERROR_ARGUMENT;
  if (fb_vec_table(&b, &ops, (uint32_t)op_index, &op) != FB_OK || fb_u32(&b, &op, OP_OPCODE_INDEX, &opcode) == FB_BAD)
    return TML_ERROR_MODEL;
  if (opcode >= m->opcode_count || opcode_builtin(m, opcode, &p->builtin, &custom) != TML_OK) return TML_ERROR_MODEL;
  p->op_name = tml_builtin_name(p->builtin);
  if (p->builtin == 32 /* CUSTOM */ && custom.count) p->op_name = (const char *)(m->data + custom.pos);
  fb_result r = fb_vec(&b, &op, OP_INPUTS, 4, &p->inputs);
  if (r == FB_BAD) return TML_ERROR_MODEL;
  if (r == FB_ABSENT) p->inputs.count = 0;
  r = fb_vec(&b, &op, OP_OUTPUTS, 4, &p->outputs);
  if (r == FB_BAD) return TML_ERROR_MODEL;
  if (r == FB_ABSENT) p->outputs.count = 0;
  if (fb_u8(&b, &op, OP_BUILTIN_OPTIONS_TYPE, &p->options_type) == FB_BAD) return TML_ERROR_MODEL;
  r = fb_subtable(&b, &op, OP_BUILTIN_OPTIONS, &p->options);
  if (r == FB_BAD) return TML_ERROR_MODEL;
  p->has_options = r == FB_OK && p->options_type != 0;
  /* every referenced tensor index must exist */
  for (uint32_t i = 0; i < p->inputs.count + p->outputs.count; i++) {
    uint32_t pos = i < p->inputs.count ? p->inputs.pos + 4 * i : p->outputs.pos + 4 * (i - p->inputs.count);
    int32_t t = fb_read_i32(m->data + pos);
    if (t < -1 || t >= (int32_t)m->tensor_count || (t == -1 && i >= p->inputs.count)) return TML_ERROR_MODEL;
  }
  return TML_OK;
}

tml_status tml_check_operator(const tml_model *m, int32_t op_index, tml_prepare *p, char *error) {
  tml_status st = tml_read_operator(m, op_index, p);
  p->error = error;
  if (st != TML_OK) {
    tml_format(error, TML_ERROR_TEXT, "node %d: operator table or its tensor indices are malformed", op_index);
    return st;
  }
  uint16_t kernel_index;
  const tml_kernel *k = tml_find_kernel(p->builtin, &kernel_index);
  if (!k) return tml_fail(p, TML_ERROR_UNSUPPORTED, "operator not supported");
  return k->prepare(p);
}

/* ---- load ---- */

tml_status tml_model_load(tml_model *m, const void *data, size_t size) {
  if (!m) return TML_ERROR_ARGUMENT;
  memset(m, 0, sizeof *m);
  if (!data) return model_fail(m, TML_ERROR_ARGUMENT, "model data is NULL");
  if (size < 8) return model_fail(m, TML_ERROR_MODEL, "file too short (%u bytes) to be a TFLite model", (uint32_t)size);
  if (size > 0x7FFFFFFFu) return model_fail(m, TML_ERROR_UNSUPPORTED, "models over 2 GB are not supported");
  m->data = (const uint8_t *)data;
  m->size = (uint32_t)size;
  if (memcmp(m->data + 4, TFL_FILE_IDENTIFIER, 4) != 0)
    return model_fail(m, TML_ERROR_MODEL, "file identifier is not \"TFL3\": not a TFLite model");
  fb_buf b = tml_model_buf(m);
  fb_table root, sg;
  fb_vector v;
  uint32_t version = 0;
  if (fb_root(&b, &root) != FB_OK) return model_fail(m, TML_ERROR_MODEL, "root table out of bounds");
  if (fb_u32(&b, &root, MODEL_VERSION, &version) == FB_BAD) return model_fail(m, TML_ERROR_MODEL, "version out of bounds");
  if (version != TFL_SCHEMA_VERSION)
    return model_fail(m, TML_ERROR_UNSUPPORTED, "schema version %u (expected %u)", version, TFL_SCHEMA_VERSION);

  if (fb_vec(&b, &root, MODEL_OPERATOR_CODES, 4, &v) != FB_OK)
    return model_fail(m, TML_ERROR_MODEL, "operator codes missing or out of bounds");
  m->opcodes = v.pos, m->opcode_count = v.count;
  for (uint32_t i = 0; i < v.count; i++) {
    int32_t builtin;
    fb_vector custom;
    if (opcode_builtin(m, i, &builtin, &custom) != TML_OK)
      return model_fail(m, TML_ERROR_MODEL, "operator code %u malformed", i);
  }
  if (fb_vec(&b, &root, MODEL_BUFFERS, 4, &v) != FB_OK)
    return model_fail(m, TML_ERROR_MODEL, "buffers missing or out of bounds");
  m->buffers = v.pos, m->buffer_count = v.count;
  for (uint32_t i = 0; i < v.count; i++) {
    fb_table bt;
    fb_vector bytes;
    if (fb_vec_table(&b, &v, i, &bt) != FB_OK || fb_vec(&b, &bt, BUFFER_DATA, 1, &bytes) == FB_BAD)
      return model_fail(m, TML_ERROR_MODEL, "buffer %u out of bounds", i);
  }

  if (fb_vec(&b, &root, MODEL_SUBGRAPHS, 4, &v) != FB_OK || v.count == 0)
    return model_fail(m, TML_ERROR_MODEL, "no subgraph");
  if (fb_vec_table(&b, &v, 0, &sg) != FB_OK) return model_fail(m, TML_ERROR_MODEL, "subgraph 0 out of bounds");
  if (fb_vec(&b, &sg, SUBGRAPH_TENSORS, 4, &v) != FB_OK) return model_fail(m, TML_ERROR_MODEL, "tensors missing or out of bounds");
  if (v.count > TML_MAX_TENSORS) return model_fail(m, TML_ERROR_UNSUPPORTED, "%u tensors (at most %u)", v.count, TML_MAX_TENSORS);
  m->tensors = v.pos, m->tensor_count = v.count;
  if (fb_vec(&b, &sg, SUBGRAPH_INPUTS, 4, &v) != FB_OK) return model_fail(m, TML_ERROR_MODEL, "subgraph inputs missing or out of bounds");
  m->inputs = v.pos, m->input_count = v.count;
  if (fb_vec(&b, &sg, SUBGRAPH_OUTPUTS, 4, &v) != FB_OK) return model_fail(m, TML_ERROR_MODEL, "subgraph outputs missing or out of bounds");
  m->outputs = v.pos, m->output_count = v.count;
  if (fb_vec(&b, &sg, SUBGRAPH_OPERATORS, 4, &v) != FB_OK) return model_fail(m, TML_ERROR_MODEL, "operators missing or out of bounds");
  if (v.count > TML_MAX_OPERATORS) return model_fail(m, TML_ERROR_UNSUPPORTED, "%u operators (at most %u)", v.count, TML_MAX_OPERATORS);
  m->operators = v.pos, m->operator_count = v.count;

  for (uint32_t i = 0; i < m->tensor_count; i++) {
    tml_tensor t;
    tml_status st = parse_tensor(m, (int32_t)i, &t, m->error);
    if (st != TML_OK) return st;
  }
  for (uint32_t i = 0; i < m->input_count + m->output_count; i++) {
    int32_t t = i < m->input_count ? read_index(m, m->inputs, m->input_count, (int32_t)i)
                                   : read_index(m, m->outputs, m->output_count, (int32_t)(i - m->input_count));
    if (t < 0 || (uint32_t)t >= m->tensor_count)
      return model_fail(m, TML_ERROR_MODEL, "model %s %u refers to tensor %d of %u", i < m->input_count ? "input" : "output",
                        i < m->input_count ? i : i - m->input_count, t, m->tensor_count);
  }

  uint64_t records = 0;
  for (uint32_t i = 0; i < m->operator_count; i++) {
    tml_prepare p;
    tml_status st = tml_check_operator(m, (int32_t)i, &p, m->error);
    if (st != TML_OK) return st;
    records += 8u + tml_align4(p.record_bytes);
    m->macs += p.macs;
  }
  if (records > 0x7FFFFFFFu) return model_fail(m, TML_ERROR_UNSUPPORTED, "prepared operators too large");
  m->records_bytes = (uint32_t)records;
  m->error[0] = 0;
  return TML_OK;
}

const char *tml_model_error(const tml_model *m) { return m ? m->error : "model is NULL"; }
int32_t tml_model_input_count(const tml_model *m) { return m ? (int32_t)m->input_count : 0; }
int32_t tml_model_output_count(const tml_model *m) { return m ? (int32_t)m->output_count : 0; }
int32_t tml_model_tensor_count(const tml_model *m) { return m ? (int32_t)m->tensor_count : 0; }
int32_t tml_model_operator_count(const tml_model *m) { return m ? (int32_t)m->operator_count : 0; }

int32_t tml_model_input_tensor(const tml_model *m, int32_t input) {
  return m && m->data ? read_index(m, m->inputs, m->input_count, input) : -1;
}
int32_t tml_model_output_tensor(const tml_model *m, int32_t output) {
  return m && m->data ? read_index(m, m->outputs, m->output_count, output) : -1;
}

uint64_t tml_model_macs(const tml_model *m) { return m ? m->macs : 0; }

uint64_t tml_model_operator_macs(const tml_model *m, int32_t op_index) {
  tml_prepare p;
  char error[TML_ERROR_TEXT];
  if (!m || !m->data || tml_check_operator(m, op_index, &p, error) != TML_OK) return 0;
  return p.macs;
}

const char *tml_model_operator_name(const tml_model *m, int32_t op_index) {
  tml_prepare p;
  if (!m || !m->data || tml_read_operator(m, op_index, &p) != TML_OK) return NULL;
  return p.op_name;
}

int32_t tml_model_operator_io(const tml_model *m, int32_t op_index, int outputs, int32_t *tensors, int32_t capacity) {
  tml_prepare p;
  if (!m || !m->data || tml_read_operator(m, op_index, &p) != TML_OK) return -1;
  const fb_vector *v = outputs ? &p.outputs : &p.inputs;
  for (uint32_t i = 0; i < v->count && (int32_t)i < capacity; i++) tensors[i] = fb_read_i32(m->data + v->pos + 4 * i);
  return (int32_t)v->count;
}

tml_status tml_model_tensor(const tml_model *m, int32_t index, tml_tensor_info *info) {
  tml_tensor t;
  if (!m || !m->data || !info || index < 0 || (uint32_t)index >= m->tensor_count) return TML_ERROR_ARGUMENT;
  tml_status st = tml_read_tensor(m, index, &t);
  if (st != TML_OK) return st;
  memset(info, 0, sizeof *info);
  info->index = index;
  info->type = t.type;
  info->dims_count = t.rank;
  memcpy(info->dims, t.dims, sizeof t.dims);
  info->bytes = t.bytes;
  info->scale = t.scale;
  info->zero_point = t.zero_point;
  info->quantized_channels = (int32_t)t.scales.count;
  info->name = t.name.count ? (const char *)(m->data + t.name.pos) : "";
  return TML_OK;
}
