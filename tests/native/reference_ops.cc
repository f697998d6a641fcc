// Reference kernels: see reference_ops.h. Written from the specification notes (kernels_a.md,
// kernels_b.md), in the order the notes describe each computation.
#include "reference_ops.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace tml_ref {

namespace {

// int32 arithmetic that wraps modulo 2^32 like the reference kernels do on real targets (never UB here).
int32_t WrapAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
int32_t WrapSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
int32_t WrapNeg(int32_t a) { return WrapSub(0, a); }
int32_t WrapToInt32(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }

// A precondition of the reference (a generator bug when it fails, never an engine one).
void Require(bool condition, const char *what) {
  if (!condition) throw std::invalid_argument(std::string("reference: ") + what);
}

// Every reference op checks its tensors first: data must match the shape.
void CheckTensor(const Tensor8 &t) {
  int64_t n = 1;
  for (int32_t d : t.shape) {
    Require(d >= 0, "negative dimension");
    n *= d;
  }
  Require(static_cast<int64_t>(t.data.size()) == n, "tensor data does not match its shape");
}

int32_t Clamp(int64_t v, int32_t lo, int32_t hi) {
  return static_cast<int32_t>(std::min<int64_t>(std::max<int64_t>(v, lo), hi));
}

int CountLeadingZeros32(uint32_t x) {
  int n = 0;
  for (uint32_t bit = 0x80000000u; bit != 0 && !(x & bit); bit >>= 1) n++;
  return n;
}

int FloorLog2(int64_t x) {  // x > 0
  int n = -1;
  while (x > 0) {
    x >>= 1;
    n++;
  }
  return n;
}

// Row-major strides of a shape.
std::vector<int64_t> Strides(const Shape &shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (int i = static_cast<int>(shape.size()) - 2; i >= 0; i--) strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

// Multi-dimensional index of a flat row-major offset.
std::vector<int32_t> Unflatten(int64_t flat, const Shape &shape) {
  std::vector<int32_t> index(shape.size(), 0);
  for (int i = static_cast<int>(shape.size()) - 1; i >= 0; i--) {
    index[i] = static_cast<int32_t>(flat % shape[i]);
    flat /= shape[i];
  }
  return index;
}

}  // namespace

int64_t NumElements(const Shape &shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

std::string ShapeString(const Shape &shape) {
  std::ostringstream s;
  s << "[";
  for (size_t i = 0; i < shape.size(); i++) s << (i ? "," : "") << shape[i];
  s << "]";
  return s.str();
}

// ---- fixed-point primitives ----------------------------------------------------------------------

int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == std::numeric_limits<int32_t>::min() && b == std::numeric_limits<int32_t>::min())
    return std::numeric_limits<int32_t>::max();
  const int64_t product = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge = product >= 0 ? (int64_t{1} << 30) : 1 - (int64_t{1} << 30);
  return static_cast<int32_t>((product + nudge) / (int64_t{1} << 31));  // C division: toward zero
}

int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  Require(exponent >= 0 && exponent <= 31, "RoundingDivideByPOT exponent out of [0, 31]");
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  // floor(x / 2^exponent), written without shifting a negative number
  const int32_t floor_quotient = static_cast<int32_t>(
      (static_cast<int64_t>(x) - static_cast<int64_t>(static_cast<uint32_t>(x) & static_cast<uint32_t>(mask))) /
      (int64_t{1} << exponent));
  return floor_quotient + (remainder > threshold ? 1 : 0);
}

int32_t SaturatingRoundingMultiplyByPOT(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return RoundingDivideByPOT(x, -exponent);
  const int64_t threshold = (int64_t{1} << (31 - exponent)) - 1;
  if (x > threshold) return std::numeric_limits<int32_t>::max();
  if (x < -threshold) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(static_cast<int64_t>(x) * (int64_t{1} << exponent));
}

int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + b;
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

Multiplier QuantizeMultiplier(double real) {
  if (real == 0.0) return {0, 0};
  int exponent = 0;
  const double q = std::frexp(real, &exponent);  // real = q * 2^exponent, q in [0.5, 1)
  int64_t q_fixed = static_cast<int64_t>(std::round(q * 2147483648.0));
  Require(q_fixed <= (int64_t{1} << 31), "QuantizeMultiplier mantissa overflow");
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed = int64_t{1} << 30;
    exponent++;
  }
  if (exponent < -31) {
    exponent = 0;
    q_fixed = 0;
  }
  return {static_cast<int32_t>(q_fixed), exponent};
}

int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  // x * 2^left as an int32 multiply (wraps modulo 2^32)
  const int32_t shifted = left >= 32 ? 0 : static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(shifted, multiplier), right);
}

