#include "model_builder.h"

#include <algorithm>
#include <cassert>
#include <set>
#include <stdexcept>

namespace tml_test {
namespace fb {

// One object of the tree: a table, a vector of scalars / a string (a "blob"), or a vector of tables.
struct Node {
  enum Kind { kTable, kBlob, kTableVector } kind = kTable;
  struct Field {
    int id;
    std::vector<uint8_t> scalar;  // little-endian value, or empty for a reference to `child`
    NodePtr child;
  };
  std::vector<Field> fields;      // kTable
  std::vector<uint8_t> bytes;     // kBlob: the elements
  uint32_t count = 0;             // kBlob: element count
  uint32_t align = 4;             // kBlob: alignment of the first element
  bool nul = false;               // kBlob: a string (one 0 byte after the data, not counted)
  std::vector<NodePtr> elements;  // kTableVector
};

Table::Table() : node_(std::make_shared<Node>()) {}

Node &Table::Mutable() {
  if (node_.use_count() > 1) node_ = std::make_shared<Node>(*node_);
  return *node_;
}

Table &Table::AddScalar(int id, const std::vector<uint8_t> &bytes) {
  Node &n = Mutable();
  for (const auto &f : n.fields)
    if (f.id == id) throw std::logic_error("flatbuffer field set twice");
  n.fields.push_back({id, bytes, nullptr});
  return *this;
}

Table &Table::Blob(int id, const std::vector<uint8_t> &bytes, uint32_t count, uint32_t align, bool nul) {
  auto blob = std::make_shared<Node>();
  blob->kind = Node::kBlob;
  blob->bytes = bytes;
  blob->count = count;
  blob->align = std::max<uint32_t>(4, align);
  blob->nul = nul;
  Node &n = Mutable();
  for (const auto &f : n.fields)
    if (f.id == id) throw std::logic_error("flatbuffer field set twice");
  n.fields.push_back({id, {}, blob});
  return *this;
}

Table &Table::String(int id, const std::string &s) {
  return Blob(id, std::vector<uint8_t>(s.begin(), s.end()), static_cast<uint32_t>(s.size()), 4, true);
}

Table &Table::Child(int id, const Table &table) {
  Node &n = Mutable();
  for (const auto &f : n.fields)
    if (f.id == id) throw std::logic_error("flatbuffer field set twice");
  n.fields.push_back({id, {}, table.node()});
  return *this;
}

Table &Table::Tables(int id, const std::vector<Table> &tables) {
  auto vec = std::make_shared<Node>();
  vec->kind = Node::kTableVector;
  for (const Table &t : tables) vec->elements.push_back(t.node());
  Node &n = Mutable();
  for (const auto &f : n.fields)
    if (f.id == id) throw std::logic_error("flatbuffer field set twice");
  n.fields.push_back({id, {}, vec});
  return *this;
}

namespace {

class Serializer {
 public:
  std::vector<uint8_t> out;

  void Pad(size_t align) {
    while (out.size() % align) out.push_back(0);
  }
  void Put16(size_t pos, uint16_t v) {
    out[pos] = static_cast<uint8_t>(v);
    out[pos + 1] = static_cast<uint8_t>(v >> 8);
  }
  void Put32(size_t pos, uint32_t v) {
    for (int i = 0; i < 4; i++) out[pos + i] = static_cast<uint8_t>(v >> (8 * i));
  }
  void Append32(uint32_t v) {
    out.resize(out.size() + 4);
    Put32(out.size() - 4, v);
  }
  // A uoffset at `field` pointing to `target` (always forward in this writer).
  void PatchOffset(size_t field, size_t target) {
    if (target <= field) throw std::logic_error("flatbuffer offset would point backward");
    Put32(field, static_cast<uint32_t>(target - field));
  }

  // Writes a node and everything below it; returns the node's position (table start or vector length).
  size_t Write(const Node &n) {
    switch (n.kind) {
      case Node::kTable: return WriteTable(n);
      case Node::kBlob: return WriteBlob(n);
      case Node::kTableVector: return WriteTableVector(n);
    }
    return 0;
  }

