// Randomized differential tests: every operator against the independent reference in reference_ops.cc.
// Each case is a single-operator model written with ModelBuilder, run through the public API
// (tml_test::Runner) and compared byte for byte with the reference. Every TEST uses its own fixed seed;
// a failing case prints the seed, its index and all its parameters and data.
//
// Also here: for every operator, the inputs the engine must refuse at load time (with the status and a
// message naming the node and operator), each paired with a fixed model that must load.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <iomanip>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>

#include "model_builder.h"
#include "reference_ops.h"
#include "test_support.h"

namespace {

using tml_ref::OutputQuant;
using tml_ref::Shape;
using tml_ref::Tensor8;
using namespace tml_test;  // NOLINT: builder vocabulary (kInt8, Quant, ModelBuilder, ...)

// ===========================================================================================================
// Randomness. std::mt19937's output sequence is fixed by the standard and the mappings below are our own
// (not std::uniform_int_distribution), so a seed gives the same cases with every standard library. Keep
// at most one draw per unsequenced expression.

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  uint32_t Next() { return static_cast<uint32_t>(engine_()); }
  // Uniform in [lo, hi].
  int Int(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint32_t>(hi - lo + 1)); }
  double Uniform() { return Next() / 4294967296.0; }
  bool Chance(double p) { return Uniform() < p; }
  // Log-uniform in [lo, hi].
  float LogUniform(double lo, double hi) {
    return static_cast<float>(std::exp(std::log(lo) + Uniform() * (std::log(hi) - std::log(lo))));
  }
  template <typename T>
  T Pick(std::initializer_list<T> options) {
    return *(options.begin() + Int(0, static_cast<int>(options.size()) - 1));
  }
  // A zero point, often at or next to the ends of the int8 range.
  int32_t ZeroPoint() {
    switch (Int(0, 9)) {
      case 0: return -128;
      case 1: return 127;
      case 2: return 0;
      case 3: return Int(-128, -120);
      case 4: return Int(120, 127);
      default: return Int(-128, 127);
    }
  }
  // Activation data: usually uniform, sometimes piled up at one or both ends of the range.
  std::vector<int8_t> Data(size_t n) {
    const int mode = Int(0, 9);
    std::vector<int8_t> v(n);
    for (auto &x : v) {
      switch (mode) {
        case 0: x = static_cast<int8_t>(Chance(0.5) ? -128 : 127); break;
        case 1: x = static_cast<int8_t>(Int(-128, -100)); break;
        case 2: x = static_cast<int8_t>(Int(100, 127)); break;
        default: x = static_cast<int8_t>(Int(-128, 127));
      }
    }
    return v;
  }
  std::vector<int8_t> Uniform8(size_t n) {
    std::vector<int8_t> v(n);
    for (auto &x : v) x = static_cast<int8_t>(Int(-128, 127));
    return v;
  }
  Activation AnyActivation() { return Pick({kActNone, kActRelu, kActReluN1To1, kActRelu6}); }

 private:
  std::mt19937 engine_;
};

// ===========================================================================================================
// Text for failure messages.

std::string Fmt(float f) {
  std::ostringstream s;
  s << std::setprecision(9) << f;
  return s.str();
}

std::string Q(float scale, int32_t zero_point) {
  return "(scale " + Fmt(scale) + ", zp " + std::to_string(zero_point) + ")";
}

template <typename T>
std::string Values(const std::vector<T> &v, size_t limit = 512) {
  std::ostringstream s;
  s << std::setprecision(9) << "{";
  for (size_t i = 0; i < v.size() && i < limit; i++) {
    if (i) s << ",";
    if (std::is_integral<T>::value)
      s << static_cast<int64_t>(v[i]);
    else
      s << v[i];
  }
  if (v.size() > limit) s << ", ... (" << v.size() << " values)";
  s << "}";
  return s.str();
}

using tml_ref::ShapeString;

// ===========================================================================================================
// Running cases.

enum class Element { kInt8, kUInt8, kFloat32 };

struct Case {
  std::string description;      // every parameter and all data: enough to rebuild the case by hand
  std::vector<uint8_t> model;   // a single-operator model
  std::vector<uint8_t> inputs;  // bytes of every model input, in order
  std::vector<uint8_t> expected;
  Element element = Element::kInt8;
  int32_t clamp_min = -128, clamp_max = 127;  // the op's output clamp (for coverage accounting)
};

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T> &values) {
  std::vector<uint8_t> bytes;
  for (const T &v : values) fb::Table::AppendLittleEndian(&bytes, v);
  return bytes;
}

std::vector<uint8_t> Join(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> all;
  for (const auto &p : parts) all.insert(all.end(), p.begin(), p.end());
  return all;
}

std::string ElementText(const std::vector<uint8_t> &bytes, size_t i, Element e) {
  switch (e) {
    case Element::kInt8: return std::to_string(static_cast<int8_t>(bytes[i]));
    case Element::kUInt8: return std::to_string(bytes[i]);
    case Element::kFloat32: {
      float f;
      std::memcpy(&f, &bytes[4 * i], 4);
      return Fmt(f);
    }
  }
  return "?";
}

std::string AllValues(const std::vector<uint8_t> &bytes, Element e) {
  switch (e) {
    case Element::kInt8: return Values(std::vector<int8_t>(bytes.begin(), bytes.end()));
    case Element::kUInt8: return Values(bytes);
    case Element::kFloat32: {
      std::vector<float> f(bytes.size() / 4);
      std::memcpy(f.data(), bytes.data(), f.size() * 4);
      return Values(f);
    }
  }
  return "?";
}

// Runs the case through the engine; "" when the output equals the expected bytes, else what differs.
std::string RunAndCompare(const Case &c) {
  Runner run(c.model);
  if (!run.ok()) return std::string("the engine refused the model: ") + tml_status_name(run.status) + ": " + run.error;
  if (!run.SetInputs(c.inputs)) return "the model inputs do not take " + std::to_string(c.inputs.size()) + " bytes";
  const tml_status status = run.Invoke();
  if (status != TML_OK)
    return std::string("tml_invoke failed: ") + tml_status_name(status) + ": " +
           tml_interpreter_error(&run.interpreter);
  const std::vector<uint8_t> out = run.Outputs();
  if (out.size() != c.expected.size())
    return "output has " + std::to_string(out.size()) + " bytes, expected " + std::to_string(c.expected.size());
  const size_t width = c.element == Element::kFloat32 ? 4 : 1;
  const size_t n = out.size() / width;
  size_t differing = 0;
  std::ostringstream first;
  for (size_t i = 0; i < n; i++) {
    if (std::memcmp(&out[i * width], &c.expected[i * width], width) == 0) continue;
    if (differing++ < 12)
      first << "\n    element " << i << ": expected " << ElementText(c.expected, i, c.element) << ", engine "
            << ElementText(out, i, c.element);
  }
  if (differing == 0) return "";
  return std::to_string(differing) + " of " + std::to_string(n) + " output elements differ:" + first.str() +
         "\n  expected output " + AllValues(c.expected, c.element) + "\n  engine output   " + AllValues(out, c.element);
}

struct Summary {
  int cases = 0, failures = 0;
  int hit_min = 0, hit_max = 0;  // cases whose expected output reaches the lower / upper clamp bound
  int hit_both = 0;
};

// Generates `count` cases with make(random) and checks each against the engine. Failures print the seed,
// the case index and the case's description (the first few in full; all are counted).
template <typename Make>
Summary RunCases(uint32_t seed, int count, Make make) {
  Random random(seed);
  Summary s;
  for (int i = 0; i < count; i++) {
    Case c;
    try {
      c = make(random);
    } catch (const std::exception &e) {
      ADD_FAILURE() << "seed " << seed << ", case " << i << ": the generator made an invalid case: " << e.what();
      s.failures++;
      continue;
    }
    s.cases++;
    if (c.element != Element::kFloat32) {
      bool lo = false, hi = false;
      for (uint8_t b : c.expected) {
        const int32_t v = c.element == Element::kUInt8 ? b : static_cast<int8_t>(b);
        lo |= v == c.clamp_min;
        hi |= v == c.clamp_max;
      }
      s.hit_min += lo;
      s.hit_max += hi;
      s.hit_both += lo && hi;
    }
    const std::string problem = RunAndCompare(c);
    if (!problem.empty() && ++s.failures <= 4)
      ADD_FAILURE() << "seed " << seed << ", case " << i << ": " << problem << "\n  case: " << c.description;
  }
  EXPECT_EQ(s.failures, 0) << s.failures << " of " << count << " cases differ from the reference (seed " << seed << ")";
  EXPECT_GT(s.cases, 0);
  return s;
}

// ===========================================================================================================
// Rejections: the engine must refuse at load time, naming the node and operator; the same model with the
// offending property fixed must load (so the refusal is about that property and nothing else).

struct LoadResult {
  tml_status status;
  std::string error;
};

LoadResult Load(const std::vector<uint8_t> &bytes) {
  AlignedBuffer copy(bytes.size());
  std::copy(bytes.begin(), bytes.end(), copy.data);
  tml_model model{};
  const tml_status status = tml_model_load(&model, copy.data, bytes.size());
  return {status, status == TML_OK ? std::string() : std::string(tml_model_error(&model))};
}

void ExpectRejected(const std::vector<uint8_t> &bad, const std::vector<uint8_t> &fixed, tml_status expected,
                    const std::string &op_name, const std::string &what) {
  const LoadResult good = Load(fixed);
  EXPECT_EQ(good.status, TML_OK) << what << ": the fixed model must load, got " << tml_status_name(good.status) << ": "
                                 << good.error;
  const LoadResult r = Load(bad);
  EXPECT_EQ(r.status, expected) << what << ": expected " << tml_status_name(expected) << ", got "
                                << tml_status_name(r.status) << " (\"" << r.error << "\")";
  const std::string node = "node 0 (" + op_name + ")";
  EXPECT_NE(r.error.find(node), std::string::npos)
      << what << ": the error text should name \"" << node << "\": \"" << r.error << "\"";
}

// Activation clamp bounds of a case (for the coverage counters).
void SetClamp(Case *c, Activation act, float scale, int32_t zero_point) {
  const auto range = tml_ref::QuantizedActivationRange(act, scale, zero_point);
  c->clamp_min = range.min;
  c->clamp_max = range.max;
}

// ===========================================================================================================
// CONV_2D and DEPTHWISE_CONV_2D

struct ConvCase {
  bool depthwise = false;
  int batches = 1, height = 1, width = 1, in_channels = 1, out_channels = 1, kh = 1, kw = 1;
  int groups = 1;  // conv only: filter depth in_channels / groups
  tml_ref::ConvParams params;
  // 0 = let Finalize choose (so a tweak can pin any of them)
  float in_scale = 0, w_scale = 0, out_scale = 0;
  int32_t in_zp = 0, out_zp = 0;
  bool per_channel = true;
  std::vector<float> filter_scales;  // filled by Finalize from w_scale unless set
  enum BiasForm { kBias, kBiasMinusOne, kBiasOmitted } bias_form = kBias;
  int32_t bias_magnitude = -1;           // -1: typical of the accumulator
  bool allow_tiny_output_scale = false;  // else output scales below 1e-8 are raised (see FinalizeConv)
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias;

  Shape InputShape() const { return {batches, height, width, in_channels}; }
  Shape FilterShape() const {
    return depthwise ? Shape{1, kh, kw, out_channels} : Shape{out_channels, kh, kw, in_channels / groups};
  }
  int Terms() const { return depthwise ? kh * kw : kh * kw * in_channels / groups; }
};

ConvCase RandomConvCase(Random &r, bool depthwise) {
  ConvCase c;
  c.depthwise = depthwise;
  c.batches = r.Chance(0.25) ? r.Int(2, 3) : 1;
  c.height = r.Int(1, 9);
  c.width = r.Int(1, 9);
  c.in_channels = r.Chance(0.8) ? r.Int(1, 7) : r.Pick({8, 12, 16});
  c.params.depth_multiplier = depthwise ? r.Pick({1, 1, 2, 3}) : 1;
  c.out_channels = depthwise ? c.in_channels * c.params.depth_multiplier : r.Int(1, 9);
  c.kh = r.Int(1, 5);
  c.kw = r.Int(1, 5);
  c.params.padding = r.Chance(0.5) ? kSame : kValid;
  c.params.stride_h = r.Int(1, 3);
  c.params.stride_w = r.Int(1, 3);
  c.params.dilation_h = r.Chance(0.25) ? 2 : 1;
  c.params.dilation_w = r.Chance(0.25) ? 2 : 1;
  c.params.activation = r.AnyActivation();
  c.in_zp = r.ZeroPoint();
  c.out_zp = r.ZeroPoint();
  c.per_channel = r.Chance(0.6);
  c.bias_form = r.Chance(0.7) ? ConvCase::kBias : r.Chance(0.5) ? ConvCase::kBiasMinusOne : ConvCase::kBiasOmitted;
  return c;
}

// Makes the shapes valid, picks the scales left at 0 and fills the data.
void FinalizeConv(ConvCase &c, Random &r) {
  const int eff_h = (c.kh - 1) * c.params.dilation_h + 1, eff_w = (c.kw - 1) * c.params.dilation_w + 1;
  if (c.params.padding == kValid && c.height < eff_h) c.height = eff_h + r.Int(0, 2);
  if (c.params.padding == kValid && c.width < eff_w) c.width = eff_w + r.Int(0, 2);
  if (c.depthwise) c.out_channels = c.in_channels * c.params.depth_multiplier;
  if (c.in_scale == 0) c.in_scale = r.LogUniform(1e-3, 0.5);
  if (c.w_scale == 0) c.w_scale = r.LogUniform(1e-3, 0.05);
  // A typical accumulator is about sqrt(terms) * 128 * 74; aim the output at tens of steps, give or take 8x.
  const double typical = std::sqrt(static_cast<double>(c.Terms())) * 128 * 74;
  if (c.out_scale == 0)
    c.out_scale = static_cast<float>(c.in_scale * static_cast<double>(c.w_scale) * typical / 40.0 *
                                     std::exp2(r.Uniform() * 6 - 3));
  // Output scales below 6/2^31 are a behaviour of their own (TinyOutputScale... below): keep above it by
  // raising the filter scale, which keeps the multiplier.
  if (c.out_scale < 1e-8f && !c.allow_tiny_output_scale) {
    const double m = static_cast<double>(c.in_scale) * c.w_scale / c.out_scale;
    c.out_scale = 1e-8f;
    c.w_scale = static_cast<float>(m * c.out_scale / c.in_scale);
  }
  const size_t n_scales = c.per_channel ? c.out_channels : 1;
  if (c.filter_scales.size() != n_scales) {
    c.filter_scales.clear();
    for (size_t i = 0; i < n_scales; i++)
      c.filter_scales.push_back(c.per_channel ? c.w_scale * r.LogUniform(0.5, 2.0) : c.w_scale);
  }
  c.input = r.Data(static_cast<size_t>(tml_ref::NumElements(c.InputShape())));
  c.filter = r.Uniform8(static_cast<size_t>(tml_ref::NumElements(c.FilterShape())));
  c.bias.clear();
  if (c.bias_form == ConvCase::kBias) {
    const int32_t magnitude = c.bias_magnitude >= 0 ? c.bias_magnitude : static_cast<int32_t>(typical);
    for (int i = 0; i < c.out_channels; i++) c.bias.push_back(r.Int(-magnitude, magnitude));
  }
}

std::string Describe(const ConvCase &c, const Shape &out_shape) {
  std::ostringstream s;
  s << (c.depthwise    ? "DEPTHWISE_CONV_2D"
        : c.groups > 1 ? "CONV_2D (grouped)"
                       : "CONV_2D")
    << " input " << ShapeString(c.InputShape()) << " " << Q(c.in_scale, c.in_zp) << ", filter "
    << ShapeString(c.FilterShape()) << " " << (c.filter_scales.size() > 1 ? "per-channel" : "per-tensor") << " scales "
    << Values(c.filter_scales) << " zp 0, bias "
    << (c.bias_form == ConvCase::kBias           ? Values(c.bias)
        : c.bias_form == ConvCase::kBiasMinusOne ? "absent (-1)"
                                                 : "absent (2 inputs)")
    << ", output " << ShapeString(out_shape) << " " << Q(c.out_scale, c.out_zp) << ", padding "
    << PaddingName(c.params.padding) << ", stride w" << c.params.stride_w << " h" << c.params.stride_h << ", dilation w"
    << c.params.dilation_w << " h" << c.params.dilation_h;
  if (c.depthwise) s << ", depth_multiplier " << c.params.depth_multiplier;
  s << ", activation " << ActivationName(c.params.activation) << "\n  input = " << Values(c.input)
    << "\n  filter = " << Values(c.filter);
  return s.str();
}

// filter_zero_point / activation / out_shape overrides let the rejection tests build invalid variants.
std::vector<uint8_t> BuildConvModel(const ConvCase &c, const Shape &out_shape, int64_t filter_zero_point = 0,
                                    Activation activation_override = kActNone, bool override_activation = false) {
  ModelBuilder b;
  const int in = b.Tensor(c.InputShape(), kInt8, Quant(c.in_scale, c.in_zp), "input");
  Quantization wq;
  wq.scale = c.filter_scales;
  wq.zero_point.assign(c.filter_scales.size(), 0);
  wq.zero_point.back() = filter_zero_point;
  wq.quantized_dimension = c.filter_scales.size() > 1 && c.depthwise ? 3 : 0;
  const int w = b.ConstantOf(c.FilterShape(), kInt8, c.filter, wq, "filter");
  std::vector<int32_t> inputs = {in, w};
  if (c.bias_form == ConvCase::kBias) {
    Quantization bq;
    for (float fs : c.filter_scales) bq.scale.push_back(c.in_scale * fs);
    bq.zero_point.assign(bq.scale.size(), 0);
    inputs.push_back(b.ConstantOf({c.out_channels}, kInt32, c.bias, bq, "bias"));
  } else if (c.bias_form == ConvCase::kBiasMinusOne) {
    inputs.push_back(-1);
  }
  const int out = b.Tensor(out_shape, kInt8, Quant(c.out_scale, c.out_zp), "output");
  const Activation act = override_activation ? activation_override : c.params.activation;
  const auto &p = c.params;
  if (c.depthwise)
    b.Op(
        kDepthwiseConv2D, inputs, {out},
        DepthwiseConv2DOptions{p.padding, p.stride_w, p.stride_h, p.depth_multiplier, act, p.dilation_w, p.dilation_h});
  else
    b.Op(kConv2D, inputs, {out}, Conv2DOptions{p.padding, p.stride_w, p.stride_h, act, p.dilation_w, p.dilation_h});
  return b.Finish();
}