int32_t ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int32_t a) {
  const int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8) in Q0.31
  const int32_t kOneThird = 715827883;            // 1/3 in Q0.31
  const int32_t x = WrapAdd(a, 1 << 28);          // a + 1/8
  const int32_t x2 = SaturatingRoundingDoublingHighMul(x, x);
  const int32_t x3 = SaturatingRoundingDoublingHighMul(x2, x);
  const int32_t x4 = SaturatingRoundingDoublingHighMul(x2, x2);
  const int32_t x4_over_4 = RoundingDivideByPOT(x4, 2);
  const int32_t poly = RoundingDivideByPOT(
      WrapAdd(SaturatingRoundingDoublingHighMul(WrapAdd(x4_over_4, x3), kOneThird), x2), 1);  // x^4/24+x^3/6+x^2/2
  return WrapAdd(kExpMinusOneEighth, SaturatingRoundingDoublingHighMul(kExpMinusOneEighth, WrapAdd(x, poly)));
}

int32_t ExpOnNegativeValues(int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = int32_t{1} << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_quarter = WrapSub(a & mask, one_quarter);
  int32_t result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(
      SaturatingRoundingMultiplyByPOT(a_mod_quarter_minus_quarter, integer_bits));  // Q_I -> Q0
  const int32_t remainder = WrapSub(a_mod_quarter_minus_quarter, a);
  // exp(-2^k) in Q0.31 for k = -2 .. 4, applied for each set bit of the remainder, in this order.
  const int32_t kBarrel[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int k = -2; k <= 4; k++) {
    if (integer_bits > k) {
      const int bit = fractional_bits + k;
      if (remainder & (int32_t{1} << bit)) result = SaturatingRoundingDoublingHighMul(result, kBarrel[k + 2]);
    }
  }
  if (integer_bits > 5) {
    const int32_t minus_32 = -(int32_t{1} << (36 - integer_bits));
    if (a < minus_32) result = 0;
  }
  if (a == 0) result = std::numeric_limits<int32_t>::max();
  return result;
}

namespace {
// Three Newton-Raphson steps for 1/half_denominator; the result is Q2.29.
int32_t NewtonRaphsonReciprocalQ2(int32_t half_denominator) {
  const int32_t k48Over17 = 1515870810;        // Q2.29
  const int32_t kMinus32Over17 = -1010580540;  // Q2.29
  const int32_t kOneQ2 = int32_t{1} << 29;
  int32_t x = WrapAdd(k48Over17, SaturatingRoundingDoublingHighMul(half_denominator, kMinus32Over17));
  for (int i = 0; i < 3; i++) {
    const int32_t half_denominator_times_x = SaturatingRoundingDoublingHighMul(half_denominator, x);
    const int32_t one_minus = WrapSub(kOneQ2, half_denominator_times_x);
    x = WrapAdd(x, SaturatingRoundingMultiplyByPOT(SaturatingRoundingDoublingHighMul(x, one_minus), 2));
  }
  return x;
}
}  // namespace

int32_t OneOverOnePlusXForXIn01(int32_t a) {
  const int32_t half_denominator = RoundingHalfSum(a, std::numeric_limits<int32_t>::max());
  return SaturatingRoundingMultiplyByPOT(NewtonRaphsonReciprocalQ2(half_denominator), 1);
}

int32_t OneMinusXOverOnePlusXForXIn01(int32_t a) {
  const int32_t half_denominator = RoundingHalfSum(a, std::numeric_limits<int32_t>::max());
  return SaturatingRoundingMultiplyByPOT(WrapSub(NewtonRaphsonReciprocalQ2(half_denominator), int32_t{1} << 29), 2);
}

int32_t FixedPointLogistic(int32_t a, int integer_bits) {
  const int32_t abs_a = a > 0 ? a : WrapNeg(a);
  const int32_t positive = OneOverOnePlusXForXIn01(ExpOnNegativeValues(WrapNeg(abs_a), integer_bits));
  if (a == 0) return int32_t{1} << 30;
  if (a > 0) return positive;
  return WrapSub(std::numeric_limits<int32_t>::max(), positive);
}

int32_t FixedPointTanh(int32_t a, int integer_bits) {
  const int32_t minus_abs = a < 0 ? a : WrapNeg(a);
  // The same raw bits read with one more integer bit: exp(2 * minus_abs).
  const int32_t e = ExpOnNegativeValues(minus_abs, integer_bits + 1);
  const int32_t t = OneMinusXOverOnePlusXForXIn01(e);
  if (a == 0) return 0;
  return a < 0 ? WrapNeg(t) : t;
}

ActivationRange QuantizedActivationRange(Activation activation, float scale, int32_t zero_point, int32_t qmin,
                                         int32_t qmax) {
  auto quantize = [&](float f) {
    const float r = std::round(f / scale);  // float division, roundf: ties away from zero
    Require(std::fabs(r) < 2147483648.0f, "activation bound out of int32 range");
    return static_cast<int64_t>(zero_point) + static_cast<int64_t>(r);
  };
  switch (activation) {
    case tml_test::kActRelu: return {Clamp(std::max<int64_t>(qmin, quantize(0.0f)), qmin, qmax), qmax};
    case tml_test::kActRelu6:
      return {Clamp(std::max<int64_t>(qmin, quantize(0.0f)), qmin, qmax),
              Clamp(std::min<int64_t>(qmax, quantize(6.0f)), qmin, qmax)};
    case tml_test::kActReluN1To1:
      return {Clamp(std::max<int64_t>(qmin, quantize(-1.0f)), qmin, qmax),
              Clamp(std::min<int64_t>(qmax, quantize(1.0f)), qmin, qmax)};
    default: return {qmin, qmax};
  }
}