 private:
  size_t WriteTable(const Node &n) {
    int max_id = -1;
    for (const auto &f : n.fields) max_id = std::max(max_id, f.id);
    const size_t vtable_bytes = 4 + 2 * static_cast<size_t>(max_id + 1);
    Pad(2);
    const size_t vtable = out.size();
    out.resize(out.size() + vtable_bytes, 0);
    Pad(4);
    const size_t table = out.size();
    out.resize(out.size() + 4, 0);  // soffset to the vtable
    // Inline fields, largest first (fewer padding bytes); each aligned to its size from the buffer start.
    std::vector<const Node::Field *> order;
    for (const auto &f : n.fields) order.push_back(&f);
    std::stable_sort(order.begin(), order.end(), [](const Node::Field *a, const Node::Field *b) {
      size_t sa = a->child ? 4 : a->scalar.size(), sb = b->child ? 4 : b->scalar.size();
      return sa > sb;
    });
    std::vector<std::pair<size_t, const Node *>> references;
    for (const Node::Field *f : order) {
      const size_t size = f->child ? 4 : f->scalar.size();
      Pad(size);
      const size_t pos = out.size();
      if (f->child) {
        out.resize(out.size() + 4, 0);
        references.push_back({pos, f->child.get()});
      } else {
        out.insert(out.end(), f->scalar.begin(), f->scalar.end());
      }
      Put16(vtable + 4 + 2 * static_cast<size_t>(f->id), static_cast<uint16_t>(pos - table));
    }
    Put16(vtable, static_cast<uint16_t>(vtable_bytes));
    Put16(vtable + 2, static_cast<uint16_t>(out.size() - table));
    Put32(table, static_cast<uint32_t>(static_cast<int32_t>(table - vtable)));  // vtable = table - soffset
    for (const auto &[field, child] : references) PatchOffset(field, Write(*child));
    return table;
  }

  size_t WriteBlob(const Node &n) {
    Pad(4);
    while ((out.size() + 4) % n.align) out.push_back(0);  // the first element lands on n.align
    const size_t pos = out.size();
    Append32(n.count);
    out.insert(out.end(), n.bytes.begin(), n.bytes.end());
    if (n.nul) out.push_back(0);
    return pos;
  }

  size_t WriteTableVector(const Node &n) {
    Pad(4);
    const size_t pos = out.size();
    Append32(static_cast<uint32_t>(n.elements.size()));
    const size_t slots = out.size();
    out.resize(out.size() + 4 * n.elements.size(), 0);
    for (size_t i = 0; i < n.elements.size(); i++) PatchOffset(slots + 4 * i, Write(*n.elements[i]));
    return pos;
  }
};

}  // namespace

std::vector<uint8_t> Serialize(const Table &root, const char identifier[4]) {
  Serializer s;
  s.out.resize(8, 0);
  std::memcpy(s.out.data() + 4, identifier, 4);
  s.PatchOffset(0, s.Write(*root.node()));
  s.Pad(16);
  return s.out;
}

}  // namespace fb

// ---------------------------------------------------------------------------------------------------

const char *ActivationName(Activation a) {
  switch (a) {
    case kActNone: return "NONE";
    case kActRelu: return "RELU";
    case kActReluN1To1: return "RELU_N1_TO_1";
    case kActRelu6: return "RELU6";
    case kActTanh: return "TANH";
    case kActSignBit: return "SIGN_BIT";
  }
  return "?";
}

const char *PaddingName(Padding p) { return p == kSame ? "SAME" : p == kValid ? "VALID" : "?"; }

const char *TypeName(TensorType t) {
  switch (t) {
    case kFloat32: return "FLOAT32";
    case kInt32: return "INT32";
    case kUInt8: return "UINT8";
    case kInt64: return "INT64";
    case kInt16: return "INT16";
    case kInt8: return "INT8";
  }
  return "?";
}

namespace {

// BuiltinOptions union member indices and the options tables (field ids from the schema).
struct OptionsWriter {
  uint8_t type = 0;
  fb::Table table;