Case MakeConvCase(const ConvCase &c) {
  const Tensor8 in{c.InputShape(), c.input, c.in_scale, c.in_zp};
  const tml_ref::Weights w{c.FilterShape(), c.filter, c.filter_scales};
  const std::vector<int32_t> *bias = c.bias_form == ConvCase::kBias ? &c.bias : nullptr;
  const Tensor8 ref = c.depthwise ? tml_ref::DepthwiseConv2D(in, w, bias, {c.out_scale, c.out_zp}, c.params)
                                  : tml_ref::Conv2D(in, w, bias, {c.out_scale, c.out_zp}, c.params);
  Case k;
  k.description = Describe(c, ref.shape);
  k.model = BuildConvModel(c, ref.shape);
  k.inputs = Bytes(c.input);
  k.expected = Bytes(ref.data);
  SetClamp(&k, c.params.activation, c.out_scale, c.out_zp);
  return k;
}

using ConvTweak = std::function<void(ConvCase &, Random &)>;

Summary RunConvCases(uint32_t seed, int count, bool depthwise, const ConvTweak &tweak) {
  return RunCases(seed, count, [&](Random &r) {
    ConvCase c = RandomConvCase(r, depthwise);
    tweak(c, r);
    FinalizeConv(c, r);
    return MakeConvCase(c);
  });
}

const ConvTweak kNoTweak = [](ConvCase &, Random &) {};

// Pins the output scale so the requantization multiplier is exactly `m` relative to filter scale 0.
void ForceMultiplier(ConvCase &c, double m) {
  c.out_scale = static_cast<float>(static_cast<double>(c.in_scale) * c.w_scale / m);
}

// Extreme scales and zero points: tiny and huge scales, multipliers from 2^-34 (flushed to zero) to 3,
// and zero points at the ends of the range.
void ExtremeConvTweak(ConvCase &c, Random &r) {
  c.in_zp = r.Pick({-128, 127, -127, 126});
  c.out_zp = r.Pick({-128, 127, -128, 127, 0});
  c.in_scale = r.Pick({1e-6f, 3e-5f, 0.5f, 4.0f, 100.0f});
  c.w_scale = r.Pick({1e-6f, 1e-4f, 0.02f, 1.0f});
  switch (r.Int(0, 4)) {
    case 0: ForceMultiplier(c, std::exp2(-34.0)); break;          // flushed to zero: output = zero point
    case 1: ForceMultiplier(c, std::exp2(-31.5)); break;          // smallest multipliers that survive
    case 2: ForceMultiplier(c, r.LogUniform(0.5, 3.0)); break;    // M around 1 (shift +1, +2)
    case 3: ForceMultiplier(c, r.LogUniform(1e-9, 1e-6)); break;  // large right shifts
    default: break;                                               // typical output scale
  }
}

// --- CONV_2D -----------------------------------------------------------------------------------------------

TEST(Differential, Conv2DMatchesReferenceOnRandomCases) { RunConvCases(1001, 400, false, kNoTweak); }

TEST(Differential, Conv2DOneByOneKernel) {
  RunConvCases(1002, 200, false, [](ConvCase &c, Random &) { c.kh = c.kw = 1; });
}

TEST(Differential, Conv2DNonSquareKernel) {
  RunConvCases(1003, 200, false, [](ConvCase &c, Random &r) {
    c.kh = r.Int(1, 5);
    do c.kw = r.Int(1, 5);
    while (c.kw == c.kh);
  });
}

TEST(Differential, Conv2DStrideLargerThanKernel) {
  RunConvCases(1004, 200, false, [](ConvCase &c, Random &r) {
    c.kh = r.Int(1, 2);
    c.kw = r.Int(1, 2);
    c.params.stride_h = c.kh + r.Int(1, 2);
    c.params.stride_w = c.kw + r.Int(1, 2);
    c.params.dilation_h = c.params.dilation_w = 1;
    c.height = r.Int(3, 11);
    c.width = r.Int(3, 11);
  });
}

TEST(Differential, Conv2DDilation2) {
  RunConvCases(1005, 200, false, [](ConvCase &c, Random &r) {
    c.params.dilation_h = 2;
    c.params.dilation_w = r.Chance(0.7) ? 2 : 1;
    c.kh = r.Int(2, 3);
    c.kw = r.Int(2, 3);
  });
}

TEST(Differential, Conv2DSamePadding) {
  RunConvCases(1006, 200, false, [](ConvCase &c, Random &) { c.params.padding = kSame; });
}

TEST(Differential, Conv2DValidPadding) {
  RunConvCases(1007, 200, false, [](ConvCase &c, Random &) { c.params.padding = kValid; });
}

TEST(Differential, Conv2DEveryFusedActivationClampsOutput) {
  int seed = 1010;
  for (Activation act : {kActNone, kActRelu, kActRelu6, kActReluN1To1}) {
    SCOPED_TRACE(ActivationName(act));
    const Summary s = RunConvCases(seed++, 120, false, [act](ConvCase &c, Random &r) {
      c.params.activation = act;
      // RELU6 / RELU_N1_TO_1 bounds inside the int8 range: output scales where 6 or 1 is a few dozen steps.
      if (act == kActRelu6) c.out_scale = r.LogUniform(6.0 / 120, 6.0 / 20);
      if (act == kActReluN1To1) c.out_scale = r.LogUniform(1.0 / 120, 1.0 / 20);
      if (act != kActNone) c.out_zp = r.Int(-40, 40);
      c.in_scale = 0.05f;
      c.w_scale = r.LogUniform(0.005, 0.05);
    });
    // The clamp must actually bind in some cases at each end, or this test checks nothing about it.
    EXPECT_GT(s.hit_min, 0);
    EXPECT_GT(s.hit_max, 0);
  }
}

TEST(Differential, Conv2DPerChannelWeights) {
  RunConvCases(1020, 200, false, [](ConvCase &c, Random &r) {
    c.per_channel = true;
    c.out_channels = r.Int(2, 9);
  });
}

TEST(Differential, Conv2DPerTensorWeights) {
  RunConvCases(1021, 200, false, [](ConvCase &c, Random &) { c.per_channel = false; });
}

TEST(Differential, Conv2DWithoutBias) {
  RunConvCases(1022, 200, false, [](ConvCase &c, Random &r) {
    c.bias_form = r.Chance(0.5) ? ConvCase::kBiasMinusOne : ConvCase::kBiasOmitted;
  });
}

TEST(Differential, Conv2DLargeBias) {
  RunConvCases(1023, 150, false, [](ConvCase &c, Random &) {
    c.bias_form = ConvCase::kBias;
    c.bias_magnitude = 1 << 24;
  });
}

TEST(Differential, Conv2DBatchesGreaterThanOne) {
  RunConvCases(1024, 150, false, [](ConvCase &c, Random &r) { c.batches = r.Int(2, 4); });
}

TEST(Differential, Conv2DChannelCountsNotMultipleOf4) {
  RunConvCases(1025, 200, false, [](ConvCase &c, Random &r) {
    c.in_channels = r.Pick({1, 2, 3, 5, 6, 7, 9, 11, 13});
    c.out_channels = r.Pick({1, 2, 3, 5, 6, 7, 9, 11, 13});
  });
}

// Filters shallower than the input: Cin / Cf groups, each with Cout / groups filters.
TEST(Differential, Conv2DGroupedConvolution) {
  RunConvCases(1028, 200, false, [](ConvCase &c, Random &r) {
    c.groups = r.Int(2, 4);
    c.in_channels = c.groups * r.Int(1, 4);
    c.out_channels = c.groups * r.Int(1, 3);
  });
}

TEST(Differential, Conv2DExtremeScalesAndZeroPoints) { RunConvCases(1026, 300, false, ExtremeConvTweak); }

TEST(Differential, Conv2DSaturatesAtBothEnds) {
  const Summary s = RunConvCases(1027, 200, false, [](ConvCase &c, Random &r) {
    c.params.activation = kActNone;
    c.in_scale = 0.05f;
    c.w_scale = 0.02f;
    ForceMultiplier(c, r.LogUniform(0.01, 1.0));  // accumulators of thousands: far beyond the int8 range
  });
  EXPECT_GT(s.hit_both, 50) << "cases whose output reaches both -128 and 127";
}

// Rejections ------------------------------------------------------------------------------------------------

// A small valid case for the rejection tests.
ConvCase SmallConvCase(bool depthwise, bool per_channel) {
  Random r(7);
  ConvCase c = RandomConvCase(r, depthwise);
  c.per_channel = per_channel;
  c.params.activation = kActNone;
  FinalizeConv(c, r);
  return c;
}

Shape ConvOutShape(const ConvCase &c) {
  const Tensor8 in{c.InputShape(), c.input, c.in_scale, c.in_zp};
  const tml_ref::Weights w{c.FilterShape(), c.filter, c.filter_scales};
  return (c.depthwise ? tml_ref::DepthwiseConv2D(in, w, nullptr, {c.out_scale, c.out_zp}, c.params)
                      : tml_ref::Conv2D(in, w, nullptr, {c.out_scale, c.out_zp}, c.params))
      .shape;
}

void ExpectConvRejections(bool depthwise) {
  const char *name = depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D";
  for (bool per_channel : {false, true}) {
    const ConvCase c = SmallConvCase(depthwise, per_channel);
    const Shape out = ConvOutShape(c);
    const std::vector<uint8_t> good = BuildConvModel(c, out);
    ExpectRejected(
        BuildConvModel(c, out, 3), good, TML_ERROR_UNSUPPORTED, name,
        std::string("filter zero point 3 (") + (per_channel ? "per-channel, last channel" : "per-tensor") + ")");
  }
}

void ExpectFusedActivationRejections(bool depthwise) {
  const char *name = depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D";
  const ConvCase c = SmallConvCase(depthwise, true);
  const Shape out = ConvOutShape(c);
  for (Activation act : {kActTanh, kActSignBit})
    ExpectRejected(BuildConvModel(c, out, 0, act, true), BuildConvModel(c, out), TML_ERROR_UNSUPPORTED, name,
                   std::string("fused ") + ActivationName(act));
}

// A dot product of `terms` products: the 65000-term limit keeps the int32 accumulator from overflowing.
void ExpectLongDotProductRejection(bool depthwise) {
  for (int terms : {65001, 65000}) {
    ConvCase c;
    c.depthwise = depthwise;
    c.params.padding = kValid;
    c.params.activation = kActNone;
    c.per_channel = false;
    c.bias_form = ConvCase::kBiasMinusOne;
    if (depthwise) {  // a 1 x terms window over a single channel
      c.width = c.kw = terms;
    } else {  // a 1x1 window over `terms` channels
      c.in_channels = terms;
    }
    Random r(9);
    FinalizeConv(c, r);
    const std::vector<uint8_t> model = BuildConvModel(c, ConvOutShape(c));
    const LoadResult result = Load(model);
    if (terms == 65000) {
      EXPECT_EQ(result.status, TML_OK) << "65000 terms must still load: " << result.error;
    } else {
      EXPECT_EQ(result.status, TML_ERROR_UNSUPPORTED) << terms << " terms: " << result.error;
      const std::string node = std::string("node 0 (") + (depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D") + ")";
      EXPECT_NE(result.error.find(node), std::string::npos) << result.error;
    }
  }
}

TEST(Differential, Conv2DRejectsNonzeroFilterZeroPoint) { ExpectConvRejections(false); }
TEST(Differential, Conv2DRejectsFusedTanhAndSignBit) { ExpectFusedActivationRejections(false); }
TEST(Differential, Conv2DRejectsDotProductsLongerThan65000Terms) { ExpectLongDotProductRejection(false); }

// --- DEPTHWISE_CONV_2D -------------------------------------------------------------------------------------

TEST(Differential, DepthwiseConv2DMatchesReferenceOnRandomCases) { RunConvCases(2001, 400, true, kNoTweak); }

TEST(Differential, DepthwiseConv2DDepthMultiplier2) {
  RunConvCases(2002, 200, true, [](ConvCase &c, Random &) { c.params.depth_multiplier = 2; });
}

TEST(Differential, DepthwiseConv2DOneByOneKernel) {
  RunConvCases(2003, 150, true, [](ConvCase &c, Random &) { c.kh = c.kw = 1; });
}

TEST(Differential, DepthwiseConv2DNonSquareKernel) {
  RunConvCases(2004, 200, true, [](ConvCase &c, Random &r) {
    c.kh = r.Int(1, 5);
    do c.kw = r.Int(1, 5);
    while (c.kw == c.kh);
  });
}

TEST(Differential, DepthwiseConv2DStrideLargerThanKernel) {
  RunConvCases(2005, 200, true, [](ConvCase &c, Random &r) {
    c.kh = r.Int(1, 2);
    c.kw = r.Int(1, 2);
    c.params.stride_h = c.kh + r.Int(1, 2);
    c.params.stride_w = c.kw + r.Int(1, 2);
    c.params.dilation_h = c.params.dilation_w = 1;
    c.height = r.Int(3, 11);
    c.width = r.Int(3, 11);
  });
}

TEST(Differential, DepthwiseConv2DDilation2) {
  RunConvCases(2006, 200, true, [](ConvCase &c, Random &r) {
    c.params.dilation_h = r.Chance(0.7) ? 2 : 1;
    c.params.dilation_w = 2;
    c.kh = r.Int(2, 3);
    c.kw = r.Int(2, 3);
  });
}

TEST(Differential, DepthwiseConv2DSamePadding) {
  RunConvCases(2007, 200, true, [](ConvCase &c, Random &) { c.params.padding = kSame; });
}

TEST(Differential, DepthwiseConv2DValidPadding) {
  RunConvCases(2008, 200, true, [](ConvCase &c, Random &) { c.params.padding = kValid; });
}

TEST(Differential, DepthwiseConv2DEveryFusedActivationClampsOutput) {
  int seed = 2010;
  for (Activation act : {kActNone, kActRelu, kActRelu6, kActReluN1To1}) {
    SCOPED_TRACE(ActivationName(act));
    const Summary s = RunConvCases(seed++, 120, true, [act](ConvCase &c, Random &r) {
      c.params.activation = act;
      if (act == kActRelu6) c.out_scale = r.LogUniform(6.0 / 120, 6.0 / 20);
      if (act == kActReluN1To1) c.out_scale = r.LogUniform(1.0 / 120, 1.0 / 20);
      if (act != kActNone) c.out_zp = r.Int(-40, 40);
      c.in_scale = 0.05f;
      c.w_scale = r.LogUniform(0.01, 0.1);
    });
    EXPECT_GT(s.hit_min, 0);
    EXPECT_GT(s.hit_max, 0);
  }
}

TEST(Differential, DepthwiseConv2DPerChannelWeights) {
  RunConvCases(2020, 200, true, [](ConvCase &c, Random &r) {
    c.per_channel = true;
    c.in_channels = r.Int(2, 7);
  });
}

TEST(Differential, DepthwiseConv2DPerTensorWeights) {
  RunConvCases(2021, 200, true, [](ConvCase &c, Random &) { c.per_channel = false; });
}

TEST(Differential, DepthwiseConv2DWithoutBias) {
  RunConvCases(2022, 200, true, [](ConvCase &c, Random &r) {
    c.bias_form = r.Chance(0.5) ? ConvCase::kBiasMinusOne : ConvCase::kBiasOmitted;
  });
}

TEST(Differential, DepthwiseConv2DBatchesGreaterThanOne) {
  RunConvCases(2024, 150, true, [](ConvCase &c, Random &r) { c.batches = r.Int(2, 4); });
}

TEST(Differential, DepthwiseConv2DChannelCountsNotMultipleOf4) {
  RunConvCases(2025, 200, true, [](ConvCase &c, Random &r) {
    c.in_channels = r.Pick({1, 2, 3, 5, 6, 7, 9, 11, 13});
    c.params.depth_multiplier = r.Pick({1, 2, 3});
  });
}

TEST(Differential, DepthwiseConv2DExtremeScalesAndZeroPoints) { RunConvCases(2026, 300, true, ExtremeConvTweak); }

TEST(Differential, DepthwiseConv2DSaturatesAtBothEnds) {
  const Summary s = RunConvCases(2027, 200, true, [](ConvCase &c, Random &r) {
    c.params.activation = kActNone;
    c.in_scale = 0.05f;
    c.w_scale = 0.02f;
    ForceMultiplier(c, r.LogUniform(0.02, 1.0));
  });
  EXPECT_GT(s.hit_both, 50) << "cases whose output reaches both -128 and 127";
}

TEST(Differential, DepthwiseConv2DRejectsNonzeroFilterZeroPoint) { ExpectConvRejections(true); }
TEST(Differential, DepthwiseConv2DRejectsFusedTanhAndSignBit) { ExpectFusedActivationRejections(true); }
TEST(Differential, DepthwiseConv2DRejectsDotProductsLongerThan65000Terms) { ExpectLongDotProductRejection(true); }

// ===========================================================================================================
// FULLY_CONNECTED

struct FcCase {
  Shape input_shape = {1, 1};  // [..., depth]
  int units = 1;
  bool keep_num_dims = false;
  Activation activation = kActNone;
  float in_scale = 0, w_scale = 0, out_scale = 0;  // 0 = let Finalize choose
  int32_t in_zp = 0, out_zp = 0;
  bool per_channel = false;
  std::vector<float> w_scales;
  ConvCase::BiasForm bias_form = ConvCase::kBias;
  int32_t bias_magnitude = -1;
  bool allow_tiny_output_scale = false;
  std::vector<int8_t> input, weights;
  std::vector<int32_t> bias;
  int flattened_depth = 0;  // 0: the last input dimension is the depth
  int Depth() const { return flattened_depth ? flattened_depth : input_shape.back(); }
};

