// Reference int8 kernels for the differential tests, written from the arithmetic specification of TFLite
// Micro's reference kernels (double-rounding build). Clarity over speed: explicit loops, int64 wherever the
// specification's result does not depend on the intermediate width, and int32 wrap-around where it does.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model_builder.h"

namespace tml_ref {

using tml_test::Activation;
using tml_test::Padding;
using Shape = std::vector<int32_t>;

int64_t NumElements(const Shape &shape);
std::string ShapeString(const Shape &shape);

// ---- fixed-point primitives ----------------------------------------------------------------------

// (a*b*2) / 2^32 rounded to nearest, ties toward +infinity; saturates only for INT32_MIN*INT32_MIN.
int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b);
// x / 2^exponent rounded to nearest, ties away from zero (0 <= exponent <= 31).
int32_t RoundingDivideByPOT(int32_t x, int exponent);
// x * 2^exponent, saturating for exponent > 0 and rounding (RoundingDivideByPOT) for exponent < 0.
int32_t SaturatingRoundingMultiplyByPOT(int32_t x, int exponent);
// (a+b)/2 rounded half away from zero.
int32_t RoundingHalfSum(int32_t a, int32_t b);

struct Multiplier {
  int32_t multiplier;
  int shift;  // > 0: left shift
};
// Q0.31 mantissa and exponent of a real multiplier (flushes exponents below -31 to zero).
Multiplier QuantizeMultiplier(double real);
// Double-rounding requantization: RDBPOT(SRDHM(x * 2^max(shift,0), m), max(-shift,0)), int32 wrap in x*2^s.
int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift);
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, Multiplier m) {
  return MultiplyByQuantizedMultiplier(x, m.multiplier, m.shift);
}

// gemmlowp fixed-point functions. Arguments and results are raw int32 values; integer_bits is the
// number of integer bits of the argument's format (Q<integer_bits>.<31-integer_bits>), results are Q0.31.
int32_t ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int32_t a);
int32_t ExpOnNegativeValues(int32_t a, int integer_bits);
int32_t OneOverOnePlusXForXIn01(int32_t a);
int32_t OneMinusXOverOnePlusXForXIn01(int32_t a);
int32_t FixedPointLogistic(int32_t a, int integer_bits);
int32_t FixedPointTanh(int32_t a, int integer_bits);

// Output clamp bounds of a fused activation for an output quantization (qmin/qmax of the output type).
struct ActivationRange {
  int32_t min, max;
};
ActivationRange QuantizedActivationRange(Activation activation, float scale, int32_t zero_point, int32_t qmin = -128,
                                         int32_t qmax = 127);

// ---- tensors -------------------------------------------------------------------------------------------

struct Tensor8 {
  Shape shape;
  std::vector<int8_t> data;
  float scale = 1.0f;
  int32_t zero_point = 0;
};

// Weights with one scale (per-tensor) or one per output channel; zero points are 0.
struct Weights {
  Shape shape;
  std::vector<int8_t> data;
  std::vector<float> scales;
};

struct OutputQuant {
  float scale;
  int32_t zero_point;
};

// ---- convolution and pooling ---------------------------------------------------------------------------

// Spatial output size and leading padding of one axis (TFLite's padding rule).
int ConvOutputSize(Padding padding, int in, int filter, int stride, int dilation);
int ConvPadding(int in, int filter, int stride, int dilation, int out);

struct ConvParams {
  Padding padding = tml_test::kSame;
  int stride_w = 1, stride_h = 1;
  int dilation_w = 1, dilation_h = 1;
  int depth_multiplier = 1;  // depthwise only
  Activation activation = tml_test::kActNone;
};

// input [N,H,W,Cin], filter [Cout,KH,KW,Cf], bias [Cout] or null; output [N,OH,OW,Cout]. Cf < Cin is a
// grouped convolution: Cin/Cf groups, output channel oc reads input channels of group oc / (Cout/groups).
Tensor8 Conv2D(const Tensor8 &input, const Weights &filter, const std::vector<int32_t> *bias, OutputQuant out,
               const ConvParams &params);