// ---- convolution and pooling ---------------------------------------------------------------------------

int ConvOutputSize(Padding padding, int in, int filter, int stride, int dilation) {
  const int effective = (filter - 1) * dilation + 1;
  if (padding == tml_test::kSame) return (in + stride - 1) / stride;
  return (in + stride - effective) / stride;
}

int ConvPadding(int in, int filter, int stride, int dilation, int out) {
  const int effective = (filter - 1) * dilation + 1;
  const int total = std::max(0, (out - 1) * stride + effective - in);
  return total / 2;
}

namespace {

std::vector<Multiplier> ChannelMultipliers(float input_scale, const std::vector<float> &filter_scales, int channels,
                                           float output_scale) {
  std::vector<Multiplier> result;
  for (int c = 0; c < channels; c++) {
    const float fs = filter_scales.size() > 1 ? filter_scales[c] : filter_scales[0];
    const double real = static_cast<double>(input_scale) * static_cast<double>(fs) / static_cast<double>(output_scale);
    result.push_back(QuantizeMultiplier(real));
  }
  return result;
}

// Accumulator (a sum of products, then the bias, all wrapping like int32) -> output value.
int8_t Requantize8(int64_t dot, int32_t bias, Multiplier m, int32_t zero_point, ActivationRange range) {
  const int32_t acc = WrapToInt32(dot + bias);
  const int64_t scaled = static_cast<int64_t>(MultiplyByQuantizedMultiplier(acc, m)) + zero_point;
  return static_cast<int8_t>(Clamp(scaled, range.min, range.max));
}

}  // namespace

Tensor8 Conv2D(const Tensor8 &input, const Weights &filter, const std::vector<int32_t> *bias, OutputQuant out,
               const ConvParams &p) {
  CheckTensor(input);
  Require(input.shape.size() == 4 && filter.shape.size() == 4, "conv wants 4-D input and filter");
  const int batches = input.shape[0], height = input.shape[1], width = input.shape[2], in_channels = input.shape[3];
  const int out_channels = filter.shape[0], kh = filter.shape[1], kw = filter.shape[2];
  // Grouped convolution: each group of out_channels/groups filters sees filter_depth input channels.
  const int filter_depth = filter.shape[3];
  Require(filter_depth > 0 && in_channels % filter_depth == 0, "conv filter depth must divide the input depth");
  const int groups = in_channels / filter_depth;
  Require(out_channels % groups == 0, "conv output channels must divide into the groups");
  const int filters_per_group = out_channels / groups;
  Require(static_cast<int64_t>(filter.data.size()) == NumElements(filter.shape), "conv filter size");
  Require(!bias || static_cast<int>(bias->size()) == out_channels, "conv bias size");
  const int out_h = ConvOutputSize(p.padding, height, kh, p.stride_h, p.dilation_h);
  const int out_w = ConvOutputSize(p.padding, width, kw, p.stride_w, p.dilation_w);
  const int pad_h = ConvPadding(height, kh, p.stride_h, p.dilation_h, out_h);
  const int pad_w = ConvPadding(width, kw, p.stride_w, p.dilation_w, out_w);
  const auto multipliers = ChannelMultipliers(input.scale, filter.scales, out_channels, out.scale);
  const ActivationRange range = QuantizedActivationRange(p.activation, out.scale, out.zero_point);

  Tensor8 result{{batches, out_h, out_w, out_channels}, {}, out.scale, out.zero_point};
  result.data.resize(NumElements(result.shape));
  for (int n = 0; n < batches; n++)
    for (int oy = 0; oy < out_h; oy++)
      for (int ox = 0; ox < out_w; ox++)
        for (int oc = 0; oc < out_channels; oc++) {
          const int group = oc / filters_per_group;
          int64_t dot = 0;
          for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++) {
              const int iy = oy * p.stride_h - pad_h + ky * p.dilation_h;
              const int ix = ox * p.stride_w - pad_w + kx * p.dilation_w;
              if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;  // padding: contributes nothing
              for (int ic = 0; ic < filter_depth; ic++) {
                const int32_t x =
                    input.data[((n * height + iy) * width + ix) * in_channels + group * filter_depth + ic];
                const int32_t w = filter.data[((oc * kh + ky) * kw + kx) * filter_depth + ic];
                dot += static_cast<int64_t>(w) * (x - input.zero_point);
              }
            }
          result.data[((n * out_h + oy) * out_w + ox) * out_channels + oc] =
              Requantize8(dot, bias ? (*bias)[oc] : 0, multipliers[oc], out.zero_point, range);
        }
  return result;
}