FcCase RandomFcCase(Random &r) {
  FcCase c;
  const int rank = r.Pick({2, 2, 2, 1, 3, 4});
  c.input_shape.clear();
  for (int i = 0; i + 1 < rank; i++) c.input_shape.push_back(r.Chance(0.5) ? 1 : r.Int(2, 4));
  c.input_shape.push_back(r.Chance(0.85) ? r.Int(1, 48) : r.Int(49, 400));
  c.units = r.Chance(0.8) ? r.Int(1, 16) : r.Int(17, 40);
  c.keep_num_dims = r.Chance(0.3);
  c.activation = r.AnyActivation();
  c.in_zp = r.ZeroPoint();
  c.out_zp = r.ZeroPoint();
  c.per_channel = r.Chance(0.5);
  c.bias_form = r.Chance(0.7) ? ConvCase::kBias : r.Chance(0.5) ? ConvCase::kBiasMinusOne : ConvCase::kBiasOmitted;
  return c;
}

void FinalizeFc(FcCase &c, Random &r) {
  if (c.in_scale == 0) c.in_scale = r.LogUniform(1e-3, 0.5);
  if (c.w_scale == 0) c.w_scale = r.LogUniform(1e-3, 0.05);
  const double typical = std::sqrt(static_cast<double>(c.Depth())) * 128 * 74;
  if (c.out_scale == 0)
    c.out_scale = static_cast<float>(c.in_scale * static_cast<double>(c.w_scale) * typical / 40.0 *
                                     std::exp2(r.Uniform() * 6 - 3));
  if (c.out_scale < 1e-8f && !c.allow_tiny_output_scale) {  // see FinalizeConv
    const double m = static_cast<double>(c.in_scale) * c.w_scale / c.out_scale;
    c.out_scale = 1e-8f;
    c.w_scale = static_cast<float>(m * c.out_scale / c.in_scale);
  }
  const size_t n_scales = c.per_channel ? c.units : 1;
  if (c.w_scales.size() != n_scales) {
    c.w_scales.clear();
    for (size_t i = 0; i < n_scales; i++)
      c.w_scales.push_back(c.per_channel ? c.w_scale * r.LogUniform(0.5, 2.0) : c.w_scale);
  }
  c.input = r.Data(static_cast<size_t>(tml_ref::NumElements(c.input_shape)));
  c.weights = r.Uniform8(static_cast<size_t>(c.units) * c.Depth());
  c.bias.clear();
  if (c.bias_form == ConvCase::kBias) {
    const int32_t magnitude = c.bias_magnitude >= 0 ? c.bias_magnitude : static_cast<int32_t>(typical);
    for (int i = 0; i < c.units; i++) c.bias.push_back(r.Int(-magnitude, magnitude));
  }
}

Tensor8 FcReference(const FcCase &c) {
  return tml_ref::FullyConnected(
      {c.input_shape, c.input, c.in_scale, c.in_zp}, {{c.units, c.Depth()}, c.weights, c.w_scales},
      c.bias_form == ConvCase::kBias ? &c.bias : nullptr, {c.out_scale, c.out_zp}, c.activation, c.keep_num_dims);
}

std::vector<uint8_t> BuildFcModel(const FcCase &c, const Shape &out_shape, int64_t weight_zero_point = 0,
                                  Activation activation_override = kActNone, bool override_activation = false) {
  ModelBuilder b;
  const int in = b.Tensor(c.input_shape, kInt8, Quant(c.in_scale, c.in_zp), "input");
  Quantization wq;
  wq.scale = c.w_scales;
  wq.zero_point.assign(c.w_scales.size(), 0);
  wq.zero_point.back() = weight_zero_point;
  const int w = b.ConstantOf({c.units, c.Depth()}, kInt8, c.weights, wq, "weights");
  std::vector<int32_t> inputs = {in, w};
  if (c.bias_form == ConvCase::kBias) {
    Quantization bq;
    for (float ws : c.w_scales) bq.scale.push_back(c.in_scale * ws);
    bq.zero_point.assign(bq.scale.size(), 0);
    inputs.push_back(b.ConstantOf({c.units}, kInt32, c.bias, bq, "bias"));
  } else if (c.bias_form == ConvCase::kBiasMinusOne) {
    inputs.push_back(-1);
  }
  const int out = b.Tensor(out_shape, kInt8, Quant(c.out_scale, c.out_zp), "output");
  b.Op(kFullyConnected, inputs, {out},
       FullyConnectedOptions{override_activation ? activation_override : c.activation, c.keep_num_dims});
  return b.Finish();
}

Case MakeFcCase(const FcCase &c) {
  const Tensor8 ref = FcReference(c);
  Case k;
  std::ostringstream s;
  s << "FULLY_CONNECTED input " << ShapeString(c.input_shape) << " " << Q(c.in_scale, c.in_zp) << ", weights ["
    << c.units << "," << c.Depth() << "]" << (c.flattened_depth ? " (input flattened)" : "") << " "
    << (c.w_scales.size() > 1 ? "per-channel" : "per-tensor") << " scales " << Values(c.w_scales) << " zp 0, bias "
    << (c.bias_form == ConvCase::kBias           ? Values(c.bias)
        : c.bias_form == ConvCase::kBiasMinusOne ? "absent (-1)"
                                                 : "absent (2 inputs)")
    << ", output " << ShapeString(ref.shape) << " " << Q(c.out_scale, c.out_zp) << ", keep_num_dims " << c.keep_num_dims
    << ", activation " << ActivationName(c.activation) << "\n  input = " << Values(c.input)
    << "\n  weights = " << Values(c.weights);
  k.description = s.str();
  k.model = BuildFcModel(c, ref.shape);
  k.inputs = Bytes(c.input);
  k.expected = Bytes(ref.data);
  SetClamp(&k, c.activation, c.out_scale, c.out_zp);
  return k;
}

using FcTweak = std::function<void(FcCase &, Random &)>;

Summary RunFcCases(uint32_t seed, int count, const FcTweak &tweak) {
  return RunCases(seed, count, [&](Random &r) {
    FcCase c = RandomFcCase(r);
    tweak(c, r);
    FinalizeFc(c, r);
    return MakeFcCase(c);
  });
}

TEST(Differential, FullyConnectedMatchesReferenceOnRandomCases) {
  RunFcCases(3001, 400, [](FcCase &, Random &) {});
}

TEST(Differential, FullyConnectedPerChannelWeights) {
  RunFcCases(3002, 200, [](FcCase &c, Random &r) {
    c.per_channel = true;
    c.units = r.Int(2, 20);
  });
}

TEST(Differential, FullyConnectedPerTensorWeights) {
  RunFcCases(3003, 200, [](FcCase &c, Random &) { c.per_channel = false; });
}

// Per-tensor FC rounds s_in*s_w to float before dividing by s_out; per-channel (and conv) multiply in
// double. Each case uses scales whose two products quantize to different multipliers, and biases chosen so
// that the accumulators of batch 0 land where the two multipliers round differently; it then runs as
// per-tensor (float product expected) or per-channel with all channel scales equal (double product).
TEST(Differential, FullyConnectedPerTensorMultiplierUsesFloatScaleProduct) {
  int distinguishing = 0;
  RunFcCases(3004, 200, [&distinguishing](FcCase &c, Random &r) {
    c.units = r.Int(1, 6);
    c.activation = kActNone;
    c.out_zp = 0;
    c.per_channel = r.Chance(0.5) && c.units > 1;
    c.input_shape = {r.Int(1, 3), r.Int(1, 16)};
    c.bias_form = ConvCase::kBias;
    // Multipliers around 1e-7 (and at least 4 units apart): accumulators near (k + 1/2) / M with |k| near 127 fall, for
    // some x, between the two products' rounding points (which are about |k| * 2^-24 apart relative).
    tml_ref::Multiplier as_float{0, 0}, as_double{0, 0};
    double m = 0;
    for (int attempt = 0; attempt < 1000 && std::abs(as_float.multiplier - as_double.multiplier) < 4; attempt++) {
      c.in_scale = r.LogUniform(1e-3, 0.5);
      c.w_scale = r.LogUniform(1e-3, 0.05);
      m = r.LogUniform(6e-8, 1.2e-7);
      c.out_scale = static_cast<float>(c.in_scale * static_cast<double>(c.w_scale) / m);
      as_float = tml_ref::QuantizeMultiplier(static_cast<double>(static_cast<float>(c.in_scale * c.w_scale)) /
                                             static_cast<double>(c.out_scale));
      as_double = tml_ref::QuantizeMultiplier(static_cast<double>(c.in_scale) * static_cast<double>(c.w_scale) /
                                              static_cast<double>(c.out_scale));
    }
    c.w_scales.assign(c.per_channel ? c.units : 1, c.w_scale);
    FinalizeFc(c, r);
    // An accumulator where the two multipliers give different outputs (searching down from |k| = 127).
    auto find = [&](int sign) {
      for (int k = 127; k > 0; k--) {
        const double center = sign * (k + 0.5) / m;
        for (int64_t x = static_cast<int64_t>(center) - 3; x <= static_cast<int64_t>(center) + 3; x++)
          if (tml_ref::MultiplyByQuantizedMultiplier(static_cast<int32_t>(x), as_float) !=
              tml_ref::MultiplyByQuantizedMultiplier(static_cast<int32_t>(x), as_double))
            return static_cast<int32_t>(x);
      }
      return 0;
    };
    const int depth = c.Depth();
    for (int o = 0; o < c.units; o++) {
      int64_t dot = 0;
      for (int d = 0; d < depth; d++) dot += c.weights[o * depth + d] * (c.input[d] - c.in_zp);
      c.bias[o] = static_cast<int32_t>(find(r.Chance(0.5) ? 1 : -1) - dot);
    }
    FcCase flipped = c;
    flipped.w_scales.assign(c.per_channel ? 1 : c.units, c.w_scale);
    distinguishing += FcReference(c).data != FcReference(flipped).data;
  });
  EXPECT_GT(distinguishing, 150) << "cases where the float and double scale products give different outputs";
}

TEST(Differential, FullyConnectedWithoutBias) {
  RunFcCases(3005, 200, [](FcCase &c, Random &r) {
    c.bias_form = r.Chance(0.5) ? ConvCase::kBiasMinusOne : ConvCase::kBiasOmitted;
  });
}

TEST(Differential, FullyConnectedBatchesGreaterThanOne) {
  RunFcCases(3006, 200, [](FcCase &c, Random &r) {
    const int depth = r.Int(1, 64);
    c.input_shape = r.Chance(0.5) ? Shape{r.Int(2, 9), depth} : Shape{r.Int(2, 3), r.Int(2, 4), depth};
  });
}

// An input whose last dimension is not the depth: read as [flat size / depth, depth].
TEST(Differential, FullyConnectedFlattensInput) {
  RunFcCases(3008, 200, [](FcCase &c, Random &r) {
    c.keep_num_dims = false;
    c.input_shape = {r.Int(1, 3), r.Int(1, 6), r.Int(1, 6), r.Int(1, 4)};
    c.input_shape.erase(c.input_shape.begin() + 1, c.input_shape.begin() + r.Int(1, 2));
    c.flattened_depth = static_cast<int>(tml_ref::NumElements(c.input_shape) / c.input_shape[0]);
  });
}

TEST(Differential, FullyConnectedKeepNumDims) {
  RunFcCases(3007, 200, [](FcCase &c, Random &r) {
    c.keep_num_dims = true;
    c.input_shape = {r.Int(1, 3), r.Int(1, 4), r.Int(1, 32)};
    if (r.Chance(0.3)) c.input_shape.insert(c.input_shape.begin(), r.Int(1, 2));
  });
}

TEST(Differential, FullyConnectedEveryFusedActivationClampsOutput) {
  int seed = 3010;
  for (Activation act : {kActNone, kActRelu, kActRelu6, kActReluN1To1}) {
    SCOPED_TRACE(ActivationName(act));
    const Summary s = RunFcCases(seed++, 120, [act](FcCase &c, Random &r) {
      c.activation = act;
      if (act == kActRelu6) c.out_scale = r.LogUniform(6.0 / 120, 6.0 / 20);
      if (act == kActReluN1To1) c.out_scale = r.LogUniform(1.0 / 120, 1.0 / 20);
      if (act != kActNone) c.out_zp = r.Int(-40, 40);
      c.in_scale = 0.05f;
      c.w_scale = r.LogUniform(0.003, 0.03);
    });
    EXPECT_GT(s.hit_min, 0);
    EXPECT_GT(s.hit_max, 0);
  }
}

// Output scales 2 and 12 make 1/scale and 6/scale exactly 1/2: the RELU_N1_TO_1 and RELU6 bounds round
// that half away from zero (zp -/+ 1 and zp + 1), which round-half-to-even would not.
TEST(Differential, FusedActivationBoundsRoundHalfAwayFromZero) {
  for (Activation act : {kActReluN1To1, kActRelu6}) {
    SCOPED_TRACE(ActivationName(act));
    const Summary s = RunFcCases(act == kActRelu6 ? 3031 : 3030, 100, [act](FcCase &c, Random &r) {
      c.activation = act;
      c.out_scale = act == kActRelu6 ? 12.0f : 2.0f;
      c.out_zp = r.Int(-100, 100);
      c.in_scale = 0.5f;
      c.input_shape = {r.Int(1, 4), r.Int(4, 32)};
      const double typical = std::sqrt(static_cast<double>(c.Depth())) * 128 * 74;
      c.w_scale = static_cast<float>(c.out_scale / c.in_scale * 4 / typical);  // outputs of a few steps
    });
    EXPECT_GT(s.hit_min, 50);
    EXPECT_GT(s.hit_max, 50);
  }
}

TEST(Differential, FullyConnectedExtremeScalesAndZeroPoints) {
  RunFcCases(3020, 300, [](FcCase &c, Random &r) {
    c.in_zp = r.Pick({-128, 127, -127, 126});
    c.out_zp = r.Pick({-128, 127, -128, 127, 0});
    c.in_scale = r.Pick({1e-6f, 3e-5f, 0.5f, 4.0f, 100.0f});
    c.w_scale = r.Pick({1e-6f, 1e-4f, 0.02f, 1.0f});
    const double m = r.Pick({std::exp2(-34.0), std::exp2(-31.5), static_cast<double>(r.LogUniform(0.5, 3.0)),
                             static_cast<double>(r.LogUniform(1e-9, 1e-6)), 0.0});
    if (m != 0.0) c.out_scale = static_cast<float>(static_cast<double>(c.in_scale) * c.w_scale / m);
  });
}

TEST(Differential, FullyConnectedSaturatesAtBothEnds) {
  const Summary s = RunFcCases(3021, 200, [](FcCase &c, Random &r) {
    c.activation = kActNone;
    c.in_scale = 0.05f;
    c.w_scale = 0.02f;
    c.out_scale = static_cast<float>(0.05 * 0.02 / r.LogUniform(0.01, 1.0));
    c.input_shape = {r.Int(1, 4), r.Int(4, 64)};
  });
  EXPECT_GT(s.hit_both, 50) << "cases whose output reaches both -128 and 127";
}

FcCase SmallFcCase(bool per_channel) {
  Random r(11);
  FcCase c = RandomFcCase(r);
  c.per_channel = per_channel;
  c.units = 3;
  c.activation = kActNone;
  FinalizeFc(c, r);
  return c;
}

TEST(Differential, FullyConnectedRejectsNonzeroFilterZeroPoint) {
  for (bool per_channel : {false, true}) {
    const FcCase c = SmallFcCase(per_channel);
    const Shape out = FcReference(c).shape;
    ExpectRejected(BuildFcModel(c, out, -2), BuildFcModel(c, out), TML_ERROR_UNSUPPORTED, "FULLY_CONNECTED",
                   std::string("weights zero point -2 (") + (per_channel ? "per-channel)" : "per-tensor)"));
  }
}

TEST(Differential, FullyConnectedRejectsFusedTanhAndSignBit) {
  const FcCase c = SmallFcCase(true);
  const Shape out = FcReference(c).shape;
  for (Activation act : {kActTanh, kActSignBit})
    ExpectRejected(BuildFcModel(c, out, 0, act, true), BuildFcModel(c, out), TML_ERROR_UNSUPPORTED, "FULLY_CONNECTED",
                   std::string("fused ") + ActivationName(act));
}

TEST(Differential, FullyConnectedRejectsDotProductsLongerThan65000Terms) {
  for (int depth : {65001, 65000}) {
    FcCase c;
    c.input_shape = {1, depth};
    c.units = 1;
    c.bias_form = ConvCase::kBiasMinusOne;
    Random r(12);
    FinalizeFc(c, r);
    const LoadResult result = Load(BuildFcModel(c, FcReference(c).shape));
    if (depth == 65000) {
      EXPECT_EQ(result.status, TML_OK) << "65000 terms must still load: " << result.error;
    } else {
      EXPECT_EQ(result.status, TML_ERROR_UNSUPPORTED) << result.error;
      EXPECT_NE(result.error.find("node 0 (FULLY_CONNECTED)"), std::string::npos) << result.error;
    }
  }
}

// ===========================================================================================================
// AVERAGE_POOL_2D and MAX_POOL_2D

struct PoolCase {
  bool max = false;
  int batches = 1, height = 1, width = 1, channels = 1;
  tml_ref::PoolParams params;
  float scale = 0.1f;
  int32_t zp = 0;
  std::vector<int8_t> input;
  Shape InputShape() const { return {batches, height, width, channels}; }
};

PoolCase RandomPoolCase(Random &r, bool max) {
  PoolCase c;
  c.max = max;
  c.batches = r.Chance(0.25) ? r.Int(2, 3) : 1;
  c.height = r.Int(1, 10);
  c.width = r.Int(1, 10);
  c.channels = r.Chance(0.8) ? r.Int(1, 7) : r.Pick({8, 16});
  c.params.filter_h = r.Int(1, 4);
  c.params.filter_w = r.Int(1, 4);
  c.params.stride_h = r.Int(1, 3);
  c.params.stride_w = r.Int(1, 3);
  c.params.padding = r.Chance(0.5) ? kSame : kValid;
  c.params.activation = r.AnyActivation();
  c.scale = r.LogUniform(1e-3, 0.5);
  c.zp = r.ZeroPoint();
  return c;
}

