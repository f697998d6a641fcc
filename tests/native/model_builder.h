// Builds small TFLite models in memory for tests: a minimal FlatBuffers writer (fb::) and a fluent
// ModelBuilder on top of it that knows the TFLite schema tables the engine reads.
//
//   ModelBuilder b;
//   int in = b.Tensor({1, 8, 8, 3}, kInt8, Quant(0.05f, -3));
//   int w = b.Constant({4, 3, 3, 3}, kInt8, weights, Quant(0.01f, 0));
//   int out = b.Tensor({1, 8, 8, 4}, kInt8, Quant(0.1f, 2));
//   b.Op(kConv2D, {in, w, -1}, {out}, Conv2DOptions{});
//   std::vector<uint8_t> bytes = b.Finish();
//
// Subgraph inputs default to every non-constant tensor an operator reads that no operator writes, and
// outputs to every tensor an operator writes that no operator reads (Inputs()/Outputs() override them).
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace tml_test {

// ---------------------------------------------------------------------------------------------------
// FlatBuffers writer. Objects are described as a tree and serialized front to back: a parent is written
// before its children, so every uoffset points forward; a vtable is written right before its table.
namespace fb {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

// A table under construction. Field ids are the schema's (a union takes two: type, then value).
class Table {
 public:
  Table();
  Table &Bool(int id, bool v) { return Scalar(id, static_cast<uint8_t>(v ? 1 : 0)); }
  Table &Int8(int id, int8_t v) { return Scalar(id, v); }
  Table &UInt8(int id, uint8_t v) { return Scalar(id, v); }
  Table &Int32(int id, int32_t v) { return Scalar(id, v); }
  Table &UInt32(int id, uint32_t v) { return Scalar(id, v); }
  Table &Int64(int id, int64_t v) { return Scalar(id, v); }
  Table &Float(int id, float v) { return Scalar(id, v); }
  Table &String(int id, const std::string &s);
  Table &Child(int id, const Table &table);
  Table &Tables(int id, const std::vector<Table> &tables);
  // A vector of scalars whose first element starts at a multiple of align (at least the element size).
  template <typename T>
  Table &Vector(int id, const std::vector<T> &values, uint32_t align = sizeof(T)) {
    static_assert(std::is_arithmetic<T>::value, "scalar vectors only");
    std::vector<uint8_t> bytes;
    for (const T &v : values) AppendLittleEndian(&bytes, v);
    return Blob(id, bytes, static_cast<uint32_t>(values.size()), align < sizeof(T) ? sizeof(T) : align, false);
  }

  template <typename T>
  static void AppendLittleEndian(std::vector<uint8_t> *out, T v) {
    static_assert(std::is_arithmetic<T>::value, "scalars only");
    using U = std::conditional_t<
        sizeof(T) == 1, uint8_t,
        std::conditional_t<sizeof(T) == 2, uint16_t, std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>>;
    U u;
    std::memcpy(&u, &v, sizeof(T));
    for (size_t i = 0; i < sizeof(T); i++) out->push_back(static_cast<uint8_t>(u >> (8 * i)));
  }

  NodePtr node() const { return node_; }

 private:
  template <typename T>
  Table &Scalar(int id, T v) {
    std::vector<uint8_t> bytes;
    AppendLittleEndian(&bytes, v);
    return AddScalar(id, bytes);
  }
  Table &AddScalar(int id, const std::vector<uint8_t> &bytes);
  Table &Blob(int id, const std::vector<uint8_t> &bytes, uint32_t count, uint32_t align, bool nul);
  Node &Mutable();  // copy-on-write: tables share nodes after Child()/Tables()
  std::shared_ptr<Node> node_;
};

// The finished buffer: root uoffset, 4-byte file identifier, then the objects.
std::vector<uint8_t> Serialize(const Table &root, const char identifier[4]);

}  // namespace fb

// ---------------------------------------------------------------------------------------------------
// TFLite schema values (tensorflow/lite/schema/schema.fbs).

enum TensorType : int8_t { kFloat32 = 0, kInt32 = 2, kUInt8 = 3, kInt64 = 4, kInt16 = 7, kInt8 = 9 };

enum BuiltinOperator : int32_t {
  kAdd = 0,
  kAveragePool2D = 1,
  kConcatenation = 2,
  kConv2D = 3,
  kDepthwiseConv2D = 4,
  kDequantize = 6,
  kFullyConnected = 9,
  kLogistic = 14,
  kMaxPool2D = 17,
  kMul = 18,
  kReshape = 22,
  kSoftmax = 25,
  kTanh = 28,
  kPad = 34,
  kMean = 40,
  kSqueeze = 43,
  kPadV2 = 60,
  kQuantize = 114,
};

enum Padding : int8_t { kSame = 0, kValid = 1 };

enum Activation : int8_t {
  kActNone = 0,
  kActRelu = 1,
  kActReluN1To1 = 2,
  kActRelu6 = 3,
  kActTanh = 4,
  kActSignBit = 5
};

const char *ActivationName(Activation a);
const char *PaddingName(Padding p);
const char *TypeName(TensorType t);

// Per-tensor (one scale) or per-channel quantization. Empty = not quantized.
struct Quantization {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
  bool empty() const { return scale.empty() && zero_point.empty(); }
};
inline Quantization Quant(float scale, int64_t zero_point) { return Quantization{{scale}, {zero_point}, 0}; }
inline Quantization PerChannelQuant(std::vector<float> scales, std::vector<int64_t> zero_points, int32_t dimension) {
  return Quantization{std::move(scales), std::move(zero_points), dimension};
}

// Builtin options, one struct per options table (defaults as a converter would write them).
struct NoOptions {};
struct Conv2DOptions {
  Padding padding = kSame;
  int32_t stride_w = 1, stride_h = 1;
  Activation activation = kActNone;
  int32_t dilation_w = 1, dilation_h = 1;
};
struct DepthwiseConv2DOptions {
  Padding padding = kSame;
  int32_t stride_w = 1, stride_h = 1;
  int32_t depth_multiplier = 1;
  Activation activation = kActNone;
  int32_t dilation_w = 1, dilation_h = 1;
};
struct Pool2DOptions {
  Padding padding = kSame;
  int32_t stride_w = 1, stride_h = 1;
  int32_t filter_w = 1, filter_h = 1;
  Activation activation = kActNone;
};
struct FullyConnectedOptions {
  Activation activation = kActNone;
  bool keep_num_dims = false;
};
struct SoftmaxOptions {
  float beta = 1.0f;
};
struct ConcatenationOptions {
  int32_t axis = 0;
  Activation activation = kActNone;
};
struct AddOptions {
  Activation activation = kActNone;
};
struct MulOptions {
  Activation activation = kActNone;
};
struct ReshapeOptions {
  std::vector<int32_t> new_shape;  // written only when non-empty
};
struct PadOptions {};
struct PadV2Options {};
struct ReducerOptions {
  bool keep_dims = false;
};
struct SqueezeOptions {
  std::vector<int32_t> squeeze_dims;  // written only when non-empty
};
struct QuantizeOptions {};
struct DequantizeOptions {};

using Options = std::variant<NoOptions, Conv2DOptions, DepthwiseConv2DOptions, Pool2DOptions, FullyConnectedOptions,
                             SoftmaxOptions, ConcatenationOptions, AddOptions, MulOptions, ReshapeOptions, PadOptions,
                             PadV2Options, ReducerOptions, SqueezeOptions, QuantizeOptions, DequantizeOptions>;

class ModelBuilder {
 public:
  ModelBuilder();

  // A tensor without data (an activation); returns its index.
  int Tensor(const std::vector<int32_t> &shape, TensorType type, const Quantization &quant = {},
             const std::string &name = "");
  // A constant tensor whose data lives in its own buffer.
  int Constant(const std::vector<int32_t> &shape, TensorType type, const std::vector<uint8_t> &data,
               const Quantization &quant = {}, const std::string &name = "");
  template <typename T>
  int ConstantOf(const std::vector<int32_t> &shape, TensorType type, const std::vector<T> &values,
                 const Quantization &quant = {}, const std::string &name = "") {
    std::vector<uint8_t> bytes;
    for (const T &v : values) fb::Table::AppendLittleEndian(&bytes, v);
    return Constant(shape, type, bytes, quant, name);
  }

  // An operator; -1 in inputs marks an absent optional input.
  ModelBuilder &Op(BuiltinOperator op, const std::vector<int32_t> &inputs, const std::vector<int32_t> &outputs,
                   const Options &options = NoOptions{});
  ModelBuilder &Inputs(const std::vector<int32_t> &tensors);
  ModelBuilder &Outputs(const std::vector<int32_t> &tensors);

  std::vector<uint8_t> Finish() const;

 private:
  struct TensorDef {
    std::vector<int32_t> shape;
    TensorType type;
    uint32_t buffer;
    std::string name;
    Quantization quant;
  };
  struct OpDef {
    uint32_t opcode_index;
    std::vector<int32_t> inputs, outputs;
    Options options;
  };
  std::vector<int32_t> DefaultInputs() const;
  std::vector<int32_t> DefaultOutputs() const;

  std::vector<TensorDef> tensors_;
  std::vector<std::vector<uint8_t>> buffers_;  // buffer 0 is the empty sentinel
  std::vector<BuiltinOperator> opcodes_;
  std::vector<OpDef> ops_;
  bool inputs_set_ = false, outputs_set_ = false;
  std::vector<int32_t> inputs_, outputs_;
};

}  // namespace tml_test