Tensor8 DepthwiseConv2D(const Tensor8 &input, const Weights &filter, const std::vector<int32_t> *bias, OutputQuant out,
                        const ConvParams &p) {
  CheckTensor(input);
  Require(input.shape.size() == 4 && filter.shape.size() == 4 && filter.shape[0] == 1, "depthwise shapes");
  const int batches = input.shape[0], height = input.shape[1], width = input.shape[2], in_channels = input.shape[3];
  const int kh = filter.shape[1], kw = filter.shape[2], out_channels = filter.shape[3];
  Require(out_channels == in_channels * p.depth_multiplier, "depthwise: Cout != Cin * depth_multiplier");
  Require(static_cast<int64_t>(filter.data.size()) == NumElements(filter.shape), "depthwise filter size");
  Require(!bias || static_cast<int>(bias->size()) == out_channels, "depthwise bias size");
  const int out_h = ConvOutputSize(p.padding, height, kh, p.stride_h, p.dilation_h);
  const int out_w = ConvOutputSize(p.padding, width, kw, p.stride_w, p.dilation_w);
  const int pad_h = ConvPadding(height, kh, p.stride_h, p.dilation_h, out_h);
  const int pad_w = ConvPadding(width, kw, p.stride_w, p.dilation_w, out_w);
  const auto multipliers = ChannelMultipliers(input.scale, filter.scales, out_channels, out.scale);
  const ActivationRange range = QuantizedActivationRange(p.activation, out.scale, out.zero_point);

  Tensor8 result{{batches, out_h, out_w, out_channels}, {}, out.scale, out.zero_point};
  result.data.resize(NumElements(result.shape));
  for (int n = 0; n < batches; n++)
    for (int oy = 0; oy < out_h; oy++)
      for (int ox = 0; ox < out_w; ox++)
        for (int ic = 0; ic < in_channels; ic++)
          for (int m = 0; m < p.depth_multiplier; m++) {
            const int oc = ic * p.depth_multiplier + m;
            int64_t dot = 0;
            for (int ky = 0; ky < kh; ky++)
              for (int kx = 0; kx < kw; kx++) {
                const int iy = oy * p.stride_h - pad_h + ky * p.dilation_h;
                const int ix = ox * p.stride_w - pad_w + kx * p.dilation_w;
                if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
                const int32_t x = input.data[((n * height + iy) * width + ix) * in_channels + ic];
                const int32_t w = filter.data[(ky * kw + kx) * out_channels + oc];
                dot += static_cast<int64_t>(w) * (x - input.zero_point);
              }
            result.data[((n * out_h + oy) * out_w + ox) * out_channels + oc] =
                Requantize8(dot, bias ? (*bias)[oc] : 0, multipliers[oc], out.zero_point, range);
          }
  return result;
}

Tensor8 FullyConnected(const Tensor8 &input, const Weights &weights, const std::vector<int32_t> *bias, OutputQuant out,
                       Activation activation, bool keep_num_dims) {
  CheckTensor(input);
  Require(weights.shape.size() == 2, "FC weights must be 2-D");
  Require(static_cast<int64_t>(weights.data.size()) == NumElements(weights.shape), "FC weights size");
  Require(!bias || static_cast<int>(bias->size()) == weights.shape[0], "FC bias size");
  const int units = weights.shape[0], depth = weights.shape[1];
  Require(NumElements(input.shape) % depth == 0, "FC input size not a multiple of the depth");
  const int batches = static_cast<int>(NumElements(input.shape) / depth);
  std::vector<Multiplier> multipliers;
  if (weights.scales.size() > 1) {  // per-channel: double product, as in conv
    multipliers = ChannelMultipliers(input.scale, weights.scales, units, out.scale);
  } else {  // per-tensor: the product of the two scales is rounded to float first
    const float product = static_cast<float>(input.scale * weights.scales[0]);
    multipliers.assign(units, QuantizeMultiplier(static_cast<double>(product) / static_cast<double>(out.scale)));
  }
  const ActivationRange range = QuantizedActivationRange(activation, out.scale, out.zero_point);

  Tensor8 result{{batches, units}, {}, out.scale, out.zero_point};
  if (keep_num_dims) {
    result.shape = input.shape;
    result.shape.back() = units;
  }
  result.data.resize(static_cast<size_t>(batches) * units);
  for (int b = 0; b < batches; b++)
    for (int o = 0; o < units; o++) {
      int64_t dot = 0;
      for (int d = 0; d < depth; d++)
        dot += static_cast<int64_t>(weights.data[o * depth + d]) * (input.data[b * depth + d] - input.zero_point);
      result.data[b * units + o] = Requantize8(dot, bias ? (*bias)[o] : 0, multipliers[o], out.zero_point, range);
    }
  return result;
}