void FinalizePool(PoolCase &c, Random &r) {
  if (c.params.padding == kValid && c.height < c.params.filter_h) c.height = c.params.filter_h + r.Int(0, 2);
  if (c.params.padding == kValid && c.width < c.params.filter_w) c.width = c.params.filter_w + r.Int(0, 2);
  c.input = r.Data(static_cast<size_t>(tml_ref::NumElements(c.InputShape())));
}

std::vector<uint8_t> BuildPoolModel(const PoolCase &c, const Shape &out_shape, float out_scale, int32_t out_zp,
                                    Activation act) {
  ModelBuilder b;
  const int in = b.Tensor(c.InputShape(), kInt8, Quant(c.scale, c.zp), "input");
  const int out = b.Tensor(out_shape, kInt8, Quant(out_scale, out_zp), "output");
  const auto &p = c.params;
  b.Op(c.max ? kMaxPool2D : kAveragePool2D, {in}, {out},
       Pool2DOptions{p.padding, p.stride_w, p.stride_h, p.filter_w, p.filter_h, act});
  return b.Finish();
}

Tensor8 PoolReference(const PoolCase &c) {
  const Tensor8 in{c.InputShape(), c.input, c.scale, c.zp};
  return c.max ? tml_ref::MaxPool2D(in, c.params) : tml_ref::AveragePool2D(in, c.params);
}

Case MakePoolCase(const PoolCase &c) {
  const Tensor8 ref = PoolReference(c);
  Case k;
  std::ostringstream s;
  const auto &p = c.params;
  s << (c.max ? "MAX_POOL_2D" : "AVERAGE_POOL_2D") << " input " << ShapeString(c.InputShape()) << " "
    << Q(c.scale, c.zp) << " (output the same), output " << ShapeString(ref.shape) << ", filter w" << p.filter_w << " h"
    << p.filter_h << ", stride w" << p.stride_w << " h" << p.stride_h << ", padding " << PaddingName(p.padding)
    << ", activation " << ActivationName(p.activation) << "\n  input = " << Values(c.input);
  k.description = s.str();
  k.model = BuildPoolModel(c, ref.shape, c.scale, c.zp, p.activation);
  k.inputs = Bytes(c.input);
  k.expected = Bytes(ref.data);
  SetClamp(&k, p.activation, c.scale, c.zp);
  return k;
}

using PoolTweak = std::function<void(PoolCase &, Random &)>;

Summary RunPoolCases(uint32_t seed, int count, bool max, const PoolTweak &tweak) {
  return RunCases(seed, count, [&](Random &r) {
    PoolCase c = RandomPoolCase(r, max);
    tweak(c, r);
    FinalizePool(c, r);
    return MakePoolCase(c);
  });
}

const PoolTweak kNoPoolTweak = [](PoolCase &, Random &) {};

TEST(Differential, AveragePool2DMatchesReferenceOnRandomCases) { RunPoolCases(4001, 400, false, kNoPoolTweak); }
TEST(Differential, MaxPool2DMatchesReferenceOnRandomCases) { RunPoolCases(4002, 400, true, kNoPoolTweak); }

// SAME padding with windows hanging over the edges: the padded taps count neither in the sum nor the divisor.
TEST(Differential, AveragePool2DSamePaddingExcludesPaddedTaps) {
  RunPoolCases(4003, 200, false, [](PoolCase &c, Random &r) {
    c.params.padding = kSame;
    c.params.filter_h = r.Int(2, 4);
    c.params.filter_w = r.Int(2, 4);
    c.params.stride_h = r.Int(1, 2);
    c.params.stride_w = r.Int(1, 2);
  });
}

TEST(Differential, MaxPool2DSamePaddingExcludesPaddedTaps) {
  RunPoolCases(4004, 200, true, [](PoolCase &c, Random &r) {
    c.params.padding = kSame;
    c.params.filter_h = r.Int(2, 4);
    c.params.filter_w = r.Int(2, 4);
    c.params.activation = kActNone;
    c.zp = -128;
    c.height = r.Int(1, 5);
    c.width = r.Int(1, 5);
  });
}

TEST(Differential, AveragePool2DValidPadding) {
  RunPoolCases(4005, 200, false, [](PoolCase &c, Random &) { c.params.padding = kValid; });
}

TEST(Differential, MaxPool2DValidPadding) {
  RunPoolCases(4006, 200, true, [](PoolCase &c, Random &) { c.params.padding = kValid; });
}

// Two-tap windows: half of the sums are odd, so the average is a tie rounded away from zero.
TEST(Differential, AveragePool2DRoundsTiesAwayFromZero) {
  RunPoolCases(4007, 200, false, [](PoolCase &c, Random &r) {
    c.params = {kValid, 2, 1, 2, 1, kActNone};
    if (r.Chance(0.5)) c.params = {kValid, 1, 2, 1, 2, kActNone};
    c.height = 2 * r.Int(1, 4);
    c.width = 2 * r.Int(1, 4);
  });
}

TEST(Differential, Pool2DStrideLargerThanFilter) {
  for (bool max : {false, true})
    RunPoolCases(max ? 4008 : 4009, 200, max, [](PoolCase &c, Random &r) {
      c.params.filter_h = r.Int(1, 2);
      c.params.filter_w = r.Int(1, 2);
      c.params.stride_h = c.params.filter_h + r.Int(1, 2);
      c.params.stride_w = c.params.filter_w + r.Int(1, 2);
      c.height = r.Int(3, 11);
      c.width = r.Int(3, 11);
    });
}

TEST(Differential, Pool2DEveryFusedActivationClampsOutput) {
  int seed = 4010;
  for (bool max : {false, true})
    for (Activation act : {kActNone, kActRelu, kActRelu6, kActReluN1To1}) {
      SCOPED_TRACE(std::string(max ? "MAX_POOL_2D " : "AVERAGE_POOL_2D ") + ActivationName(act));
      const Summary s = RunPoolCases(seed++, 100, max, [act](PoolCase &c, Random &r) {
        c.params.activation = act;
        c.scale = act == kActRelu6 ? r.LogUniform(6.0 / 120, 6.0 / 20) : r.LogUniform(1.0 / 120, 1.0 / 20);
        c.zp = r.Int(-40, 40);
      });
      EXPECT_GT(s.hit_min, 0);
      EXPECT_GT(s.hit_max, 0);
    }
}

TEST(Differential, Pool2DExtremeScalesAndZeroPoints) {
  for (bool max : {false, true})
    RunPoolCases(max ? 4020 : 4021, 200, max, [](PoolCase &c, Random &r) {
      c.zp = r.Pick({-128, 127, -127, 126});
      c.scale = r.Pick({1e-8f, 1e-5f, 0.5f, 10.0f, 1000.0f});
      if (c.scale < 1e-5f) c.params.activation = r.Pick({kActNone, kActRelu});
    });
}

TEST(Differential, Pool2DRejectsDifferentInputAndOutputQuantization) {
  for (bool max : {false, true}) {
    Random r(13);
    PoolCase c = RandomPoolCase(r, max);
    c.params.activation = kActNone;
    FinalizePool(c, r);
    const Shape out = PoolReference(c).shape;
    const char *name = max ? "MAX_POOL_2D" : "AVERAGE_POOL_2D";
    const auto good = BuildPoolModel(c, out, c.scale, c.zp, kActNone);
    ExpectRejected(BuildPoolModel(c, out, c.scale * 2, c.zp, kActNone), good, TML_ERROR_UNSUPPORTED, name,
                   "output scale twice the input's");
    ExpectRejected(BuildPoolModel(c, out, c.scale, c.zp == 127 ? 126 : c.zp + 1, kActNone), good, TML_ERROR_UNSUPPORTED,
                   name, "output zero point one more than the input's");
  }
}

TEST(Differential, Pool2DRejectsFusedTanhAndSignBit) {
  for (bool max : {false, true}) {
    Random r(14);
    PoolCase c = RandomPoolCase(r, max);
    FinalizePool(c, r);
    const Shape out = PoolReference(c).shape;
    for (Activation act : {kActTanh, kActSignBit})
      ExpectRejected(BuildPoolModel(c, out, c.scale, c.zp, act), BuildPoolModel(c, out, c.scale, c.zp, kActNone),
                     TML_ERROR_UNSUPPORTED, max ? "MAX_POOL_2D" : "AVERAGE_POOL_2D",
                     std::string("fused ") + ActivationName(act));
  }
}

// ===========================================================================================================
// ADD and MUL

struct ElementwiseCase {
  bool mul = false;
  Shape a, b;
  float sa = 0, sb = 0, so = 0;  // so = 0: let Finalize choose
  int32_t za = 0, zb = 0, zo = 0;
  Activation activation = kActNone;
  bool a_constant = false, b_constant = false;
  std::vector<int8_t> da, db;
};

// A shape of `rank` dims whose product stays small.
Shape RandomShape(Random &r, int rank, int max_dim, int64_t max_elements) {
  Shape s;
  for (int i = 0; i < rank; i++) s.push_back(r.Int(1, max_dim));
  while (tml_ref::NumElements(s) > max_elements) {
    auto it = std::max_element(s.begin(), s.end());
    *it = std::max(1, *it / 2);
  }
  return s;
}

// Two shapes that broadcast: both derived from one shape by dropping leading dims and setting dims to 1.
std::pair<Shape, Shape> RandomBroadcastShapes(Random &r, int rank) {
  const Shape full = RandomShape(r, rank, 5, 600);
  auto derive = [&](bool may_drop) {
    Shape s = full;
    if (may_drop && r.Chance(0.4)) s.erase(s.begin(), s.begin() + r.Int(0, rank));
    for (auto &d : s)
      if (r.Chance(0.35)) d = 1;
    return s;
  };
  return {derive(true), derive(true)};
}

ElementwiseCase RandomElementwiseCase(Random &r, bool mul) {
  ElementwiseCase c;
  c.mul = mul;
  const int rank = r.Pick({1, 2, 3, 4, 4, 4, 5, 6});
  if (r.Chance(0.3)) {
    c.a = c.b = RandomShape(r, rank, 6, 600);
  } else {
    std::tie(c.a, c.b) = RandomBroadcastShapes(r, rank);
  }
  c.sa = r.LogUniform(1e-3, 1.0);
  c.sb = r.LogUniform(1e-3, 1.0);
  c.za = r.ZeroPoint();
  c.zb = r.ZeroPoint();
  c.zo = r.ZeroPoint();
  c.activation = r.AnyActivation();
  c.a_constant = r.Chance(0.1);
  c.b_constant = !c.a_constant && r.Chance(0.15);
  return c;
}

void FinalizeElementwise(ElementwiseCase &c, Random &r) {
  if (c.so == 0) {
    if (c.mul)  // |product| is typically around 74*74; aim the output at tens of steps, give or take 8x
      c.so = static_cast<float>(static_cast<double>(c.sa) * c.sb * 74 * 74 / 40 * std::exp2(r.Uniform() * 6 - 3));
    else
      c.so = std::max(c.sa, c.sb) * r.LogUniform(0.25, 8.0);
  }
  c.da = r.Data(static_cast<size_t>(tml_ref::NumElements(c.a)));
  c.db = r.Data(static_cast<size_t>(tml_ref::NumElements(c.b)));
}

std::vector<uint8_t> BuildElementwiseModel(const ElementwiseCase &c, const Shape &out_shape, Activation act) {
  ModelBuilder b;
  const int a = c.a_constant ? b.ConstantOf(c.a, kInt8, c.da, Quant(c.sa, c.za), "a")
                             : b.Tensor(c.a, kInt8, Quant(c.sa, c.za), "a");
  const int bb = c.b_constant ? b.ConstantOf(c.b, kInt8, c.db, Quant(c.sb, c.zb), "b")
                              : b.Tensor(c.b, kInt8, Quant(c.sb, c.zb), "b");
  const int out = b.Tensor(out_shape, kInt8, Quant(c.so, c.zo), "output");
  if (c.mul)
    b.Op(kMul, {a, bb}, {out}, MulOptions{act});
  else
    b.Op(kAdd, {a, bb}, {out}, AddOptions{act});
  return b.Finish();
}

Tensor8 ElementwiseReference(const ElementwiseCase &c) {
  const Tensor8 a{c.a, c.da, c.sa, c.za}, b{c.b, c.db, c.sb, c.zb};
  return c.mul ? tml_ref::Mul(a, b, {c.so, c.zo}, c.activation) : tml_ref::Add(a, b, {c.so, c.zo}, c.activation);
}

Case MakeElementwiseCase(const ElementwiseCase &c) {
  const Tensor8 ref = ElementwiseReference(c);
  Case k;
  std::ostringstream s;
  s << (c.mul ? "MUL" : "ADD") << " a " << ShapeString(c.a) << " " << Q(c.sa, c.za) << (c.a_constant ? " constant" : "")
    << ", b " << ShapeString(c.b) << " " << Q(c.sb, c.zb) << (c.b_constant ? " constant" : "") << ", output "
    << ShapeString(ref.shape) << " " << Q(c.so, c.zo) << ", activation " << ActivationName(c.activation)
    << "\n  a = " << Values(c.da) << "\n  b = " << Values(c.db);
  k.description = s.str();
  k.model = BuildElementwiseModel(c, ref.shape, c.activation);
  if (!c.a_constant) k.inputs = Bytes(c.da);
  if (!c.b_constant) k.inputs = Join({k.inputs, Bytes(c.db)});
  k.expected = Bytes(ref.data);
  SetClamp(&k, c.activation, c.so, c.zo);
  return k;
}

using ElementwiseTweak = std::function<void(ElementwiseCase &, Random &)>;

Summary RunElementwiseCases(uint32_t seed, int count, bool mul, const ElementwiseTweak &tweak) {
  return RunCases(seed, count, [&](Random &r) {
    ElementwiseCase c = RandomElementwiseCase(r, mul);
    tweak(c, r);
    FinalizeElementwise(c, r);
    return MakeElementwiseCase(c);
  });
}

const ElementwiseTweak kNoElementwiseTweak = [](ElementwiseCase &, Random &) {};

void SameShapeTweak(ElementwiseCase &c, Random &r) { c.a = c.b = RandomShape(r, r.Int(1, 4), 8, 800); }

void BroadcastTweak(ElementwiseCase &c, Random &r) {
  do std::tie(c.a, c.b) = RandomBroadcastShapes(r, r.Int(1, 4));
  while (c.a == c.b);
}

void HighRankBroadcastTweak(ElementwiseCase &c, Random &r) {
  do std::tie(c.a, c.b) = RandomBroadcastShapes(r, r.Int(5, 6));
  while (c.a == c.b);
}

// One operand a scalar-like tensor: rank 0, [1] or all ones.
void ScalarOperandTweak(ElementwiseCase &c, Random &r) {
  const Shape scalar = r.Pick<Shape>({Shape{}, Shape{1}, Shape{1, 1, 1, 1}});
  const Shape other = RandomShape(r, r.Int(1, 4), 6, 600);
  c.a = r.Chance(0.5) ? scalar : other;
  c.b = c.a == scalar ? other : scalar;
  c.b_constant = c.b == scalar && r.Chance(0.5);
  c.a_constant = false;
}

TEST(Differential, AddMatchesReferenceOnRandomCases) { RunElementwiseCases(5001, 400, false, kNoElementwiseTweak); }
TEST(Differential, AddSameShapes) { RunElementwiseCases(5002, 200, false, SameShapeTweak); }
TEST(Differential, AddBroadcastsShapes) { RunElementwiseCases(5003, 300, false, BroadcastTweak); }
TEST(Differential, AddBroadcastsFiveAndSixDimensionalShapes) {
  RunElementwiseCases(5004, 200, false, HighRankBroadcastTweak);
}
TEST(Differential, AddBroadcastsScalarOperand) { RunElementwiseCases(5005, 150, false, ScalarOperandTweak); }
TEST(Differential, AddConstantOperand) {
  RunElementwiseCases(5006, 150, false, [](ElementwiseCase &c, Random &r) {
    c.a_constant = r.Chance(0.5);
    c.b_constant = !c.a_constant;
  });
}

TEST(Differential, AddEveryFusedActivationClampsOutput) {
  int seed = 5010;
  for (Activation act : {kActNone, kActRelu, kActRelu6, kActReluN1To1}) {
    SCOPED_TRACE(ActivationName(act));
    const Summary s = RunElementwiseCases(seed++, 120, false, [act](ElementwiseCase &c, Random &r) {
      c.activation = act;
      const double bound = act == kActRelu6 ? 6.0 : 1.0;
      c.so = r.LogUniform(bound / 120, bound / 20);
      c.sa = c.so * r.LogUniform(0.5, 4);
      c.sb = c.so * r.LogUniform(0.5, 4);
      c.zo = r.Int(-40, 40);
    });
    EXPECT_GT(s.hit_min, 0);
    EXPECT_GT(s.hit_max, 0);
  }
}

// Input scales up to 2^16 apart, output scales from just above the smallest ADD accepts
// (2 * max(s1, s2) / 2^20) to far above, zero points at the ends of the range.
TEST(Differential, AddExtremeScalesAndZeroPoints) {
  RunElementwiseCases(5020, 300, false, [](ElementwiseCase &c, Random &r) {
    c.za = r.Pick({-128, 127, 0});
    c.zb = r.Pick({-128, 127, -1});
    c.zo = r.Pick({-128, 127, 0});
    c.sa = r.Pick({1e-6f, 1e-3f, 0.5f, 30.0f});
    c.sb = c.sa * r.Pick({1.0f, 65536.0f, 1.0f / 65536, 0.999f, 3.0f});
    const float floor = 2 * std::max(c.sa, c.sb) / 1048576.0f;
    c.so = r.Pick({floor * 1.01f, floor * 37.0f, std::max(c.sa, c.sb) * 1000.0f, 0.0f});
    if (!tml_ref::AddScalesValid(c.sa, c.sb, c.so)) c.so = floor * 2;
    c.so = std::max(c.so, 1e-8f);  // see TinyOutputScale... below
  });
}