  void operator()(const NoOptions &) { type = 0; }
  void operator()(const Conv2DOptions &o) {
    type = 1;
    table.Int8(0, o.padding).Int32(1, o.stride_w).Int32(2, o.stride_h).Int8(3, o.activation);
    table.Int32(4, o.dilation_w).Int32(5, o.dilation_h);
  }
  void operator()(const DepthwiseConv2DOptions &o) {
    type = 2;
    table.Int8(0, o.padding).Int32(1, o.stride_w).Int32(2, o.stride_h).Int32(3, o.depth_multiplier);
    table.Int8(4, o.activation).Int32(5, o.dilation_w).Int32(6, o.dilation_h);
  }
  void operator()(const Pool2DOptions &o) {
    type = 5;
    table.Int8(0, o.padding).Int32(1, o.stride_w).Int32(2, o.stride_h).Int32(3, o.filter_w).Int32(4, o.filter_h);
    table.Int8(5, o.activation);
  }
  void operator()(const FullyConnectedOptions &o) {
    type = 8;
    table.Int8(0, o.activation).Int8(1, 0).Bool(2, o.keep_num_dims);
  }
  void operator()(const SoftmaxOptions &o) {
    type = 9;
    table.Float(0, o.beta);
  }
  void operator()(const ConcatenationOptions &o) {
    type = 10;
    table.Int32(0, o.axis).Int8(1, o.activation);
  }
  void operator()(const AddOptions &o) {
    type = 11;
    table.Int8(0, o.activation);
  }
  void operator()(const MulOptions &o) {
    type = 21;
    table.Int8(0, o.activation);
  }
  void operator()(const ReshapeOptions &o) {
    type = 17;
    if (!o.new_shape.empty()) table.Vector(0, o.new_shape);
  }
  void operator()(const PadOptions &) { type = 22; }
  void operator()(const PadV2Options &) { type = 43; }
  void operator()(const ReducerOptions &o) {
    type = 27;
    table.Bool(0, o.keep_dims);
  }
  void operator()(const SqueezeOptions &o) {
    type = 30;
    if (!o.squeeze_dims.empty()) table.Vector(0, o.squeeze_dims);
  }
  void operator()(const QuantizeOptions &) { type = 89; }
  void operator()(const DequantizeOptions &) { type = 38; }
};

}  // namespace

ModelBuilder::ModelBuilder() { buffers_.push_back({}); }

int ModelBuilder::Tensor(const std::vector<int32_t> &shape, TensorType type, const Quantization &quant,
                         const std::string &name) {
  tensors_.push_back({shape, type, 0, name.empty() ? "t" + std::to_string(tensors_.size()) : name, quant});
  return static_cast<int>(tensors_.size() - 1);
}

int ModelBuilder::Constant(const std::vector<int32_t> &shape, TensorType type, const std::vector<uint8_t> &data,
                           const Quantization &quant, const std::string &name) {
  buffers_.push_back(data);
  tensors_.push_back({shape, type, static_cast<uint32_t>(buffers_.size() - 1),
                      name.empty() ? "c" + std::to_string(tensors_.size()) : name, quant});
  return static_cast<int>(tensors_.size() - 1);
}

ModelBuilder &ModelBuilder::Op(BuiltinOperator op, const std::vector<int32_t> &inputs,
                               const std::vector<int32_t> &outputs, const Options &options) {
  auto it = std::find(opcodes_.begin(), opcodes_.end(), op);
  if (it == opcodes_.end()) it = opcodes_.insert(opcodes_.end(), op);
  ops_.push_back({static_cast<uint32_t>(it - opcodes_.begin()), inputs, outputs, options});
  return *this;
}

ModelBuilder &ModelBuilder::Inputs(const std::vector<int32_t> &tensors) {
  inputs_ = tensors;
  inputs_set_ = true;
  return *this;
}

ModelBuilder &ModelBuilder::Outputs(const std::vector<int32_t> &tensors) {
  outputs_ = tensors;
  outputs_set_ = true;
  return *this;
}

std::vector<int32_t> ModelBuilder::DefaultInputs() const {
  std::set<int32_t> written;
  for (const auto &op : ops_) written.insert(op.outputs.begin(), op.outputs.end());
  std::vector<int32_t> result;
  for (const auto &op : ops_)
    for (int32_t t : op.inputs)
      if (t >= 0 && tensors_[t].buffer == 0 && !written.count(t) &&
          std::find(result.begin(), result.end(), t) == result.end())
        result.push_back(t);
  return result;
}

std::vector<int32_t> ModelBuilder::DefaultOutputs() const {
  std::set<int32_t> read;
  for (const auto &op : ops_) read.insert(op.inputs.begin(), op.inputs.end());
  std::vector<int32_t> result;
  for (const auto &op : ops_)
    for (int32_t t : op.outputs)
      if (!read.count(t)) result.push_back(t);
  return result;
}

std::vector<uint8_t> ModelBuilder::Finish() const {
  // Model: 0 version, 1 operator_codes, 2 subgraphs, 3 description, 4 buffers.
  std::vector<fb::Table> opcodes;
  for (BuiltinOperator op : opcodes_) {
    // OperatorCode: 0 deprecated_builtin_code (byte, 127 = "look at builtin_code"), 2 version, 3 builtin_code.
    fb::Table t;
    t.Int8(0, static_cast<int8_t>(op > 127 ? 127 : op)).Int32(2, 1).Int32(3, op);
    opcodes.push_back(t);
  }

  std::vector<fb::Table> tensors;
  for (const TensorDef &d : tensors_) {
    // Tensor: 0 shape, 1 type, 2 buffer, 3 name, 4 quantization.
    fb::Table t;
    t.Vector(0, d.shape).Int8(1, d.type).UInt32(2, d.buffer).String(3, d.name);
    if (!d.quant.empty()) {
      // QuantizationParameters: 2 scale, 3 zero_point (int64), 6 quantized_dimension.
      fb::Table q;
      q.Vector(2, d.quant.scale).Vector(3, d.quant.zero_point).Int32(6, d.quant.quantized_dimension);
      t.Child(4, q);
    }
    tensors.push_back(t);
  }

  std::vector<fb::Table> operators;
  for (const OpDef &op : ops_) {
    // Operator: 0 opcode_index, 1 inputs, 2 outputs, 3 builtin_options_type, 4 builtin_options.
    fb::Table t;
    t.UInt32(0, op.opcode_index).Vector(1, op.inputs).Vector(2, op.outputs);
    OptionsWriter w;
    std::visit(w, op.options);
    if (w.type != 0) t.UInt8(3, w.type).Child(4, w.table);
    operators.push_back(t);
  }

  // SubGraph: 0 tensors, 1 inputs, 2 outputs, 3 operators, 4 name.
  fb::Table subgraph;
  subgraph.Tables(0, tensors)
      .Vector(1, inputs_set_ ? inputs_ : DefaultInputs())
      .Vector(2, outputs_set_ ? outputs_ : DefaultOutputs())
      .Tables(3, operators)
      .String(4, "main");

  std::vector<fb::Table> buffers;
  for (const auto &data : buffers_) {
    fb::Table b;  // Buffer: 0 data (force_align 16); the sentinel buffer 0 has no fields
    if (!data.empty()) b.Vector(0, data, 16);
    buffers.push_back(b);
  }

  fb::Table model;
  model.UInt32(0, 3).Tables(1, opcodes).Tables(2, {subgraph}).String(3, "tml_test model").Tables(4, buffers);
  return fb::Serialize(model, "TFL3");
}

}  // namespace tml_test