namespace {

template <typename Reduce>
Tensor8 Pool(const Tensor8 &input, const PoolParams &p, Reduce reduce) {
  CheckTensor(input);
  Require(input.shape.size() == 4, "pooling wants a 4-D input");
  const int batches = input.shape[0], height = input.shape[1], width = input.shape[2], channels = input.shape[3];
  const int out_h = ConvOutputSize(p.padding, height, p.filter_h, p.stride_h, 1);
  const int out_w = ConvOutputSize(p.padding, width, p.filter_w, p.stride_w, 1);
  const int pad_h = ConvPadding(height, p.filter_h, p.stride_h, 1, out_h);
  const int pad_w = ConvPadding(width, p.filter_w, p.stride_w, 1, out_w);
  const ActivationRange range = QuantizedActivationRange(p.activation, input.scale, input.zero_point);
  Tensor8 result{{batches, out_h, out_w, channels}, {}, input.scale, input.zero_point};
  result.data.resize(NumElements(result.shape));
  for (int n = 0; n < batches; n++)
    for (int oy = 0; oy < out_h; oy++)
      for (int ox = 0; ox < out_w; ox++)
        for (int c = 0; c < channels; c++) {
          std::vector<int32_t> window;  // in-image taps only
          for (int fy = 0; fy < p.filter_h; fy++)
            for (int fx = 0; fx < p.filter_w; fx++) {
              const int iy = oy * p.stride_h - pad_h + fy, ix = ox * p.stride_w - pad_w + fx;
              if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
              window.push_back(input.data[((n * height + iy) * width + ix) * channels + c]);
            }
          Require(!window.empty(), "pooling window without in-image taps");
          result.data[((n * out_h + oy) * out_w + ox) * channels + c] =
              static_cast<int8_t>(Clamp(reduce(window), range.min, range.max));
        }
  return result;
}

}  // namespace

Tensor8 AveragePool2D(const Tensor8 &input, const PoolParams &params) {
  return Pool(input, params, [](const std::vector<int32_t> &window) {
    const int32_t count = static_cast<int32_t>(window.size());
    int32_t sum = 0;
    for (int32_t v : window) sum += v;  // raw values: the zero point cancels out
    // nearest, ties away from zero (C division truncates)
    return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  });
}

Tensor8 MaxPool2D(const Tensor8 &input, const PoolParams &params) {
  return Pool(input, params, [](const std::vector<int32_t> &window) {
    int32_t m = -128;
    for (int32_t v : window) m = std::max(m, v);
    return m;
  });
}

// ---- elementwise ---------------------------------------------------------------------------------------

Shape BroadcastShape(const Shape &a, const Shape &b) {
  const size_t rank = std::max(a.size(), b.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; i++) {
    const int32_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int32_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) return {};
    result[i] = da == 1 ? db : da;
  }
  return result;
}

namespace {

// Calls f(out_index, a_index, b_index) for every element of the broadcast output.
template <typename F>
Shape ForEachBroadcast(const Shape &a, const Shape &b, F f) {
  const Shape out = BroadcastShape(a, b);
  Require(!out.empty() || (a.empty() && b.empty()), "shapes do not broadcast");
  const size_t rank = out.size();
  auto extend = [&](const Shape &s) {
    Shape e(rank - s.size(), 1);
    e.insert(e.end(), s.begin(), s.end());
    return e;
  };
  const Shape ea = extend(a), eb = extend(b);
  const auto sa = Strides(ea), sb = Strides(eb);
  const int64_t count = NumElements(out);
  for (int64_t i = 0; i < count; i++) {
    const auto index = Unflatten(i, out);
    int64_t ia = 0, ib = 0;
    for (size_t d = 0; d < rank; d++) {
      if (ea[d] != 1) ia += index[d] * sa[d];
      if (eb[d] != 1) ib += index[d] * sb[d];
    }
    f(i, ia, ib);
  }
  return out;
}

}  // namespace

bool AddScalesValid(float s1, float s2, float s_out) {
  const double twice_max = 2.0 * static_cast<double>(std::max(s1, s2));
  const double reals[3] = {static_cast<double>(s1) / twice_max, static_cast<double>(s2) / twice_max,
                           twice_max / (static_cast<double>(1 << 20) * static_cast<double>(s_out))};
  for (double r : reals)
    if (!(r > 0.0 && r < 1.0)) return false;
  return true;
}

Tensor8 Add(const Tensor8 &a, const Tensor8 &b, OutputQuant out, Activation activation) {
  CheckTensor(a);
  CheckTensor(b);
  Require(AddScalesValid(a.scale, b.scale, out.scale), "ADD multipliers must be in (0, 1)");
  const int kLeftShift = 20;
  const double twice_max = 2.0 * static_cast<double>(std::max(a.scale, b.scale));  // max taken in float
  const Multiplier m1 = QuantizeMultiplier(static_cast<double>(a.scale) / twice_max);
  const Multiplier m2 = QuantizeMultiplier(static_cast<double>(b.scale) / twice_max);
  const Multiplier mo =
      QuantizeMultiplier(twice_max / (static_cast<double>(1 << kLeftShift) * static_cast<double>(out.scale)));
  const ActivationRange range = QuantizedActivationRange(activation, out.scale, out.zero_point);
  Tensor8 result{{}, {}, out.scale, out.zero_point};
  result.data.resize(NumElements(BroadcastShape(a.shape, b.shape)));
  result.shape = ForEachBroadcast(a.shape, b.shape, [&](int64_t o, int64_t ia, int64_t ib) {
    const int32_t v1 = (a.data[ia] - a.zero_point) * (1 << kLeftShift);
    const int32_t v2 = (b.data[ib] - b.zero_point) * (1 << kLeftShift);
    const int32_t x1 = MultiplyByQuantizedMultiplier(v1, m1);
    const int32_t x2 = MultiplyByQuantizedMultiplier(v2, m2);
    const int64_t r = static_cast<int64_t>(MultiplyByQuantizedMultiplier(x1 + x2, mo)) + out.zero_point;
    result.data[o] = static_cast<int8_t>(Clamp(r, range.min, range.max));
  });
  return result;
}