TEST(Differential, AddSaturatesAtBothEnds) {
  const Summary s = RunElementwiseCases(5021, 200, false, [](ElementwiseCase &c, Random &r) {
    c.activation = kActNone;
    c.so = std::max(c.sa, c.sb) * r.LogUniform(0.02, 0.3);
    c.zo = r.Int(-20, 20);
  });
  EXPECT_GT(s.hit_both, 50) << "cases whose output reaches both -128 and 127";
}

TEST(Differential, MulMatchesReferenceOnRandomCases) { RunElementwiseCases(6001, 400, true, kNoElementwiseTweak); }
TEST(Differential, MulSameShapes) { RunElementwiseCases(6002, 200, true, SameShapeTweak); }
TEST(Differential, MulBroadcastsShapes) { RunElementwiseCases(6003, 300, true, BroadcastTweak); }
TEST(Differential, MulBroadcastsFiveAndSixDimensionalShapes) {
  RunElementwiseCases(6004, 200, true, HighRankBroadcastTweak);
}
TEST(Differential, MulBroadcastsScalarOperand) { RunElementwiseCases(6005, 150, true, ScalarOperandTweak); }
TEST(Differential, MulConstantOperand) {
  RunElementwiseCases(6006, 150, true, [](ElementwiseCase &c, Random &r) {
    c.a_constant = r.Chance(0.5);
    c.b_constant = !c.a_constant;
  });
}

TEST(Differential, MulEveryFusedActivationClampsOutput) {
  int seed = 6010;
  for (Activation act : {kActNone, kActRelu, kActRelu6, kActReluN1To1}) {
    SCOPED_TRACE(ActivationName(act));
    const Summary s = RunElementwiseCases(seed++, 120, true, [act](ElementwiseCase &c, Random &r) {
      c.activation = act;
      const double bound = act == kActRelu6 ? 6.0 : 1.0;
      c.so = r.LogUniform(bound / 120, bound / 20);
      c.sa = r.LogUniform(0.01, 0.1);
      c.sb = static_cast<float>(c.so * 30 / (c.sa * 74 * 74)) * r.LogUniform(0.5, 4);
      c.zo = r.Int(-40, 40);
    });
    EXPECT_GT(s.hit_min, 0);
    EXPECT_GT(s.hit_max, 0);
  }
}

// Multipliers s1*s2/s_out from 2^-34 (flushed to zero) to 2^12 (a left shift of 13), extreme zero points.
TEST(Differential, MulExtremeScalesAndZeroPoints) {
  RunElementwiseCases(6020, 300, true, [](ElementwiseCase &c, Random &r) {
    c.za = r.Pick({-128, 127, 0});
    c.zb = r.Pick({-128, 127, -1});
    c.zo = r.Pick({-128, 127, 0});
    c.sa = r.Pick({1e-6f, 1e-3f, 0.5f, 30.0f});
    c.sb = r.Pick({1e-6f, 0.02f, 4.0f});
    const double m = r.Pick({std::exp2(-34.0), std::exp2(-31.5), std::exp2(-20.0), 1.0, 3.0, 4096.0,
                             static_cast<double>(r.LogUniform(1e-4, 1e-2))});
    c.so = static_cast<float>(static_cast<double>(c.sa) * c.sb / m);
    if (c.so < 1e-8f) {  // keep the output scale above 1e-8 (see TinyOutputScale... below)
      c.so = 1e-8f;
      c.sb = static_cast<float>(m * c.so / c.sa);
    }
  });
}

TEST(Differential, MulSaturatesAtBothEnds) {
  const Summary s = RunElementwiseCases(6021, 200, true, [](ElementwiseCase &c, Random &r) {
    c.activation = kActNone;
    c.so = static_cast<float>(static_cast<double>(c.sa) * c.sb * r.LogUniform(2, 50));
    c.zo = r.Int(-20, 20);
  });
  EXPECT_GT(s.hit_both, 50) << "cases whose output reaches both -128 and 127";
}

// x + x and x * x: one tensor as both operands.
TEST(Differential, AddAndMulWithOneTensorAsBothOperands) {
  for (bool mul : {false, true})
    RunCases(mul ? 6030 : 5030, 150, [mul](Random &r) {
      ElementwiseCase c = RandomElementwiseCase(r, mul);
      c.b = c.a;
      c.sb = c.sa;
      c.zb = c.za;
      c.a_constant = c.b_constant = false;
      FinalizeElementwise(c, r);
      c.db = c.da;
      const Tensor8 ref = ElementwiseReference(c);
      ModelBuilder b;
      const int x = b.Tensor(c.a, kInt8, Quant(c.sa, c.za), "x");
      const int out = b.Tensor(ref.shape, kInt8, Quant(c.so, c.zo), "output");
      if (mul)
        b.Op(kMul, {x, x}, {out}, MulOptions{c.activation});
      else
        b.Op(kAdd, {x, x}, {out}, AddOptions{c.activation});
      Case k;
      k.description = std::string(mul ? "MUL" : "ADD") + " of x with itself, x " + ShapeString(c.a) + " " +
                      Q(c.sa, c.za) + ", output " + Q(c.so, c.zo) + ", activation " + ActivationName(c.activation) +
                      "\n  x = " + Values(c.da);
      k.model = b.Finish();
      k.inputs = Bytes(c.da);
      k.expected = Bytes(ref.data);
      return k;
    });
}

// Two chained ADD/MUL: t = op1(x, y); out = op2(t, z) or op2(z, t), with broadcasting, so that the second
// op reads an intermediate tensor (whose memory the planner may reuse).
TEST(Differential, AddAndMulChainedThroughIntermediateTensor) {
  RunCases(5031, 200, [](Random &r) {
    ElementwiseCase first = RandomElementwiseCase(r, r.Chance(0.5));
    first.a_constant = first.b_constant = false;
    FinalizeElementwise(first, r);
    const Tensor8 t = ElementwiseReference(first);
    ElementwiseCase second = RandomElementwiseCase(r, r.Chance(0.5));
    const bool t_first = r.Chance(0.5);
    Shape other = t.shape;  // z: a shape that broadcasts with t
    for (auto &d : other)
      if (r.Chance(0.3)) d = 1;
    if (r.Chance(0.3) && !other.empty())
      other.erase(other.begin());  // fewer dims
    else if (r.Chance(0.2) && other.size() < 6)
      other.insert(other.begin(), r.Int(1, 3));  // or one more
    second.a = t_first ? t.shape : other;
    second.b = t_first ? other : t.shape;
    (t_first ? second.sa : second.sb) = first.so;
    (t_first ? second.za : second.zb) = first.zo;
    second.a_constant = second.b_constant = false;
    FinalizeElementwise(second, r);
    (t_first ? second.da : second.db) = t.data;
    const Tensor8 ref = ElementwiseReference(second);

    ModelBuilder b;
    const int x = b.Tensor(first.a, kInt8, Quant(first.sa, first.za), "x");
    const int y = b.Tensor(first.b, kInt8, Quant(first.sb, first.zb), "y");
    const int z = t_first ? b.Tensor(second.b, kInt8, Quant(second.sb, second.zb), "z")
                          : b.Tensor(second.a, kInt8, Quant(second.sa, second.za), "z");
    const int tt = b.Tensor(t.shape, kInt8, Quant(first.so, first.zo), "t");
    const int out = b.Tensor(ref.shape, kInt8, Quant(second.so, second.zo), "output");
    if (first.mul)
      b.Op(kMul, {x, y}, {tt}, MulOptions{first.activation});
    else
      b.Op(kAdd, {x, y}, {tt}, AddOptions{first.activation});
    const std::vector<int32_t> ins = t_first ? std::vector<int32_t>{tt, z} : std::vector<int32_t>{z, tt};
    if (second.mul)
      b.Op(kMul, ins, {out}, MulOptions{second.activation});
    else
      b.Op(kAdd, ins, {out}, AddOptions{second.activation});
    b.Inputs({x, y, z});
    Case k;
    k.description = "first: " + MakeElementwiseCase(first).description + "\nthen, with t its output as operand " +
                    (t_first ? "a" : "b") + ": " + MakeElementwiseCase(second).description;
    k.model = b.Finish();
    k.inputs = Join({Bytes(first.da), Bytes(first.db), Bytes(t_first ? second.db : second.da)});
    k.expected = Bytes(ref.data);
    return k;
  });
}

void ExpectElementwiseActivationRejections(bool mul) {
  Random r(15);
  ElementwiseCase c = RandomElementwiseCase(r, mul);
  c.activation = kActNone;
  FinalizeElementwise(c, r);
  const Shape out = ElementwiseReference(c).shape;
  for (Activation act : {kActTanh, kActSignBit})
    ExpectRejected(BuildElementwiseModel(c, out, act), BuildElementwiseModel(c, out, kActNone), TML_ERROR_UNSUPPORTED,
                   mul ? "MUL" : "ADD", std::string("fused ") + ActivationName(act));
}

TEST(Differential, AddRejectsFusedTanhAndSignBit) { ExpectElementwiseActivationRejections(false); }
TEST(Differential, MulRejectsFusedTanhAndSignBit) { ExpectElementwiseActivationRejections(true); }

// ADD's output rescale 2 * max(s1, s2) / (2^20 * s_out) must stay below 1 (TFLM aborts otherwise).
TEST(Differential, AddRejectsOutputScaleAtOrBelowItsLimit) {
  Random r(16);
  ElementwiseCase c = RandomElementwiseCase(r, false);
  c.activation = kActNone;
  c.sa = 0.5f;
  c.sb = 0.25f;
  c.so = 1.0f / 1048576;  // exactly the limit: rescale factor 1
  FinalizeElementwise(c, r);
  const Shape out = tml_ref::BroadcastShape(c.a, c.b);
  ElementwiseCase fixed = c;
  fixed.so = 1.01f / 1048576;
  ExpectRejected(BuildElementwiseModel(c, out, kActNone), BuildElementwiseModel(fixed, out, kActNone),
                 TML_ERROR_UNSUPPORTED, "ADD", "output scale 2^-20 with input scales 0.5 and 0.25");
}

// ===========================================================================================================
// SOFTMAX, LOGISTIC, TANH

struct UnaryCase {
  Shape shape;
  float scale = 0.1f;
  int32_t zp = 0;
  float beta = 1.0f;  // softmax
  std::vector<int8_t> input;
};

std::vector<uint8_t> BuildUnaryModel(BuiltinOperator op, const UnaryCase &c, float out_scale, int32_t out_zp,
                                     const Options &options = NoOptions{}) {
  ModelBuilder b;
  const int in = b.Tensor(c.shape, kInt8, Quant(c.scale, c.zp), "input");
  const int out = b.Tensor(c.shape, kInt8, Quant(out_scale, out_zp), "output");
  b.Op(op, {in}, {out}, options);
  return b.Finish();
}

Case MakeSoftmaxCase(const UnaryCase &c) {
  const Tensor8 ref = tml_ref::Softmax({c.shape, c.input, c.scale, c.zp}, c.beta);
  Case k;
  k.description = "SOFTMAX input " + ShapeString(c.shape) + " " + Q(c.scale, c.zp) + ", beta " + Fmt(c.beta) +
                  ", output (scale 1/256, zp -128)\n  input = " + Values(c.input);
  k.model = BuildUnaryModel(kSoftmax, c, 1.0f / 256, -128, SoftmaxOptions{c.beta});
  k.inputs = Bytes(c.input);
  k.expected = Bytes(ref.data);
  return k;
}

UnaryCase RandomSoftmaxCase(Random &r) {
  UnaryCase c;
  const int depth = r.Chance(0.7) ? r.Int(1, 40) : r.Chance(0.66) ? r.Int(41, 200) : r.Int(201, 511);
  const int rank = r.Int(1, 4);
  c.shape = RandomShape(r, rank - 1, 4, std::max(1, 2000 / depth));
  c.shape.push_back(depth);
  c.scale = r.Chance(0.2) ? r.Pick({1.0f / 16, 0.1f, 1.0f / 256, 0.5f}) : r.LogUniform(1e-3, 1.0);
  c.zp = r.ZeroPoint();
  c.beta = r.Chance(0.7) ? 1.0f : r.LogUniform(0.1, 4.0);
  return c;
}

template <typename Tweak>
Summary RunSoftmaxCases(uint32_t seed, int count, Tweak tweak) {
  return RunCases(seed, count, [&](Random &r) {
    UnaryCase c = RandomSoftmaxCase(r);
    tweak(c, r);
    if (c.input.empty()) c.input = r.Data(static_cast<size_t>(tml_ref::NumElements(c.shape)));
    return MakeSoftmaxCase(c);
  });
}

TEST(Differential, SoftmaxMatchesReferenceOnRandomCases) {
  RunSoftmaxCases(7001, 400, [](UnaryCase &, Random &) {});
}

// Rows up to 511 values, many of them at or near the maximum: sums of exponentials close to 512.
TEST(Differential, SoftmaxLongRowsNearTheSumLimit) {
  RunSoftmaxCases(7002, 100, [](UnaryCase &c, Random &r) {
    const int depth = r.Int(400, 511);
    c.shape = {r.Int(1, 3), depth};
    c.input.resize(static_cast<size_t>(tml_ref::NumElements(c.shape)));
    const int top = r.Int(-128, 127);
    for (auto &x : c.input) x = static_cast<int8_t>(r.Chance(0.8) ? top : r.Int(-128, top));
  });
}

TEST(Differential, SoftmaxBetaOtherThanOne) {
  RunSoftmaxCases(7003, 200, [](UnaryCase &c, Random &r) { c.beta = r.LogUniform(0.01, 10.0); });
}

// From the smallest accepted beta*scale (just above 2^-26) to products that cap the multiplier.
TEST(Differential, SoftmaxExtremeInputScales) {
  RunSoftmaxCases(7004, 200, [](UnaryCase &c, Random &r) {
    c.beta = r.Chance(0.5) ? 1.0f : r.LogUniform(0.1, 4.0);
    const double lowest = std::exp2(-26.0) / c.beta;
    c.scale = r.Chance(0.5) ? static_cast<float>(lowest * r.LogUniform(1.001, 8.0))
                            : r.Pick({50.0f, 1000.0f, 1e6f, static_cast<float>(r.LogUniform(1.0, 100.0))});
    c.zp = r.Pick({-128, 127, 0, r.Int(-128, 127)});
  });
}

TEST(Differential, SoftmaxRejectsRowsLongerThan511) {
  UnaryCase c;
  c.shape = {2, 512};
  UnaryCase fixed = c;
  fixed.shape = {2, 511};
  ExpectRejected(BuildUnaryModel(kSoftmax, c, 1.0f / 256, -128, SoftmaxOptions{}),
                 BuildUnaryModel(kSoftmax, fixed, 1.0f / 256, -128, SoftmaxOptions{}), TML_ERROR_UNSUPPORTED, "SOFTMAX",
                 "rows of 512");
}

TEST(Differential, SoftmaxRejectsOutputQuantizationOtherThan1Over256AndMinus128) {
  UnaryCase c;
  c.shape = {1, 10};
  const auto good = BuildUnaryModel(kSoftmax, c, 1.0f / 256, -128, SoftmaxOptions{});
  ExpectRejected(BuildUnaryModel(kSoftmax, c, 1.0f / 256, 0, SoftmaxOptions{}), good, TML_ERROR_UNSUPPORTED, "SOFTMAX",
                 "output zero point 0");
  ExpectRejected(BuildUnaryModel(kSoftmax, c, 1.0f / 255, -128, SoftmaxOptions{}), good, TML_ERROR_UNSUPPORTED,
                 "SOFTMAX", "output scale 1/255");
}

// LOGISTIC and TANH: every int8 input value, for many input quantizations.
UnaryCase EveryValueCase(Random &r) {
  UnaryCase c;
  c.shape = r.Pick<Shape>({Shape{256}, Shape{16, 16}, Shape{1, 4, 8, 8}});
  for (int v = -128; v <= 127; v++) c.input.push_back(static_cast<int8_t>(v));
  for (size_t i = c.input.size() - 1; i > 0; i--) std::swap(c.input[i], c.input[r.Int(0, static_cast<int>(i))]);
  c.zp = r.ZeroPoint();
  return c;
}

Case MakeSigmoidCase(bool tanh, const UnaryCase &c) {
  const Tensor8 ref =
      tanh ? tml_ref::Tanh({c.shape, c.input, c.scale, c.zp}) : tml_ref::Logistic({c.shape, c.input, c.scale, c.zp});
  Case k;
  k.description = std::string(tanh ? "TANH" : "LOGISTIC") + " input " + ShapeString(c.shape) + " " + Q(c.scale, c.zp) +
                  (tanh ? ", output (scale 1/128, zp 0)" : ", output (scale 1/256, zp -128)") +
                  "\n  input = " + Values(c.input);
  k.model = tanh ? BuildUnaryModel(kTanh, c, 1.0f / 128, 0) : BuildUnaryModel(kLogistic, c, 1.0f / 256, -128);
  k.inputs = Bytes(c.input);
  k.expected = Bytes(ref.data);
  return k;
}

// Input scales from 2^-24 to just below 8, log-uniform, plus common ones. (From 8 up the input radius is 0
// and the engine refuses the model, see ...RejectsInputScaleOf8OrMore; below 2^-24 or so TFLM's int radius
// overflows.)
float SigmoidInputScale(Random &r) {
  return r.Chance(0.2) ? r.Pick({1.0f / 16, 0.1f, 1.0f / 32, 0.0235294122f, 1.0f / 128, 7.999f, 4.0f})
                       : r.LogUniform(std::exp2(-24.0), 7.999);
}

TEST(Differential, LogisticMatchesReferenceOnEveryInputValue) {
  RunCases(8001, 300, [](Random &r) {
    UnaryCase c = EveryValueCase(r);
    c.scale = SigmoidInputScale(r);
    return MakeSigmoidCase(false, c);
  });
}