// input [N,H,W,Cin], filter [1,KH,KW,Cin*dm], bias [Cin*dm] or null.
Tensor8 DepthwiseConv2D(const Tensor8 &input, const Weights &filter, const std::vector<int32_t> *bias, OutputQuant out,
                        const ConvParams &params);
// input [..., accum_depth], weights [units, accum_depth]; output [batches, units] or, with keep_num_dims,
// the input shape with its last dimension replaced by units.
Tensor8 FullyConnected(const Tensor8 &input, const Weights &weights, const std::vector<int32_t> *bias, OutputQuant out,
                       Activation activation, bool keep_num_dims);

struct PoolParams {
  Padding padding = tml_test::kSame;
  int stride_w = 1, stride_h = 1;
  int filter_w = 1, filter_h = 1;
  Activation activation = tml_test::kActNone;
};
// Output quantization = input quantization.
Tensor8 AveragePool2D(const Tensor8 &input, const PoolParams &params);
Tensor8 MaxPool2D(const Tensor8 &input, const PoolParams &params);

// ---- elementwise ---------------------------------------------------------------------------------------

// NumPy broadcast shape of two shapes (empty if they do not broadcast).
Shape BroadcastShape(const Shape &a, const Shape &b);
Tensor8 Add(const Tensor8 &a, const Tensor8 &b, OutputQuant out, Activation activation);
Tensor8 Mul(const Tensor8 &a, const Tensor8 &b, OutputQuant out, Activation activation);
// ADD's three multipliers must each lie in (0, 1); false when these scales are outside what ADD accepts.
bool AddScalesValid(float s1, float s2, float s_out);

// Output quantization (1/256, -128).
Tensor8 Softmax(const Tensor8 &input, float beta);
// softmax needs beta * input_scale * 2^26 > 1.
bool SoftmaxScaleValid(float input_scale, float beta);
// Output quantization (1/256, -128).
Tensor8 Logistic(const Tensor8 &input);
// Output quantization (1/128, 0).
Tensor8 Tanh(const Tensor8 &input);

// ---- reductions and data movement ----------------------------------------------------------------------

// Output shape of MEAN for axes (negative allowed, duplicates ignored).
Shape MeanOutputShape(const Shape &input, const std::vector<int32_t> &axes, bool keep_dims);
Tensor8 Mean(const Tensor8 &input, const std::vector<int32_t> &axes, bool keep_dims, OutputQuant out);

// paddings[i] = {before, after} for dimension i; pad_value fills the new elements (raw int8).
Tensor8 Pad(const Tensor8 &input, const std::vector<std::pair<int32_t, int32_t>> &paddings, int8_t pad_value);

Tensor8 Concatenation(const std::vector<Tensor8> &inputs, int axis);

// QUANTIZE float -> integer type with range [qmin, qmax] (int8: -128..127, uint8: 0..255).
// roundf(x / scale) + zero_point, saturating (values beyond int32 saturate instead of being undefined).
std::vector<int32_t> QuantizeFloat(const std::vector<float> &values, float scale, int32_t zero_point, int32_t qmin,
                                   int32_t qmax);
// QUANTIZE integer -> integer: MBQM(x - zp_in, QuantizeMultiplier(s_in/s_out)) + zp_out, clamped.
std::vector<int32_t> Requantize(const std::vector<int32_t> &values, float in_scale, int32_t in_zero_point,
                                float out_scale, int32_t out_zero_point, int32_t qmin, int32_t qmax);
// DEQUANTIZE: (float)scale * (float)(x - zero_point).
std::vector<float> Dequantize(const std::vector<int32_t> &values, float scale, int32_t zero_point);

}  // namespace tml_ref