Tensor8 Mul(const Tensor8 &a, const Tensor8 &b, OutputQuant out, Activation activation) {
  CheckTensor(a);
  CheckTensor(b);
  const Multiplier m =
      QuantizeMultiplier(static_cast<double>(a.scale) * static_cast<double>(b.scale) / static_cast<double>(out.scale));
  const ActivationRange range = QuantizedActivationRange(activation, out.scale, out.zero_point);
  Tensor8 result{{}, {}, out.scale, out.zero_point};
  result.data.resize(NumElements(BroadcastShape(a.shape, b.shape)));
  result.shape = ForEachBroadcast(a.shape, b.shape, [&](int64_t o, int64_t ia, int64_t ib) {
    const int32_t product = (a.data[ia] - a.zero_point) * (b.data[ib] - b.zero_point);
    const int64_t r = static_cast<int64_t>(MultiplyByQuantizedMultiplier(product, m)) + out.zero_point;
    result.data[o] = static_cast<int8_t>(Clamp(r, range.min, range.max));
  });
  return result;
}

// ---- softmax, logistic, tanh ---------------------------------------------------------------------------

namespace {

struct SoftmaxParams {
  Multiplier input;  // shift >= 0
  int32_t diff_min;
};

SoftmaxParams PrepareSoftmax(float input_scale, float beta) {
  const double kMaxReal = 2147483647.0;  // double-rounding cap
  const double real = std::min(static_cast<double>(beta) * static_cast<double>(input_scale) * 67108864.0, kMaxReal);
  Require(real > 1.0, "softmax: beta * scale * 2^26 must exceed 1");
  const Multiplier m = QuantizeMultiplier(real);
  Require(m.shift >= 0, "softmax: negative shift");
  // CalculateInputRadius(5 integer bits, shift, 31 total bits) = floor(31 * 2^26 / 2^shift)
  const double radius = std::floor(31.0 * std::ldexp(1.0, 26) / std::ldexp(1.0, m.shift));
  return {m, -static_cast<int32_t>(radius)};
}

// Logistic and tanh input scaling: raw frexp of scale * 2^27, no renormalisation; radius with 4 integer bits.
struct SigmoidParams {
  int32_t multiplier;
  int shift;
  int64_t radius;
};

SigmoidParams PrepareSigmoid(float input_scale) {
  const double real = static_cast<double>(input_scale) * static_cast<double>(1 << 27);
  int shift = 0;
  const double q = std::frexp(real, &shift);
  const int64_t multiplier = static_cast<int64_t>(std::round(q * 2147483648.0));
  Require(multiplier < (int64_t{1} << 31), "logistic multiplier overflow");
  Require(shift >= -31, "logistic input scale too small");
  const double radius = std::floor(15.0 * std::ldexp(1.0, 27) / std::ldexp(1.0, shift));
  return {static_cast<int32_t>(multiplier), shift, static_cast<int64_t>(radius)};
}

}  // namespace

bool SoftmaxScaleValid(float input_scale, float beta) {
  return static_cast<double>(beta) * static_cast<double>(input_scale) * 67108864.0 > 1.0;
}

Tensor8 Softmax(const Tensor8 &input, float beta) {
  CheckTensor(input);
  const SoftmaxParams p = PrepareSoftmax(input.scale, beta);
  Tensor8 result{input.shape, std::vector<int8_t>(input.data.size()), 1.0f / 256, -128};
  const int depth = input.shape.back();
  const int64_t rows = NumElements(input.shape) / depth;
  for (int64_t r = 0; r < rows; r++) {
    const int8_t *x = &input.data[r * depth];
    int32_t max = -128;
    for (int c = 0; c < depth; c++) max = std::max<int32_t>(max, x[c]);
    // exp(beta * scale * (x - max)) in Q0.31, or nothing when the difference is below diff_min
    auto exp_of = [&](int c, int32_t *e) {
      const int32_t diff = x[c] - max;
      if (diff < p.diff_min) return false;
      // diff * 2^shift fits in int32: |diff| <= 31 * 2^26 / 2^shift
      const int32_t shifted = static_cast<int32_t>(static_cast<int64_t>(diff) * (int64_t{1} << p.input.shift));
      const int32_t scaled = SaturatingRoundingDoublingHighMul(shifted, p.input.multiplier);
      *e = ExpOnNegativeValues(scaled, 5);  // Q5.26 argument
      return true;
    };
    int32_t sum = 0;  // Q12.19
    for (int c = 0; c < depth; c++) {
      int32_t e;
      if (exp_of(c, &e)) sum = WrapAdd(sum, RoundingDivideByPOT(e, 12));
    }
    const int headroom_plus_one = CountLeadingZeros32(static_cast<uint32_t>(sum));
    const int num_bits_over_unit = 12 - headroom_plus_one;
    const int32_t shifted_minus_one =
        static_cast<int32_t>((static_cast<uint32_t>(sum) << headroom_plus_one) - 0x80000000u);
    const int32_t reciprocal = OneOverOnePlusXForXIn01(shifted_minus_one);
    const int exponent = num_bits_over_unit + 31 - 8;
    Require(exponent >= 0 && exponent <= 31, "softmax exponent out of range");
    for (int c = 0; c < depth; c++) {
      int32_t e;
      int32_t y = -128;
      if (exp_of(c, &e)) {
        const int32_t u = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(reciprocal, e), exponent);
        y = Clamp(static_cast<int64_t>(u) - 128, -128, 127);
      }
      result.data[r * depth + c] = static_cast<int8_t>(y);
    }
  }
  return result;
}