TEST(Differential, LogisticTypicalInputScalesSaturate) {
  const Summary s = RunCases(8002, 100, [](Random &r) {
    UnaryCase c = EveryValueCase(r);
    c.scale = r.LogUniform(0.05, 0.5);
    c.zp = r.Int(-20, 20);
    return MakeSigmoidCase(false, c);
  });
  EXPECT_GT(s.hit_both, 90) << "cases reaching both -128 and 127";
}

TEST(Differential, TanhMatchesReferenceOnEveryInputValue) {
  RunCases(8003, 300, [](Random &r) {
    UnaryCase c = EveryValueCase(r);
    c.scale = SigmoidInputScale(r);
    return MakeSigmoidCase(true, c);
  });
}

TEST(Differential, TanhTypicalInputScalesSaturate) {
  const Summary s = RunCases(8004, 100, [](Random &r) {
    UnaryCase c = EveryValueCase(r);
    c.scale = r.LogUniform(0.05, 0.5);
    c.zp = r.Int(-20, 20);
    return MakeSigmoidCase(true, c);
  });
  EXPECT_GT(s.hit_both, 90) << "cases reaching both -128 and 127";
}

TEST(Differential, LogisticRejectsOutputQuantizationOtherThan1Over256AndMinus128) {
  UnaryCase c;
  c.shape = {2, 3};
  const auto good = BuildUnaryModel(kLogistic, c, 1.0f / 256, -128);
  ExpectRejected(BuildUnaryModel(kLogistic, c, 1.0f / 256, 0), good, TML_ERROR_UNSUPPORTED, "LOGISTIC",
                 "output zero point 0");
  ExpectRejected(BuildUnaryModel(kLogistic, c, 1.0f / 128, -128), good, TML_ERROR_UNSUPPORTED, "LOGISTIC",
                 "output scale 1/128");
}

TEST(Differential, TanhRejectsOutputQuantizationOtherThan1Over128And0) {
  UnaryCase c;
  c.shape = {2, 3};
  const auto good = BuildUnaryModel(kTanh, c, 1.0f / 128, 0);
  ExpectRejected(BuildUnaryModel(kTanh, c, 1.0f / 128, 1), good, TML_ERROR_UNSUPPORTED, "TANH", "output zero point 1");
  ExpectRejected(BuildUnaryModel(kTanh, c, 1.0f / 256, 0), good, TML_ERROR_UNSUPPORTED, "TANH", "output scale 1/256");
}

// From an input scale of 8 up, TFLM's input radius is 0 and every input, 0 included, saturates (logistic(0)
// gives -128). The engine refuses such models instead.
TEST(Differential, LogisticAndTanhRejectInputScaleOf8OrMore) {
  for (bool tanh : {false, true}) {
    UnaryCase c;
    c.shape = {2, 3};
    c.scale = 8.0f;
    UnaryCase fixed = c;
    fixed.scale = 7.99f;
    auto build = [tanh](const UnaryCase &u) {
      return tanh ? BuildUnaryModel(kTanh, u, 1.0f / 128, 0) : BuildUnaryModel(kLogistic, u, 1.0f / 256, -128);
    };
    ExpectRejected(build(c), build(fixed), TML_ERROR_UNSUPPORTED, tanh ? "TANH" : "LOGISTIC", "input scale 8");
  }
}

// ===========================================================================================================
// Output scales below 6/2^31 with activation NONE or RELU. TFLM's activation range for NONE quantizes no
// bound and for RELU only 0, so any positive output scale is valid there (RELU6 and RELU_N1_TO_1 need
// round(6/scale) or round(1/scale) to fit in int32). Every output scale here is below 2e-10 and the
// requantization multipliers are ordinary (2^-20 to 1), so nothing overflows.
TEST(Differential, TinyOutputScaleWithActivationNoneOrRelu) {
  int seed = 9001;
  for (Activation act : {kActNone, kActRelu}) {
    SCOPED_TRACE(ActivationName(act));
    RunConvCases(seed++, 20, false, [act](ConvCase &c, Random &r) {
      c.params.activation = act;
      c.allow_tiny_output_scale = true;
      c.in_scale = r.LogUniform(1e-12, 1e-10);
      c.w_scale = 1e-3f;
      ForceMultiplier(c, r.LogUniform(0.05, 1.0));  // output scales 1e-15 .. 2e-12
    });
    RunFcCases(seed++, 20, [act](FcCase &c, Random &r) {
      c.activation = act;
      c.allow_tiny_output_scale = true;
      c.in_scale = r.LogUniform(1e-12, 1e-10);
      c.w_scale = 1e-3f;
      c.out_scale = static_cast<float>(static_cast<double>(c.in_scale) * c.w_scale / r.LogUniform(0.05, 1.0));
    });
    RunElementwiseCases(seed++, 20, false, [act](ElementwiseCase &c, Random &r) {
      c.activation = act;
      c.sa = r.LogUniform(1e-11, 1e-10);
      c.sb = r.LogUniform(1e-11, 1e-10);
      c.so = std::max(c.sa, c.sb) * r.LogUniform(0.25, 8.0);
    });
    RunElementwiseCases(seed++, 20, true, [act](ElementwiseCase &c, Random &r) {
      c.activation = act;
      c.sa = r.LogUniform(1e-7, 1e-6);
      c.sb = r.LogUniform(1e-7, 1e-6);
      c.so = static_cast<float>(static_cast<double>(c.sa) * c.sb * 74 * 74 / 40);
    });
    RunPoolCases(seed++, 20, act == kActRelu, [act](PoolCase &c, Random &r) {
      c.params.activation = act;
      c.scale = r.LogUniform(1e-12, 1e-10);
    });
  }
}

// ===========================================================================================================
// MEAN

struct MeanCase {
  Shape shape;
  std::vector<int32_t> axes;
  bool keep_dims = false;
  bool axis_scalar = false;  // the axis tensor has shape [] (one axis)
  float in_scale = 0.1f, out_scale = 0.1f;
  int32_t in_zp = 0, out_zp = 0;
  std::vector<int8_t> input;
};

MeanCase RandomMeanCase(Random &r) {
  MeanCase c;
  const int rank = r.Pick({1, 2, 3, 4, 4, 4, 5});
  c.shape = RandomShape(r, rank, 6, 1500);
  std::vector<int32_t> order;
  for (int i = 0; i < rank; i++) order.push_back(i);
  for (int i = rank - 1; i > 0; i--) std::swap(order[i], order[r.Int(0, i)]);
  c.axes.assign(order.begin(), order.begin() + r.Int(1, rank));
  if (r.Chance(0.3))
    for (auto &a : c.axes)
      if (r.Chance(0.5)) a -= rank;  // the same axis written as a negative index
  if (r.Chance(0.1)) c.axes.push_back(c.axes[0] < 0 ? c.axes[0] + rank : c.axes[0] - rank);  // duplicate
  c.keep_dims = r.Chance(0.5);
  c.axis_scalar = c.axes.size() == 1 && r.Chance(0.3);
  c.in_scale = r.LogUniform(1e-3, 1.0);
  c.in_zp = r.ZeroPoint();
  if (r.Chance(0.4)) {
    c.out_scale = c.in_scale;
    c.out_zp = c.in_zp;
  } else {
    c.out_scale = c.in_scale * r.LogUniform(0.25, 4.0);
    c.out_zp = r.ZeroPoint();
  }
  return c;
}

std::vector<uint8_t> BuildMeanModel(const MeanCase &c, const Shape &out_shape, bool constant_axis = true) {
  ModelBuilder b;
  const int in = b.Tensor(c.shape, kInt8, Quant(c.in_scale, c.in_zp), "input");
  const Shape axis_shape = c.axis_scalar ? Shape{} : Shape{static_cast<int32_t>(c.axes.size())};
  const int axis = constant_axis ? b.ConstantOf(axis_shape, kInt32, c.axes, {}, "axis") : b.Tensor(axis_shape, kInt32);
  const int out = b.Tensor(out_shape, kInt8, Quant(c.out_scale, c.out_zp), "output");
  b.Op(kMean, {in, axis}, {out}, ReducerOptions{c.keep_dims});
  return b.Finish();
}

Case MakeMeanCase(const MeanCase &c) {
  const Tensor8 ref =
      tml_ref::Mean({c.shape, c.input, c.in_scale, c.in_zp}, c.axes, c.keep_dims, {c.out_scale, c.out_zp});
  Case k;
  k.description = "MEAN input " + ShapeString(c.shape) + " " + Q(c.in_scale, c.in_zp) + ", axes " + Values(c.axes) +
                  (c.axis_scalar ? " (shape [])" : "") + ", keep_dims " + std::to_string(c.keep_dims) + ", output " +
                  ShapeString(ref.shape) + " " + Q(c.out_scale, c.out_zp) + "\n  input = " + Values(c.input);
  k.model = BuildMeanModel(c, ref.shape);
  k.inputs = Bytes(c.input);
  k.expected = Bytes(ref.data);
  return k;
}

template <typename Tweak>
Summary RunMeanCases(uint32_t seed, int count, Tweak tweak) {
  return RunCases(seed, count, [&](Random &r) {
    MeanCase c = RandomMeanCase(r);
    tweak(c, r);
    c.input = r.Data(static_cast<size_t>(tml_ref::NumElements(c.shape)));
    return MakeMeanCase(c);
  });
}

void SameQuantization(MeanCase &c) {
  c.out_scale = c.in_scale;
  c.out_zp = c.in_zp;
}

void DifferentQuantization(MeanCase &c, Random &r) {
  do {
    c.out_scale = c.in_scale * r.Pick({1.0f, r.LogUniform(0.25, 4.0)});
    c.out_zp = r.Pick({c.in_zp, r.ZeroPoint()});
  } while (c.out_scale == c.in_scale && c.out_zp == c.in_zp);
}

TEST(Differential, MeanMatchesReferenceOnRandomCases) {
  RunMeanCases(10001, 400, [](MeanCase &, Random &) {});
}

// The usual model case: global average over height and width of a 4-D tensor, keep_dims.
TEST(Differential, MeanOverHeightAndWidthKeepDims) {
  RunMeanCases(10002, 200, [](MeanCase &c, Random &r) {
    c.shape = {r.Int(1, 2), r.Int(1, 12), r.Int(1, 12), r.Int(1, 16)};
    c.axes = r.Chance(0.5) ? std::vector<int32_t>{1, 2} : std::vector<int32_t>{2, 1};
    c.keep_dims = true;
    c.axis_scalar = false;
  });
}

TEST(Differential, MeanWithoutKeepDims) {
  RunMeanCases(10003, 200, [](MeanCase &c, Random &) { c.keep_dims = false; });
}

TEST(Differential, MeanEqualQuantizationTruncatesTowardZero) {
  RunMeanCases(10004, 200, [](MeanCase &c, Random &) { SameQuantization(c); });
}

// Includes same scale with another zero point and the other way round.
TEST(Differential, MeanDifferentQuantizationRequantizes) {
  RunMeanCases(10005, 300, [](MeanCase &c, Random &r) { DifferentQuantization(c, r); });
}

TEST(Differential, MeanNegativeAndDuplicateAxes) {
  RunMeanCases(10006, 200, [](MeanCase &c, Random &r) {
    const int rank = static_cast<int>(c.shape.size());
    for (auto &a : c.axes)
      if (a >= 0 && r.Chance(0.7)) a -= rank;
    if (r.Chance(0.5)) c.axes.push_back(c.axes.back() < 0 ? c.axes.back() + rank : c.axes.back());
    c.axis_scalar = false;
  });
}

TEST(Differential, MeanOverEveryAxis) {
  RunMeanCases(10007, 150, [](MeanCase &c, Random &) {
    c.axes.clear();
    for (int i = 0; i < static_cast<int>(c.shape.size()); i++) c.axes.push_back(i);
    c.axis_scalar = false;
  });
}

// Thousands of values per mean: the requantizing path folds 1/N into its multiplier.
TEST(Differential, MeanOverManyElements) {
  RunMeanCases(10008, 60, [](MeanCase &c, Random &r) {
    c.shape = {1, r.Int(16, 64), r.Int(16, 64), r.Int(1, 3)};
    c.axes = {1, 2};
    c.axis_scalar = false;
    if (r.Chance(0.7)) DifferentQuantization(c, r);
  });
}

// More than 2^17 values per mean: the requantizing path's 1/N pre-shift is floor(log2 N) >= 17 bits.
TEST(Differential, MeanOverMoreThan131072Elements) {
  RunMeanCases(10010, 6, [](MeanCase &c, Random &r) {
    c.shape = {1, r.Int(363, 450), r.Int(363, 450), 1};
    c.axes = {1, 2};
    c.axis_scalar = false;
    DifferentQuantization(c, r);
  });
}

TEST(Differential, MeanExtremeScalesAndZeroPoints) {
  RunMeanCases(10009, 200, [](MeanCase &c, Random &r) {
    c.in_zp = r.Pick({-128, 127});
    c.out_zp = r.Pick({-128, 127, 0});
    c.in_scale = r.Pick({1e-6f, 0.01f, 10.0f});
    c.out_scale = c.in_scale * r.Pick({1e-3f, 0.01f, 0.3f, 1.0f, 3.0f, 100.0f, 1e4f});
  });
}

TEST(Differential, MeanRejectsNonConstantAxis) {
  Random r(17);
  MeanCase c = RandomMeanCase(r);
  const Shape out = tml_ref::MeanOutputShape(c.shape, c.axes, c.keep_dims);
  ExpectRejected(BuildMeanModel(c, out, false), BuildMeanModel(c, out, true), TML_ERROR_UNSUPPORTED, "MEAN",
                 "axes given as a model input");
}

// ===========================================================================================================
// PAD and PADV2

struct PadCase {
  Shape shape;
  std::vector<std::pair<int32_t, int32_t>> paddings;
  enum Form { kPad, kPadV2, kPadWithValue } form = kPad;  // kPadWithValue: PAD given a third input
  bool int64_paddings = false;
  bool value_rank0 = true;  // constant value tensor of shape [] (else [1])
  int8_t value = 0;
  float scale = 0.1f;
  int32_t zp = 0;
  std::vector<int8_t> input;
};

PadCase RandomPadCase(Random &r) {
  PadCase c;
  const int rank = r.Int(1, 5);
  c.shape = RandomShape(r, rank, 5, 300);
  for (int i = 0; i < rank; i++)
    c.paddings.push_back({r.Chance(0.4) ? 0 : r.Int(1, 3), r.Chance(0.4) ? 0 : r.Int(1, 3)});
  c.form = r.Chance(0.5) ? PadCase::kPad : r.Chance(0.8) ? PadCase::kPadV2 : PadCase::kPadWithValue;
  c.int64_paddings = r.Chance(0.3);
  c.value_rank0 = r.Chance(0.5);
  c.value = static_cast<int8_t>(r.Int(-128, 127));
  c.scale = r.LogUniform(1e-3, 1.0);
  c.zp = r.ZeroPoint();
  return c;
}

// out_zp_delta != 0 / value_scale_factor != 1 build the invalid variants of the rejection tests.
std::vector<uint8_t> BuildPadModel(const PadCase &c, const Shape &out_shape, int32_t out_zp_delta = 0,
                                   float value_scale_factor = 1.0f) {
  ModelBuilder b;
  const int in = b.Tensor(c.shape, kInt8, Quant(c.scale, c.zp), "input");
  std::vector<int64_t> flat;
  for (const auto &p : c.paddings) {
    flat.push_back(p.first);
    flat.push_back(p.second);
  }
  const Shape pad_shape = {static_cast<int32_t>(c.paddings.size()), 2};
  const int paddings = c.int64_paddings ? b.ConstantOf(pad_shape, kInt64, flat, {}, "paddings")
                                        : b.ConstantOf(pad_shape, kInt32,
                                                       std::vector<int32_t>(flat.begin(), flat.end()), {}, "paddings");
  std::vector<int32_t> inputs = {in, paddings};
  if (c.form != PadCase::kPad)
    inputs.push_back(b.ConstantOf(c.value_rank0 ? Shape{} : Shape{1}, kInt8, std::vector<int8_t>{c.value},
                                  Quant(c.scale * value_scale_factor, c.zp), "constant_values"));
  const int out = b.Tensor(out_shape, kInt8, Quant(c.scale, c.zp + out_zp_delta), "output");
  if (c.form == PadCase::kPadV2)
    b.Op(kPadV2, inputs, {out}, PadV2Options{});
  else
    b.Op(kPad, inputs, {out}, PadOptions{});
  return b.Finish();
}

Tensor8 PadReference(const PadCase &c) {
  return tml_ref::Pad({c.shape, c.input, c.scale, c.zp}, c.paddings,
                      c.form == PadCase::kPad ? static_cast<int8_t>(c.zp) : c.value);
}

Case MakePadCase(const PadCase &c) {
  const Tensor8 ref = PadReference(c);
  Case k;
  std::ostringstream s;
  s << (c.form == PadCase::kPadV2 ? "PADV2"
        : c.form == PadCase::kPad ? "PAD"
                                  : "PAD (3 inputs)")
    << " input " << ShapeString(c.shape) << " " << Q(c.scale, c.zp) << " (output the same), paddings "
    << (c.int64_paddings ? "int64 {" : "int32 {");
  for (const auto &p : c.paddings) s << "{" << p.first << "," << p.second << "}";
  s << "}";
  if (c.form != PadCase::kPad) s << ", constant value " << int{c.value} << (c.value_rank0 ? " shape []" : " shape [1]");
  s << ", output " << ShapeString(ref.shape) << "\n  input = " << Values(c.input);
  k.description = s.str();
  k.model = BuildPadModel(c, ref.shape);
  k.inputs = Bytes(c.input);
  k.expected = Bytes(ref.data);
  return k;
}

template <typename Tweak>
Summary RunPadCases(uint32_t seed, int count, Tweak tweak) {
  return RunCases(seed, count, [&](Random &r) {
    PadCase c = RandomPadCase(r);
    tweak(c, r);
    c.input = r.Data(static_cast<size_t>(tml_ref::NumElements(c.shape)));
    return MakePadCase(c);
  });
}