Tensor8 Logistic(const Tensor8 &input) {
  CheckTensor(input);
  const SigmoidParams p = PrepareSigmoid(input.scale);
  Tensor8 result{input.shape, std::vector<int8_t>(input.data.size()), 1.0f / 256, -128};
  for (size_t i = 0; i < input.data.size(); i++) {
    const int32_t v = input.data[i] - input.zero_point;
    int32_t y;
    if (v <= -p.radius) {
      y = -128;
    } else if (v >= p.radius) {
      y = 127;
    } else {
      const int32_t a = MultiplyByQuantizedMultiplier(v, p.multiplier, p.shift);  // Q4.27
      const int32_t u = RoundingDivideByPOT(FixedPointLogistic(a, 4), 23);
      y = Clamp(static_cast<int64_t>(u) - 128, -128, 127);
    }
    result.data[i] = static_cast<int8_t>(y);
  }
  return result;
}

Tensor8 Tanh(const Tensor8 &input) {
  CheckTensor(input);
  const SigmoidParams p = PrepareSigmoid(input.scale);
  Tensor8 result{input.shape, std::vector<int8_t>(input.data.size()), 1.0f / 128, 0};
  for (size_t i = 0; i < input.data.size(); i++) {
    const int32_t v = input.data[i] - input.zero_point;
    int32_t y;
    if (v <= -p.radius) {
      y = -128;
    } else if (v >= p.radius) {
      y = 127;
    } else {
      const int32_t a = MultiplyByQuantizedMultiplier(v, p.multiplier, p.shift);  // Q4.27
      y = Clamp(RoundingDivideByPOT(FixedPointTanh(a, 4), 24), -128, 127);
    }
    result.data[i] = static_cast<int8_t>(y);
  }
  return result;
}

// ---- reductions and data movement ----------------------------------------------------------------------

namespace {

std::vector<bool> ReducedDims(const Shape &input, const std::vector<int32_t> &axes) {
  const int rank = static_cast<int>(input.size());
  std::vector<bool> reduced(rank, false);
  for (int32_t a : axes) {
    const int32_t axis = a < 0 ? a + rank : a;
    Require(axis >= 0 && axis < rank, "MEAN axis out of range");
    reduced[axis] = true;  // duplicates count once
  }
  return reduced;
}

}  // namespace

Shape MeanOutputShape(const Shape &input, const std::vector<int32_t> &axes, bool keep_dims) {
  const auto reduced = ReducedDims(input, axes);
  Shape out;
  for (size_t d = 0; d < input.size(); d++) {
    if (!reduced[d])
      out.push_back(input[d]);
    else if (keep_dims)
      out.push_back(1);
  }
  return out;
}

Tensor8 Mean(const Tensor8 &input, const std::vector<int32_t> &axes, bool keep_dims, OutputQuant out) {
  CheckTensor(input);
  const auto reduced = ReducedDims(input.shape, axes);
  Shape kept;  // output dims in input order, reduced ones dropped (the flat layout with or without keep_dims)
  int64_t n = 1;
  for (size_t d = 0; d < input.shape.size(); d++) {
    if (reduced[d])
      n *= input.shape[d];
    else
      kept.push_back(input.shape[d]);
  }
  Require(NumElements(input.shape) > 0 && n > 0, "MEAN of an empty tensor");
  const auto kept_strides = Strides(kept);
  std::vector<int64_t> sums(NumElements(kept), 0);
  for (int64_t i = 0; i < NumElements(input.shape); i++) {
    const auto index = Unflatten(i, input.shape);
    int64_t o = 0;
    for (size_t d = 0, k = 0; d < input.shape.size(); d++)
      if (!reduced[d]) o += index[d] * kept_strides[k++];
    sums[o] += input.data[i];  // raw values
  }
  Tensor8 result{MeanOutputShape(input.shape, axes, keep_dims), std::vector<int8_t>(sums.size()), out.scale,
                 out.zero_point};
  if (input.zero_point == out.zero_point && input.scale == out.scale) {
    // Same quantization: integer mean of the raw values, truncated toward zero.
    for (size_t o = 0; o < sums.size(); o++)
      result.data[o] = static_cast<int8_t>(WrapToInt32(sums[o]) / static_cast<int32_t>(n));
  } else {
    // Requantizing mean: the multiplier in_scale/out_scale folded with 1/n.
    const Multiplier m = QuantizeMultiplier(static_cast<double>(input.scale) / static_cast<double>(out.scale));
    int shift = std::min(FloorLog2(n), 32);
    shift = std::min(shift, 31 + m.shift);
    const int32_t multiplier = static_cast<int32_t>((static_cast<int64_t>(m.multiplier) << shift) / n);
    for (size_t o = 0; o < sums.size(); o++) {
      const int32_t centered = WrapToInt32(sums[o] - static_cast<int64_t>(input.zero_point) * n);
      const int64_t v =
          static_cast<int64_t>(MultiplyByQuantizedMultiplier(centered, multiplier, m.shift - shift)) + out.zero_point;
      result.data[o] = static_cast<int8_t>(Clamp(v, -128, 127));
    }
  }
  return result;
}

Tensor8 Pad(const Tensor8 &input, const std::vector<std::pair<int32_t, int32_t>> &paddings, int8_t pad_value) {
  CheckTensor(input);
  Require(paddings.size() == input.shape.size(), "one padding pair per dimension");
  Shape out_shape;
  for (size_t d = 0; d < input.shape.size(); d++)
    out_shape.push_back(input.shape[d] + paddings[d].first + paddings[d].second);
  Tensor8 result{out_shape, std::vector<int8_t>(NumElements(out_shape)), input.scale, input.zero_point};
  const auto in_strides = Strides(input.shape);
  for (int64_t o = 0; o < NumElements(out_shape); o++) {
    const auto index = Unflatten(o, out_shape);
    bool inside = true;
    int64_t i = 0;
    for (size_t d = 0; d < index.size(); d++) {
      const int32_t src = index[d] - paddings[d].first;
      if (src < 0 || src >= input.shape[d])
        inside = false;
      else
        i += src * in_strides[d];
    }
    result.data[o] = inside ? input.data[i] : pad_value;
  }
  return result;
}

Tensor8 Concatenation(const std::vector<Tensor8> &inputs, int axis) {
  Require(!inputs.empty(), "concatenation of nothing");
  for (const Tensor8 &t : inputs) CheckTensor(t);
  const int rank = static_cast<int>(inputs[0].shape.size());
  if (axis < 0) axis += rank;
  Require(axis >= 0 && axis < rank, "concatenation axis out of range");
  Shape out_shape = inputs[0].shape;
  out_shape[axis] = 0;
  for (const Tensor8 &t : inputs) {
    Require(static_cast<int>(t.shape.size()) == rank, "concatenation ranks differ");
    for (int d = 0; d < rank; d++) Require(d == axis || t.shape[d] == inputs[0].shape[d], "concatenation shapes");
    out_shape[axis] += t.shape[axis];
  }
  Tensor8 result{out_shape, std::vector<int8_t>(NumElements(out_shape)), inputs[0].scale, inputs[0].zero_point};
  // Element by element: output coordinate along the axis -> (input, coordinate in that input).
  for (int64_t o = 0; o < NumElements(out_shape); o++) {
    auto index = Unflatten(o, out_shape);
    size_t which = 0;
    while (index[axis] >= inputs[which].shape[axis]) index[axis] -= inputs[which++].shape[axis];
    const auto strides = Strides(inputs[which].shape);
    int64_t i = 0;
    for (int d = 0; d < rank; d++) i += index[d] * strides[d];
    result.data[o] = inputs[which].data[i];
  }
  return result;
}

std::vector<int32_t> QuantizeFloat(const std::vector<float> &values, float scale, int32_t zero_point, int32_t qmin,
                                   int32_t qmax) {
  std::vector<int32_t> result;
  for (float x : values) {
    const float r = std::round(x / scale);  // float division, roundf
    int64_t q;
    if (r >= 2147483648.0f)
      q = std::numeric_limits<int32_t>::max();
    else if (r <= -2147483648.0f)
      q = std::numeric_limits<int32_t>::min();
    else
      q = static_cast<int64_t>(r);
    result.push_back(Clamp(q + zero_point, qmin, qmax));
  }
  return result;
}

std::vector<int32_t> Requantize(const std::vector<int32_t> &values, float in_scale, int32_t in_zero_point,
                                float out_scale, int32_t out_zero_point, int32_t qmin, int32_t qmax) {
  const Multiplier m = QuantizeMultiplier(static_cast<double>(in_scale) / static_cast<double>(out_scale));
  std::vector<int32_t> result;
  for (int32_t x : values)
    result.push_back(
        Clamp(static_cast<int64_t>(MultiplyByQuantizedMultiplier(x - in_zero_point, m)) + out_zero_point, qmin, qmax));
  return result;
}

std::vector<float> Dequantize(const std::vector<int32_t> &values, float scale, int32_t zero_point) {
  std::vector<float> result;
  const float s = static_cast<float>(static_cast<double>(scale));
  for (int32_t x : values) result.push_back(s * static_cast<float>(x - zero_point));
  return result;
}

}  // namespace tml_ref