TEST(Differential, PadMatchesReferenceOnRandomCases) {
  RunPadCases(11001, 400, [](PadCase &, Random &) {});
}

TEST(Differential, PadFillsWithOutputZeroPoint) {
  RunPadCases(11002, 200, [](PadCase &c, Random &) { c.form = PadCase::kPad; });
}

TEST(Differential, PadV2FillsWithConstantValue) {
  RunPadCases(11003, 200, [](PadCase &c, Random &r) {
    c.form = r.Chance(0.8) ? PadCase::kPadV2 : PadCase::kPadWithValue;
    c.value = r.Pick<int8_t>({-128, 127, 0, static_cast<int8_t>(r.Int(-128, 127))});
  });
}

TEST(Differential, PadInt64Paddings) {
  RunPadCases(11004, 200, [](PadCase &c, Random &) { c.int64_paddings = true; });
}

TEST(Differential, PadFourDimensionalImageStyle) {
  RunPadCases(11005, 200, [](PadCase &c, Random &r) {
    c.shape = {r.Int(1, 2), r.Int(1, 8), r.Int(1, 8), r.Int(1, 5)};
    c.paddings = {{0, 0}, {r.Int(0, 3), r.Int(0, 3)}, {r.Int(0, 3), r.Int(0, 3)}, {0, 0}};
  });
}

TEST(Differential, PadRejectsDifferentInputAndOutputQuantization) {
  Random r(18);
  PadCase c = RandomPadCase(r);
  c.form = PadCase::kPad;
  c.zp = 5;
  c.input = r.Data(static_cast<size_t>(tml_ref::NumElements(c.shape)));
  const Shape out = PadReference(c).shape;
  ExpectRejected(BuildPadModel(c, out, 1), BuildPadModel(c, out), TML_ERROR_UNSUPPORTED, "PAD",
                 "output zero point one more than the input's");
}

TEST(Differential, PadV2RejectsConstantValueQuantizationDifferentFromOutput) {
  Random r(19);
  PadCase c = RandomPadCase(r);
  c.form = PadCase::kPadV2;
  c.input = r.Data(static_cast<size_t>(tml_ref::NumElements(c.shape)));
  const Shape out = PadReference(c).shape;
  ExpectRejected(BuildPadModel(c, out, 0, 2.0f), BuildPadModel(c, out), TML_ERROR_MODEL, "PADV2",
                 "constant value scale twice the output's");
}

// ===========================================================================================================
// CONCATENATION

struct ConcatCase {
  std::vector<Shape> shapes;
  int axis = 0;  // as written in the options (may be negative)
  float scale = 0.1f;
  int32_t zp = 0;
  std::vector<bool> constant;
  std::vector<std::vector<int8_t>> data;
};

ConcatCase RandomConcatCase(Random &r, int rank, int axis) {
  ConcatCase c;
  const Shape base = RandomShape(r, rank, 4, 150);
  const int n = r.Int(2, 4);
  for (int i = 0; i < n; i++) {
    Shape s = base;
    s[axis] = r.Int(1, 4);
    c.shapes.push_back(s);
    c.constant.push_back(r.Chance(0.1));
  }
  if (std::all_of(c.constant.begin(), c.constant.end(), [](bool b) { return b; })) c.constant[0] = false;
  c.axis = r.Chance(0.3) ? axis - rank : axis;
  c.scale = r.LogUniform(1e-3, 1.0);
  c.zp = r.ZeroPoint();
  return c;
}

// bad_input >= 0 gives that input another quantization (the rejection tests).
std::vector<uint8_t> BuildConcatModel(const ConcatCase &c, const Shape &out_shape, Activation act = kActNone,
                                      int bad_input = -1, float bad_scale_factor = 1.0f, int32_t bad_zp_delta = 0) {
  ModelBuilder b;
  std::vector<int32_t> inputs;
  for (size_t i = 0; i < c.shapes.size(); i++) {
    const bool bad = static_cast<int>(i) == bad_input;
    const Quantization q = Quant(bad ? c.scale * bad_scale_factor : c.scale, bad ? c.zp + bad_zp_delta : c.zp);
    inputs.push_back(c.constant[i] ? b.ConstantOf(c.shapes[i], kInt8, c.data[i], q) : b.Tensor(c.shapes[i], kInt8, q));
  }
  const int out = b.Tensor(out_shape, kInt8, Quant(c.scale, c.zp), "output");
  b.Op(kConcatenation, inputs, {out}, ConcatenationOptions{c.axis, act});
  return b.Finish();
}

Tensor8 ConcatReference(const ConcatCase &c) {
  std::vector<Tensor8> ins;
  for (size_t i = 0; i < c.shapes.size(); i++) ins.push_back({c.shapes[i], c.data[i], c.scale, c.zp});
  return tml_ref::Concatenation(ins, c.axis);
}

Case MakeConcatCase(const ConcatCase &c) {
  const Tensor8 ref = ConcatReference(c);
  Case k;
  std::ostringstream s;
  s << "CONCATENATION axis " << c.axis << ", " << c.shapes.size() << " inputs " << Q(c.scale, c.zp)
    << " (output the same):";
  for (size_t i = 0; i < c.shapes.size(); i++) {
    s << "\n  input " << i << " " << ShapeString(c.shapes[i]) << (c.constant[i] ? " constant" : "") << " = "
      << Values(c.data[i]);
    if (!c.constant[i]) k.inputs = Join({k.inputs, Bytes(c.data[i])});
  }
  s << "\n  output " << ShapeString(ref.shape);
  k.description = s.str();
  k.model = BuildConcatModel(c, ref.shape);
  k.expected = Bytes(ref.data);
  return k;
}

template <typename Tweak>
Summary RunConcatCases(uint32_t seed, int count, Tweak tweak) {
  return RunCases(seed, count, [&](Random &r) {
    const int rank = r.Int(1, 5);
    ConcatCase c = RandomConcatCase(r, rank, r.Int(0, rank - 1));
    tweak(c, r);
    c.data.clear();
    for (const Shape &shape : c.shapes) c.data.push_back(r.Uniform8(static_cast<size_t>(tml_ref::NumElements(shape))));
    return MakeConcatCase(c);
  });
}

TEST(Differential, ConcatenationMatchesReferenceOnRandomCases) {
  RunConcatCases(12001, 400, [](ConcatCase &, Random &) {});
}

// Every axis of 1-D to 5-D tensors, with 2, 3 and 4 inputs.
TEST(Differential, ConcatenationAlongEachAxis) {
  for (int rank = 1; rank <= 5; rank++)
    for (int axis = 0; axis < rank; axis++)
      for (int n = 2; n <= 4; n++) {
        SCOPED_TRACE("rank " + std::to_string(rank) + " axis " + std::to_string(axis) + " inputs " + std::to_string(n));
        RunConcatCases(12100 + rank * 100 + axis * 10 + n, 12, [&](ConcatCase &c, Random &r) {
          c = RandomConcatCase(r, rank, axis);
          c.axis = axis;
          c.shapes.resize(n, c.shapes[0]);
          c.constant.assign(n, false);
          for (auto &s : c.shapes) s[axis] = r.Int(1, 4);
        });
      }
}

TEST(Differential, ConcatenationNegativeAxis) {
  RunConcatCases(12002, 200, [](ConcatCase &c, Random &) {
    if (c.axis >= 0) c.axis -= static_cast<int>(c.shapes[0].size());
  });
}

TEST(Differential, ConcatenationWithConstantInputs) {
  RunConcatCases(12003, 150, [](ConcatCase &c, Random &r) {
    for (size_t i = 0; i < c.constant.size(); i++) c.constant[i] = r.Chance(0.5);
    c.constant[r.Int(0, static_cast<int>(c.constant.size()) - 1)] = false;
  });
}

TEST(Differential, ConcatenationRejectsDifferentInputAndOutputQuantization) {
  Random r(20);
  ConcatCase c = RandomConcatCase(r, 3, 1);
  for (const Shape &shape : c.shapes) c.data.push_back(r.Uniform8(static_cast<size_t>(tml_ref::NumElements(shape))));
  c.zp = 3;
  const Shape out = ConcatReference(c).shape;
  const auto good = BuildConcatModel(c, out);
  for (int input : {0, 1}) {
    ExpectRejected(BuildConcatModel(c, out, kActNone, input, 1.5f, 0), good, TML_ERROR_UNSUPPORTED, "CONCATENATION",
                   "input " + std::to_string(input) + " scale 1.5 times the output's");
    ExpectRejected(BuildConcatModel(c, out, kActNone, input, 1.0f, -1), good, TML_ERROR_UNSUPPORTED, "CONCATENATION",
                   "input " + std::to_string(input) + " zero point one less than the output's");
  }
}

TEST(Differential, ConcatenationRejectsFusedActivation) {
  Random r(21);
  ConcatCase c = RandomConcatCase(r, 2, 0);
  for (const Shape &shape : c.shapes) c.data.push_back(r.Uniform8(static_cast<size_t>(tml_ref::NumElements(shape))));
  const Shape out = ConcatReference(c).shape;
  for (Activation act : {kActRelu, kActRelu6, kActTanh})
    ExpectRejected(BuildConcatModel(c, out, act), BuildConcatModel(c, out), TML_ERROR_UNSUPPORTED, "CONCATENATION",
                   std::string("fused ") + ActivationName(act));
}

// ===========================================================================================================
// QUANTIZE and DEQUANTIZE

struct QuantizeCase {
  Shape shape;
  TensorType in_type = kFloat32, out_type = kInt8;
  float in_scale = 0, out_scale = 0.1f;  // in_scale unused for float input
  int32_t in_zp = 0, out_zp = 0;
  std::vector<float> floats;    // float input
  std::vector<int32_t> values;  // integer input
};

int32_t QMin(TensorType t) { return t == kUInt8 ? 0 : -128; }
int32_t QMax(TensorType t) { return t == kUInt8 ? 255 : 127; }

std::vector<uint8_t> IntegerBytes(const std::vector<int32_t> &values) {
  std::vector<uint8_t> bytes;
  for (int32_t v : values) bytes.push_back(static_cast<uint8_t>(v));  // int8 two's complement or uint8
  return bytes;
}

std::vector<uint8_t> BuildQuantizeModel(const QuantizeCase &c, BuiltinOperator op = kQuantize) {
  ModelBuilder b;
  const int in = c.in_type == kFloat32 ? b.Tensor(c.shape, kFloat32, {}, "input")
                                       : b.Tensor(c.shape, c.in_type, Quant(c.in_scale, c.in_zp), "input");
  const int out = c.out_type == kFloat32 ? b.Tensor(c.shape, kFloat32, {}, "output")
                                         : b.Tensor(c.shape, c.out_type, Quant(c.out_scale, c.out_zp), "output");
  if (op == kQuantize)
    b.Op(kQuantize, {in}, {out}, QuantizeOptions{});
  else
    b.Op(kDequantize, {in}, {out}, DequantizeOptions{});
  return b.Finish();
}

Case MakeQuantizeCase(const QuantizeCase &c) {
  Case k;
  std::ostringstream s;
  s << "QUANTIZE " << TypeName(c.in_type) << " -> " << TypeName(c.out_type) << " shape " << ShapeString(c.shape);
  if (c.in_type != kFloat32) s << ", input " << Q(c.in_scale, c.in_zp);
  s << ", output " << Q(c.out_scale, c.out_zp) << "\n  input = ";
  std::vector<int32_t> expected;
  if (c.in_type == kFloat32) {
    s << Values(c.floats);
    expected = tml_ref::QuantizeFloat(c.floats, c.out_scale, c.out_zp, QMin(c.out_type), QMax(c.out_type));
    k.inputs = Bytes(c.floats);
  } else {
    s << Values(c.values);
    expected =
        tml_ref::Requantize(c.values, c.in_scale, c.in_zp, c.out_scale, c.out_zp, QMin(c.out_type), QMax(c.out_type));
    k.inputs = IntegerBytes(c.values);
  }
  k.description = s.str();
  k.model = BuildQuantizeModel(c);
  k.expected = IntegerBytes(expected);
  k.element = c.out_type == kUInt8 ? Element::kUInt8 : Element::kInt8;
  return k;
}

int32_t ZeroPointFor(Random &r, TensorType t) { return t == kUInt8 ? r.ZeroPoint() + 128 : r.ZeroPoint(); }

// Floats around the representable range of (scale, zp): mostly inside, some a little outside.
QuantizeCase RandomFloatQuantizeCase(Random &r, TensorType out_type) {
  QuantizeCase c;
  c.shape = RandomShape(r, r.Int(1, 4), 8, 300);
  c.out_type = out_type;
  c.out_scale = r.Chance(0.2) ? r.Pick({1.0f / 256, 0.1f, 1.0f, 1.0f / 3}) : r.LogUniform(1e-5, 100.0);
  c.out_zp = ZeroPointFor(r, out_type);
  const int64_t n = tml_ref::NumElements(c.shape);
  const double center = -static_cast<double>(c.out_zp) + (QMin(out_type) + QMax(out_type)) / 2.0;
  for (int64_t i = 0; i < n; i++)
    c.floats.push_back(static_cast<float>((center + (r.Uniform() - 0.5) * 300) * c.out_scale));
  return c;
}

QuantizeCase RandomRequantizeCase(Random &r, TensorType in_type, TensorType out_type) {
  QuantizeCase c;
  c.in_type = in_type;
  c.out_type = out_type;
  c.shape = r.Pick<Shape>({Shape{256}, Shape{16, 16}, Shape{2, 8, 16}});
  for (int v = QMin(in_type); v <= QMax(in_type); v++) c.values.push_back(v);
  for (size_t i = c.values.size() - 1; i > 0; i--) std::swap(c.values[i], c.values[r.Int(0, static_cast<int>(i))]);
  c.in_scale = r.LogUniform(1e-4, 1.0);
  c.in_zp = ZeroPointFor(r, in_type);
  switch (r.Int(0, 4)) {
    case 0:  // same scale, zero points 128 apart: the int8 <-> uint8 flip
      c.out_scale = c.in_scale;
      c.out_zp = c.in_zp + (in_type == out_type ? r.Int(-3, 3) : in_type == kInt8 ? 128 : -128);
      c.out_zp = std::min(std::max(c.out_zp, QMin(out_type)), QMax(out_type));
      break;
    case 1:  // extreme ratios
      c.out_scale = c.in_scale * r.Pick({1e-4f, 1e-2f, 1e2f, 1e5f, 3e9f});
      c.out_zp = ZeroPointFor(r, out_type);
      break;
    default: c.out_scale = c.in_scale * r.LogUniform(1.0 / 16, 16.0); c.out_zp = ZeroPointFor(r, out_type);
  }
  return c;
}

TEST(Differential, QuantizeFloatToInt8MatchesReference) {
  RunCases(13001, 300, [](Random &r) { return MakeQuantizeCase(RandomFloatQuantizeCase(r, kInt8)); });
}

TEST(Differential, QuantizeFloatToUInt8MatchesReference) {
  RunCases(13002, 300, [](Random &r) { return MakeQuantizeCase(RandomFloatQuantizeCase(r, kUInt8)); });
}

// Values hundreds to 10^38 times the range, the largest float and infinities: all saturate.
TEST(Differential, QuantizeFloatSaturatesValuesFarOutOfRange) {
  const Summary s = RunCases(13003, 200, [](Random &r) {
    QuantizeCase c = RandomFloatQuantizeCase(r, r.Chance(0.5) ? kInt8 : kUInt8);
    for (auto &x : c.floats) {
      const float sign = r.Chance(0.5) ? 1.0f : -1.0f;
      switch (r.Int(0, 5)) {
        case 0: x = sign * c.out_scale * r.LogUniform(300, 1e6); break;
        case 1: x = sign * c.out_scale * r.LogUniform(1e9, 1e12); break;  // beyond int32 after dividing
        case 2: x = sign * r.LogUniform(1e20, 1e38); break;
        case 3: x = sign * std::numeric_limits<float>::max(); break;
        case 4: x = sign * std::numeric_limits<float>::infinity(); break;
        default: break;  // keep an in-range value
      }
    }
    Case k = MakeQuantizeCase(c);
    k.clamp_min = QMin(c.out_type);
    k.clamp_max = QMax(c.out_type);
    return k;
  });
  EXPECT_GT(s.hit_both, 150) << "cases saturating at both ends";
}

// Scales that are powers of two make x = (n + 1/2) * scale an exact tie: rounded away from zero.
TEST(Differential, QuantizeFloatRoundsHalfAwayFromZero) {
  RunCases(13004, 200, [](Random &r) {
    QuantizeCase c = RandomFloatQuantizeCase(r, r.Chance(0.7) ? kInt8 : kUInt8);
    c.out_scale = std::ldexp(1.0f, r.Int(-12, 4));
    for (auto &x : c.floats) {
      const float n = static_cast<float>(r.Int(-140, 140));
      x = (n + (r.Chance(0.8) ? 0.5f : 0.0f)) * c.out_scale;
    }
    return MakeQuantizeCase(c);
  });
}

// x / scale, not x * (1 / scale): values picked where the two round to different integers.
TEST(Differential, QuantizeFloatDividesByScale) {
  int distinguishing = 0;
  RunCases(13009, 200, [&distinguishing](Random &r) {
    QuantizeCase c = RandomFloatQuantizeCase(r, r.Chance(0.7) ? kInt8 : kUInt8);
    c.out_scale = r.LogUniform(1e-3, 10.0);
    for (auto &x : c.floats) {
      for (int attempt = 0; attempt < 2000; attempt++) {
        const float n = static_cast<float>(r.Int(-100, 100)) + 0.5f;
        // neighbours of the float nearest to (n + 1/2) * scale
        float candidate = n * c.out_scale;
        for (int step = r.Int(-3, 3); step != 0; step += step > 0 ? -1 : 1)
          candidate = std::nextafter(candidate, step > 0 ? 1e30f : -1e30f);
        x = candidate;
        if (std::round(candidate / c.out_scale) != std::round(candidate * (1.0f / c.out_scale))) break;
      }
      distinguishing += std::round(x / c.out_scale) != std::round(x * (1.0f / c.out_scale));
    }
    return MakeQuantizeCase(c);
  });
  EXPECT_GT(distinguishing, 1000) << "values where division and multiplication by the reciprocal round differently";
}

TEST(Differential, QuantizeInt8ToInt8Requantizes) {
  RunCases(13005, 300, [](Random &r) { return MakeQuantizeCase(RandomRequantizeCase(r, kInt8, kInt8)); });
}

TEST(Differential, QuantizeInt8ToUInt8Requantizes) {
  RunCases(13006, 300, [](Random &r) { return MakeQuantizeCase(RandomRequantizeCase(r, kInt8, kUInt8)); });
}

TEST(Differential, QuantizeUInt8ToInt8Requantizes) {
  RunCases(13007, 300, [](Random &r) { return MakeQuantizeCase(RandomRequantizeCase(r, kUInt8, kInt8)); });
}

TEST(Differential, QuantizeUInt8ToUInt8Requantizes) {
  RunCases(13008, 300, [](Random &r) { return MakeQuantizeCase(RandomRequantizeCase(r, kUInt8, kUInt8)); });
}

Case MakeDequantizeCase(Random &r, TensorType in_type) {
  QuantizeCase c;
  c.in_type = in_type;
  c.out_type = kFloat32;
  c.shape = r.Pick<Shape>({Shape{256}, Shape{4, 64}, Shape{1, 2, 8, 16}});
  for (int v = QMin(in_type); v <= QMax(in_type); v++) c.values.push_back(v);
  for (size_t i = c.values.size() - 1; i > 0; i--) std::swap(c.values[i], c.values[r.Int(0, static_cast<int>(i))]);
  c.in_scale = r.Chance(0.2) ? r.Pick({1.0f / 256, 0.1f, 1.0f / 3, 1e-30f, 1e30f}) : r.LogUniform(1e-8, 1e3);
  c.in_zp = ZeroPointFor(r, in_type);
  Case k;
  k.description = std::string("DEQUANTIZE ") + TypeName(in_type) + " -> FLOAT32 shape " + ShapeString(c.shape) +
                  ", input " + Q(c.in_scale, c.in_zp) + "\n  input = " + Values(c.values);
  k.model = BuildQuantizeModel(c, kDequantize);
  k.inputs = IntegerBytes(c.values);
  k.expected = Bytes(tml_ref::Dequantize(c.values, c.in_scale, c.in_zp));
  k.element = Element::kFloat32;
  return k;
}

TEST(Differential, DequantizeInt8ToFloat) {
  RunCases(14001, 300, [](Random &r) { return MakeDequantizeCase(r, kInt8); });
}

TEST(Differential, DequantizeUInt8ToFloat) {
  RunCases(14002, 300, [](Random &r) { return MakeDequantizeCase(r, kUInt8); });
}

// ===========================================================================================================
// RESHAPE and SQUEEZE (data copies)

// A random shape with the same element count as `n` (a random factorisation).
Shape RandomShapeOfSize(Random &r, int64_t n, int max_rank) {
  Shape s;
  const int rank = r.Int(1, max_rank);
  for (int i = 0; i + 1 < rank; i++) {
    std::vector<int32_t> divisors;
    for (int32_t d = 1; d <= n; d++)
      if (n % d == 0) divisors.push_back(d);
    const int32_t d = divisors[r.Int(0, static_cast<int>(divisors.size()) - 1)];
    s.push_back(d);
    n /= d;
  }
  s.push_back(static_cast<int32_t>(n));
  for (size_t i = s.size() - 1; i > 0; i--) std::swap(s[i], s[r.Int(0, static_cast<int>(i))]);
  return s;
}

struct ReshapeCase {
  Shape in, out;
  enum Form { kOption, kShapeTensor, kShapeTensorAndOption, kNoShape } form = kOption;
  float scale = 0.1f;
  int32_t zp = 0;
  std::vector<int8_t> input;
};

std::vector<uint8_t> BuildReshapeModel(const ReshapeCase &c, int32_t out_zp_delta = 0) {
  ModelBuilder b;
  const int in = b.Tensor(c.in, kInt8, Quant(c.scale, c.zp), "input");
  const int out = b.Tensor(c.out, kInt8, Quant(c.scale, c.zp + out_zp_delta), "output");
  std::vector<int32_t> inputs = {in};
  if (c.form == ReshapeCase::kShapeTensor || c.form == ReshapeCase::kShapeTensorAndOption)
    inputs.push_back(b.ConstantOf({static_cast<int32_t>(c.out.size())}, kInt32, c.out, {}, "shape"));
  b.Op(kReshape, inputs, {out},
       c.form == ReshapeCase::kOption || c.form == ReshapeCase::kShapeTensorAndOption ? ReshapeOptions{c.out}
                                                                                      : ReshapeOptions{});
  return b.Finish();
}

TEST(Differential, ReshapeCopiesData) {
  RunCases(15001, 300, [](Random &r) {
    ReshapeCase c;
    c.in = RandomShape(r, r.Int(1, 6), 6, 500);
    c.out = RandomShapeOfSize(r, tml_ref::NumElements(c.in), 6);
    c.form = static_cast<ReshapeCase::Form>(r.Int(0, 3));
    c.scale = r.LogUniform(1e-3, 1.0);
    c.zp = r.ZeroPoint();
    c.input = r.Uniform8(static_cast<size_t>(tml_ref::NumElements(c.in)));
    Case k;
    k.description = "RESHAPE " + ShapeString(c.in) + " -> " + ShapeString(c.out) + " " + Q(c.scale, c.zp) + ", form " +
                    std::to_string(c.form) +
                    " (0 option, 1 shape tensor, 2 both, 3 neither)\n  input = " + Values(c.input);
    k.model = BuildReshapeModel(c);
    k.inputs = Bytes(c.input);
    k.expected = k.inputs;
    return k;
  });
}

// Same category as PAD/CONCATENATION/pooling with differing quantization: a valid model (TFLM copies the
// bytes) that the engine does not run, so TML_ERROR_UNSUPPORTED.
TEST(Differential, ReshapeRejectsDifferentInputAndOutputQuantization) {
  ReshapeCase c;
  c.in = {2, 3, 4};
  c.out = {6, 4};
  ExpectRejected(BuildReshapeModel(c, 1), BuildReshapeModel(c), TML_ERROR_UNSUPPORTED, "RESHAPE",
                 "output zero point one more than the input's");
}

struct SqueezeCase {
  Shape in, out;
  std::vector<int32_t> dims;  // empty: every size-1 dimension
  float scale = 0.1f;
  int32_t zp = 0;
  std::vector<int8_t> input;
};

std::vector<uint8_t> BuildSqueezeModel(const SqueezeCase &c, int32_t out_zp_delta = 0) {
  ModelBuilder b;
  const int in = b.Tensor(c.in, kInt8, Quant(c.scale, c.zp), "input");
  const int out = b.Tensor(c.out, kInt8, Quant(c.scale, c.zp + out_zp_delta), "output");
  b.Op(kSqueeze, {in}, {out}, SqueezeOptions{c.dims});
  return b.Finish();
}

TEST(Differential, SqueezeCopiesData) {
  RunCases(15002, 300, [](Random &r) {
    SqueezeCase c;
    const int rank = r.Int(1, 6);
    for (int i = 0; i < rank; i++) c.in.push_back(r.Chance(0.5) ? 1 : r.Int(2, 5));
    const bool all = r.Chance(0.4);
    for (int i = 0; i < rank; i++) {
      const bool squeezed = c.in[i] == 1 && (all || r.Chance(0.6));
      if (squeezed && !all) c.dims.push_back(r.Chance(0.3) ? i - rank : i);
      if (!squeezed) c.out.push_back(c.in[i]);
    }
    c.scale = r.LogUniform(1e-3, 1.0);
    c.zp = r.ZeroPoint();
    c.input = r.Uniform8(static_cast<size_t>(tml_ref::NumElements(c.in)));
    Case k;
    k.description = "SQUEEZE " + ShapeString(c.in) + " -> " + ShapeString(c.out) + ", squeeze_dims " + Values(c.dims) +
                    " " + Q(c.scale, c.zp) + "\n  input = " + Values(c.input);
    k.model = BuildSqueezeModel(c);
    k.inputs = Bytes(c.input);
    k.expected = k.inputs;
    return k;
  });
}

TEST(Differential, SqueezeRejectsDifferentInputAndOutputQuantization) {
  SqueezeCase c;
  c.in = {1, 3, 1, 4};
  c.out = {3, 4};
  ExpectRejected(BuildSqueezeModel(c, -1), BuildSqueezeModel(c), TML_ERROR_UNSUPPORTED, "SQUEEZE",
                 "output zero point one less than the input's");
}

// ===========================================================================================================
// The reference itself, against the worked values of the specification and against plain float math
// (so that a misreading shared by the reference and the engine would still show up).

TEST(DifferentialReference, QuantizeMultiplierMatchesSpecificationTable) {
  struct Row {
    double real;
    int32_t m;
    int shift;
  };
  const Row rows[] = {{1.0, 1073741824, 1},
                      {0.5, 1073741824, 0},
                      {0.75, 1610612736, 0},
                      {3.0, 1610612736, 2},
                      {std::exp2(-32), 1073741824, -31},
                      {std::exp2(-33), 0, 0},
                      {1 - std::exp2(-40), 1073741824, 1},
                      {0.0123456789, 1696777188, -6},
                      {1e-10, 0, 0}};
  for (const Row &row : rows) {
    const tml_ref::Multiplier q = tml_ref::QuantizeMultiplier(row.real);
    EXPECT_EQ(q.multiplier, row.m) << row.real;
    EXPECT_EQ(q.shift, row.shift) << row.real;
  }
}

TEST(DifferentialReference, RoundingPrimitivesMatchSpecificationExamples) {
  using tml_ref::RoundingDivideByPOT;
  using tml_ref::SaturatingRoundingDoublingHighMul;
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(1 << 15, 1 << 15), 1);          // +0.5 -> 1
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-(1 << 15), 1 << 15), 0);       // -0.5 -> 0
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-3 * (1 << 15), 1 << 15), -1);  // -1.5 -> -1
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN), INT32_MAX);
  EXPECT_EQ(RoundingDivideByPOT(-1, 1), -1);
  EXPECT_EQ(RoundingDivideByPOT(-3, 1), -2);
  EXPECT_EQ(RoundingDivideByPOT(3, 1), 2);
  EXPECT_EQ(RoundingDivideByPOT(12345, 0), 12345);
  EXPECT_EQ(RoundingDivideByPOT(INT32_MAX, 31), 1);
  // Double rounding differs from single rounding here: -2469, not -2468.
  EXPECT_EQ(tml_ref::MultiplyByQuantizedMultiplier(-199948, 1696777188, -6), -2469);
}

TEST(DifferentialReference, FixedPointFunctionsMatchSpecificationValues) {
  EXPECT_EQ(tml_ref::ExpOnNegativeValues(0, 5), INT32_MAX);
  EXPECT_EQ(tml_ref::ExpOnNegativeValues(-(1 << 26), 5), 790015308);  // exp(-1), ideal 790015084
  EXPECT_EQ(tml_ref::OneOverOnePlusXForXIn01(1 << 30), 1431655762);   // 1/1.5, ideal 1431655765
  // Every exp(-x) in Q5.26 over [-31, 0] within 2^-20 of the true value.
  for (int32_t a = 0; a >= -(31 << 26); a -= 1 << 16) {
    const double x = a / 67108864.0;
    ASSERT_NEAR(tml_ref::ExpOnNegativeValues(a, 5) / 2147483648.0, std::exp(x), 1e-6) << x;
  }
}

TEST(DifferentialReference, AddMatchesSpecificationVector) {
  const Tensor8 a{{1}, {100}, 0.02f, 0}, b{{1}, {-50}, 0.01f, 0};
  EXPECT_EQ(tml_ref::Add(a, b, {0.03f, 0}, kActNone).data, std::vector<int8_t>{50});
}

TEST(DifferentialReference, SoftmaxMatchesSpecificationExample) {
  const Tensor8 in{{1, 5}, {10, 20, 30, 40, 50}, 0.1f, 0};
  EXPECT_EQ(tml_ref::Softmax(in, 1.0f).data, (std::vector<int8_t>{-125, -120, -106, -68, 35}));
}

TEST(DifferentialReference, LogisticAndTanhMatchSpecificationValues) {
  const Tensor8 in{{5}, {0, 32, -32, 127, -128}, 0.1f, 0};
  EXPECT_EQ(tml_ref::Logistic(in).data, (std::vector<int8_t>{0, 118, -118, 127, -128}));
  EXPECT_EQ(tml_ref::Tanh(in).data, (std::vector<int8_t>{0, 127, -128, 127, -128}));
}

// Float math rounded to the output grid: the reference must be within one step of it.
TEST(DifferentialReference, KernelsAgreeWithFloatArithmeticWithinOneStep) {
  Random r(99);
  auto expect_close = [](const std::vector<int8_t> &got, const std::vector<double> &real, float scale, int32_t zp,
                         const std::string &what) {
    ASSERT_EQ(got.size(), real.size()) << what;
    for (size_t i = 0; i < got.size(); i++) {
      const double ideal = std::min(127.0, std::max(-128.0, real[i] / scale + zp));
      ASSERT_NEAR(got[i], ideal, 1.0) << what << " element " << i;
    }
  };
  for (int n = 0; n < 50; n++) {
    ConvCase c = RandomConvCase(r, n % 2 == 1);
    c.params.activation = kActNone;
    FinalizeConv(c, r);
    const Tensor8 in{c.InputShape(), c.input, c.in_scale, c.in_zp};
    const tml_ref::Weights w{c.FilterShape(), c.filter, c.filter_scales};
    const auto *bias = c.bias_form == ConvCase::kBias ? &c.bias : nullptr;
    const Tensor8 ref = c.depthwise ? tml_ref::DepthwiseConv2D(in, w, bias, {c.out_scale, c.out_zp}, c.params)
                                    : tml_ref::Conv2D(in, w, bias, {c.out_scale, c.out_zp}, c.params);
    // Direct float convolution with explicit zero padding.
    const int oh = ref.shape[1], ow = ref.shape[2], co = ref.shape[3];
    const int pad_h = tml_ref::ConvPadding(c.height, c.kh, c.params.stride_h, c.params.dilation_h, oh);
    const int pad_w = tml_ref::ConvPadding(c.width, c.kw, c.params.stride_w, c.params.dilation_w, ow);
    std::vector<double> real;
    for (int b = 0; b < c.batches; b++)
      for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
          for (int o = 0; o < co; o++) {
            const int dm = c.params.depth_multiplier;
            const double fs = c.filter_scales.size() > 1 ? c.filter_scales[o] : c.filter_scales[0];
            double sum = c.bias_form == ConvCase::kBias ? c.bias[o] * static_cast<double>(c.in_scale) * fs : 0.0;
            for (int ky = 0; ky < c.kh; ky++)
              for (int kx = 0; kx < c.kw; kx++) {
                const int iy = y * c.params.stride_h - pad_h + ky * c.params.dilation_h;
                const int ix = x * c.params.stride_w - pad_w + kx * c.params.dilation_w;
                if (iy < 0 || iy >= c.height || ix < 0 || ix >= c.width) continue;
                for (int i = 0; i < (c.depthwise ? 1 : c.in_channels); i++) {
                  const int ic = c.depthwise ? o / dm : i;
                  const double v = static_cast<double>(c.in_scale) *
                                   (c.input[((b * c.height + iy) * c.width + ix) * c.in_channels + ic] - c.in_zp);
                  const int widx =
                      c.depthwise ? (ky * c.kw + kx) * co + o : ((o * c.kh + ky) * c.kw + kx) * c.in_channels + i;
                  sum += v * fs * c.filter[widx];
                }
              }
            real.push_back(sum);
          }
    expect_close(ref.data, real, c.out_scale, c.out_zp, Describe(c, ref.shape));
  }
  for (int n = 0; n < 50; n++) {
    ElementwiseCase c = RandomElementwiseCase(r, n % 2 == 1);
    c.activation = kActNone;
    FinalizeElementwise(c, r);
    const Tensor8 ref = ElementwiseReference(c);
    std::vector<double> real(ref.data.size());
    // Broadcasting by hand: right-aligned, size-1 dims repeat.
    const Shape out = ref.shape;
    for (size_t i = 0; i < real.size(); i++) {
      size_t rest = i;
      std::vector<int> index(out.size());
      for (int d = static_cast<int>(out.size()) - 1; d >= 0; d--) {
        index[d] = static_cast<int>(rest % out[d]);
        rest /= out[d];
      }
      auto at = [&](const Shape &shape, const std::vector<int8_t> &data) {
        size_t flat = 0;
        const size_t skip = out.size() - shape.size();
        for (size_t d = 0; d < shape.size(); d++) flat = flat * shape[d] + (shape[d] == 1 ? 0 : index[d + skip]);
        return static_cast<int>(data[flat]);
      };
      const double va = c.sa * static_cast<double>(at(c.a, c.da) - c.za);
      const double vb = c.sb * static_cast<double>(at(c.b, c.db) - c.zb);
      real[i] = c.mul ? va * vb : va + vb;
    }
    expect_close(ref.data, real, c.so, c.zo, MakeElementwiseCase(c).description);
  }
}

// Multipliers far above 1 (shift up to +27): the accumulator is shifted left as an int32 before the
// high multiply, wrapping modulo 2^32 as the reference kernels do on real targets.
TEST(Differential, LargeMultiplierPreShiftWrapsLikeInt32) {
  RunFcCases(3040, 100, [](FcCase &c, Random &r) {
    c.in_scale = 1.0f;
    c.w_scale = 1.0f;
    c.out_scale = static_cast<float>(1.0 / r.LogUniform(2, 1e8));
    c.allow_tiny_output_scale = true;
  });
  RunConvCases(1040, 100, false, [](ConvCase &c, Random &r) {
    c.in_scale = 1.0f;
    c.w_scale = 1.0f;
    c.out_scale = static_cast<float>(1.0 / r.LogUniform(2, 1e8));
    c.allow_tiny_output_scale = true;
  });
}

}  // namespace
