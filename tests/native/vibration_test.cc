// Vibration features (vibration.h): analytic signals with known answers, agreement of the float and fixed-point
// arithmetic with a double-precision reference, the int8 output, and config validation.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "tinyml/vibration.h"
#include "vibration_support.h"

extern "C" {
#include "vibration/vibration_internal.h"
}

namespace {

using tml_test::Counts;
using tml_test::ReferenceFeatures;
using tml_test::Sine;
using tml_test::VibrationConfig;
using tml_test::VibrationFeatures;

constexpr bool kFloat = false, kFixed = true;
const double kPi = std::acos(-1.0);

double RelativeError(double value, double reference) {
  return std::fabs(value - reference) / std::max(std::fabs(reference), 1e-30);
}

// ---- accuracy of both arithmetics against the double reference ----

// Band energies: relative error (|Δ ln E|) of the bands within 60 dB of the axis's energy, and the error of every
// band relative to the axis's energy (rms²), which is what a far weaker band's error amounts to.
struct KindErrors {
  double rms = 0, peak = 0, crest = 0, kurtosis = 0, band = 0, band_of_total = 0;
  void Add(const std::vector<float> &f, const std::vector<double> &r, uint32_t per_axis) {
    for (size_t i = 0; i < f.size(); i++) {
      const uint32_t j = i % per_axis;
      const double total = std::pow(r[i - j + TML_VIB_RMS], 2);
      if (j >= TML_VIB_BAND0) {
        if (std::exp(r[i]) >= 1e-6 * total) band = std::max(band, std::fabs(f[i] - r[i]));
        band_of_total = std::max(band_of_total, std::fabs(std::exp(double(f[i])) - std::exp(r[i])) / total);
      } else {
        double &kind = j == TML_VIB_RMS ? rms : j == TML_VIB_PEAK ? peak : j == TML_VIB_CREST ? crest : kurtosis;
        kind = std::max(kind, RelativeError(f[i], r[i]));
      }
    }
  }
};

// Noise of random level and offset, a few sines, sometimes impulses: what an IMU window may hold.
std::vector<int16_t> RandomWindow(std::mt19937 &rng, uint32_t n, uint32_t axes) {
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> gauss;
  std::vector<std::vector<double>> signal(axes, std::vector<double>(n));
  for (auto &axis : signal) {
    const double level = std::pow(10.0, -3 + 3 * u(rng)), offset = 4 * (u(rng) - 0.5); // g
    for (auto &v : axis) v = offset + level * gauss(rng);
    for (int s = 0; s < 3; s++) {
      const auto tone = Sine(n, 1.0, u(rng) * 0.5, level * 4 * u(rng), 2 * kPi * u(rng));
      for (uint32_t i = 0; i < n; i++) axis[i] += tone[i];
    }
    if (u(rng) < 0.3)
      for (uint32_t i = static_cast<uint32_t>(u(rng) * 50); i < n; i += 50 + static_cast<uint32_t>(u(rng) * 50)) axis[i] += 10 * level;
  }
  return Counts(signal, 16.0);
}

TEST(VibrationAccuracy, BothArithmeticsMatchTheDoubleReference) {
  std::mt19937 rng(7);
  KindErrors fl, fx;
  for (uint32_t n : {64u, 256u, 1024u, 4096u}) {
    const int windows = n == 4096 ? 3 : 12;
    tml_vibration_config c = VibrationConfig(n, 3, 1000.0f * n / 64, 16.0f, 16);
    for (int w = 0; w < windows; w++) {
      auto samples = RandomWindow(rng, n, 3);
      auto ref = ReferenceFeatures(c, samples);
      fl.Add(VibrationFeatures(c, samples, kFloat), ref, 4 + c.band_count);
      fx.Add(VibrationFeatures(c, samples, kFixed), ref, 4 + c.band_count);
    }
  }
  std::printf("max relative error vs double  rms       peak      crest     kurtosis  band(60dB) band/total\n");
  for (const auto &[name, e] : {std::pair{"float", &fl}, std::pair{"fixed", &fx}})
    std::printf("%-29s %9.2e %9.2e %9.2e %9.2e %9.2e  %9.2e\n", name, e->rms, e->peak, e->crest, e->kurtosis, e->band,
                e->band_of_total);
  for (const KindErrors *e : {&fl, &fx}) {
    EXPECT_LT(e->rms, 1e-4);
    EXPECT_LT(e->peak, 1e-4);
    EXPECT_LT(e->crest, 1e-4);
    EXPECT_LT(e->kurtosis, 1e-4);
    EXPECT_LT(e->band, 1e-3);
    EXPECT_LT(e->band_of_total, 1e-6);
  }
}

// ---- analytic signals, each in both arithmetics ----

class VibrationBoth : public ::testing::TestWithParam<bool> {
 protected:
  std::vector<float> Features(const tml_vibration_config &c, const std::vector<int16_t> &samples,
                              std::vector<int8_t> *quantized = nullptr) {
    auto f = VibrationFeatures(c, samples, GetParam(), quantized);
    EXPECT_EQ(f.size(), c.axes * (TML_VIB_TIME_FEATURES + c.band_count));
    return f;
  }
};

INSTANTIATE_TEST_SUITE_P(Arithmetic, VibrationBoth, ::testing::Values(kFloat, kFixed),
                         [](const auto &info) { return std::string(info.param ? "Fixed" : "Float"); });

// 6 g at 16 g full scale: quantization moves RMS and peak by about 1e-5 (half a count in 12,288).
TEST_P(VibrationBoth, SineHasKnownRmsPeakCrestAndKurtosis) {
  const uint32_t n = 1024;
  const double a = 6.0, fs = 1024.0;
  auto c = VibrationConfig(n, 1, fs, 16.0f, 8);
  auto f = Features(c, Counts({Sine(n, fs, 32.0, a)}, 16.0)); // 32 cycles: every quarter period falls on a sample
  EXPECT_NEAR(f[TML_VIB_RMS], a / std::sqrt(2.0), 1e-4 * a);
  EXPECT_NEAR(f[TML_VIB_PEAK], a, 1e-4 * a);
  EXPECT_NEAR(f[TML_VIB_CREST], std::sqrt(2.0), 1e-4);
  EXPECT_NEAR(f[TML_VIB_KURTOSIS], 1.5, 1e-4);
}

// Equal bands of 64 Hz; the sine at 100 Hz (bin 100, 1 Hz bins) has its whole Hann main lobe (bins 99..101) in
// band 1: that band carries A²/2; the others hold only the int16 quantization noise (2e-8 g² over all bands at
// ±16 g), more than 85 dB below.
TEST_P(VibrationBoth, SineEnergyLandsInItsBand) {
  const uint32_t n = 1024;
  const double a = 2.0, fs = 1024.0;
  auto c = VibrationConfig(n, 1, fs, 16.0f, 8);
  auto f = Features(c, Counts({Sine(n, fs, 100.0, a, 0.3)}, 16.0));
  EXPECT_NEAR(std::exp(f[TML_VIB_BAND0 + 1]), a * a / 2, 1e-3 * a * a / 2);
  for (uint32_t b = 0; b < 8; b++) {
    if (b != 1) {
      EXPECT_LT(std::exp(f[TML_VIB_BAND0 + b]), 1e-8) << "band " << b;
    }
  }
}

// Bands that tile 0 Hz..Nyquist add up to the signal's mean square (Parseval, corrected for the window's power):
// sines between bins, far from DC, Nyquist and each other, give Σ A²/2.
TEST_P(VibrationBoth, BandsTilingTheSpectrumSumToTheMeanSquare) {
  const uint32_t n = 2048;
  const double fs = 6664.0;
  std::vector<double> x = Sine(n, fs, 433.7, 1.5, 1.0), y = Sine(n, fs, 1201.3, 0.7, 2.0), z = Sine(n, fs, 2950.9, 0.2);
  for (uint32_t i = 0; i < n; i++) x[i] += y[i] + z[i];
  auto f = Features(VibrationConfig(n, 1, fs, 16.0f, 16), Counts({x}, 16.0));
  double total = 0;
  for (uint32_t b = 0; b < 16; b++) total += std::exp(f[TML_VIB_BAND0 + b]);
  const double expected = (1.5 * 1.5 + 0.7 * 0.7 + 0.2 * 0.2) / 2;
  EXPECT_NEAR(total, expected, 1e-3 * expected);
  EXPECT_NEAR(std::exp(f[TML_VIB_BAND0 + 14]), 0.2 * 0.2 / 2, 1e-3 * 0.02); // 2950.9 Hz: band 14 of 208.25 Hz each
}

// A bin-centred sine on a band edge: Hann puts 2/3 of its energy in the centre bin and 1/6 in each neighbour, so
// the band starting at the edge (which holds the edge's bin) gets 5/6 and the one below 1/6.
TEST_P(VibrationBoth, BandEdgeBinBelongsToTheUpperBand) {
  const uint32_t n = 1024;
  const double a = 4.0, fs = 1024.0;
  tml_vibration_config c = VibrationConfig(n, 1, fs, 16.0f, 2);
  c.band_edges_hz[0] = 100, c.band_edges_hz[1] = 200, c.band_edges_hz[2] = 300;
  auto f = Features(c, Counts({Sine(n, fs, 200.0, a)}, 16.0));
  EXPECT_NEAR(std::exp(f[TML_VIB_BAND0]), a * a / 2 / 6, 1e-3 * a * a);
  EXPECT_NEAR(std::exp(f[TML_VIB_BAND0 + 1]), a * a / 2 * 5 / 6, 1e-3 * a * a);
}

// The last band holds the Nyquist bin when its upper edge is Nyquist: a signal alternating +A, −A is all there.
TEST_P(VibrationBoth, LastBandEndingAtNyquistHoldsTheNyquistBin) {
  const uint32_t n = 256;
  std::vector<double> x(n);
  for (uint32_t i = 0; i < n; i++) x[i] = i % 2 ? -1.0 : 1.0;
  auto c = VibrationConfig(n, 1, 1000.0f, 16.0f, 4);
  auto f = Features(c, Counts({x}, 16.0));
  EXPECT_NEAR(std::exp(f[TML_VIB_BAND0 + 3]), 1.0, 1e-4); // A² (a sine at Nyquist sampled at its peaks)
  EXPECT_NEAR(f[TML_VIB_KURTOSIS], 1.0, 1e-6);
}

// One impulse every p samples: with q = 1/p, kurtosis = (1 − 3q + 3q²) / (q(1 − q)) and crest = sqrt((1 − q)/q).
TEST_P(VibrationBoth, ImpulseTrainHasHighCrestAndKurtosis) {
  const uint32_t n = 4096, period = 64;
  std::vector<double> x(n, 0.0);
  for (uint32_t i = 5; i < n; i += period) x[i] = 3.0;
  auto f = Features(VibrationConfig(n, 1, 6664.0f, 16.0f, 4), Counts({x}, 16.0));
  const double q = 1.0 / period;
  EXPECT_NEAR(f[TML_VIB_KURTOSIS], (1 - 3 * q + 3 * q * q) / (q * (1 - q)), 1e-4 * 62);
  EXPECT_NEAR(f[TML_VIB_CREST], std::sqrt((1 - q) / q), 1e-4 * 8);
  EXPECT_NEAR(f[TML_VIB_PEAK], 3.0 * (1 - q), 1e-3);
}

// Gaussian noise: kurtosis 3 with a standard error of sqrt(24/N) ≈ 0.077 at N = 4096 (tolerance ±0.4, five of
// them); equal bands get equal energy, σ²/B, each to within 15% when averaged over 8 windows (expected spread ≈ 3%).
TEST_P(VibrationBoth, WhiteNoiseHasKurtosisThreeAndFlatBands) {
  const uint32_t n = 4096, bands = 8, windows = 8;
  const double sigma = 0.5;
  std::mt19937 rng(11);
  std::normal_distribution<double> gauss(0.0, sigma);
  auto c = VibrationConfig(n, 1, 6664.0f, 16.0f, bands);
  std::vector<double> energy(bands, 0.0);
  for (uint32_t w = 0; w < windows; w++) {
    std::vector<double> x(n);
    for (auto &v : x) v = gauss(rng);
    auto f = Features(c, Counts({x}, 16.0));
    EXPECT_NEAR(f[TML_VIB_KURTOSIS], 3.0, 0.4);
    EXPECT_NEAR(f[TML_VIB_RMS], sigma, 0.05 * sigma);
    for (uint32_t b = 0; b < bands; b++) energy[b] += std::exp(f[TML_VIB_BAND0 + b]) / windows;
  }
  for (uint32_t b = 0; b < bands; b++) EXPECT_NEAR(energy[b], sigma * sigma / bands, 0.15 * sigma * sigma / bands) << "band " << b;
}

// A constant offset (gravity, sensor bias) changes nothing: every feature is computed about the window's mean.
TEST_P(VibrationBoth, DcOffsetIsRemoved) {
  const uint32_t n = 512;
  auto c = VibrationConfig(n, 1, 1000.0f, 16.0f, 8);
  auto x = Sine(n, 1000.0, 87.0, 0.8, 0.5);
  auto shifted = x;
  for (auto &v : shifted) v += 1.0; // exactly 2048 counts
  auto f = Features(c, Counts({x}, 16.0)), g = Features(c, Counts({shifted}, 16.0));
  for (size_t i = 0; i < f.size(); i++) EXPECT_NEAR(f[i], g[i], 1e-5 * std::max(1.0f, std::fabs(f[i]))) << "feature " << i;
}

// A window of equal samples has no variance: rms, peak, crest and kurtosis 0, every band at the floor.
TEST_P(VibrationBoth, ConstantWindowHasZeroVarianceFeatures) {
  auto c = VibrationConfig(256, 1, 1000.0f, 16.0f, 4);
  auto f = Features(c, std::vector<int16_t>(256, 1234));
  for (uint32_t j = 0; j < TML_VIB_BAND0; j++) EXPECT_EQ(f[j], 0.0f);
  for (uint32_t b = 0; b < 4; b++) EXPECT_FLOAT_EQ(f[TML_VIB_BAND0 + b], std::log(1e-12f));
}

// Interleaved axes land in their own blocks: x a sine, y silent, z noise.
TEST_P(VibrationBoth, AxesAreDeinterleaved) {
  const uint32_t n = 1024;
  std::mt19937 rng(5);
  std::normal_distribution<double> gauss(0.0, 0.1);
  std::vector<double> z(n);
  for (auto &v : z) v = gauss(rng);
  auto c = VibrationConfig(n, 3, 1024.0f, 16.0f, 4);
  auto samples = Counts({Sine(n, 1024.0, 32.0, 2.0), std::vector<double>(n, 0.25), z}, 16.0);
  auto f = Features(c, samples);
  const uint32_t per_axis = 8;
  EXPECT_NEAR(f[TML_VIB_KURTOSIS], 1.5, 1e-3);
  EXPECT_EQ(f[per_axis + TML_VIB_RMS], 0.0f);
  EXPECT_NEAR(f[2 * per_axis + TML_VIB_KURTOSIS], 3.0, 0.5);
  EXPECT_NEAR(f[2 * per_axis + TML_VIB_RMS], 0.1, 0.01);
  for (uint32_t a = 0; a < 3; a++) {
    std::vector<double> one(n);
    for (uint32_t i = 0; i < n; i++) one[i] = samples[i * 3 + a] * 16.0 / 32768.0;
    auto single = Features(VibrationConfig(n, 1, 1024.0f, 16.0f, 4), Counts({one}, 16.0));
    for (uint32_t j = 0; j < per_axis; j++) EXPECT_EQ(f[a * per_axis + j], single[j]) << "axis " << a << " feature " << j;
  }
}

// int8 output: q = zp + round((f − offset) / scale / input_scale), half away from zero. A constant window makes
// every time-domain feature exactly 0, so the halves are exact.
TEST_P(VibrationBoth, Int8OutputRoundsHalfAwayFromZero) {
  auto c = VibrationConfig(256, 1, 1000.0f, 16.0f, 1);
  c.input_scale = 0.5f, c.input_zero_point = -10;
  c.feature_offset[TML_VIB_RMS] = 1.25f;     // −2.5 → −3
  c.feature_offset[TML_VIB_PEAK] = -1.25f;   // +2.5 → +3
  c.feature_offset[TML_VIB_CREST] = -0.75f;  // +1.5 → +2
  c.feature_offset[TML_VIB_KURTOSIS] = 0.2f; // −0.4 → 0
  c.feature_offset[TML_VIB_BAND0] = std::log(1e-12f), c.feature_scale[TML_VIB_BAND0] = -4.0f; // 0 → 0
  std::vector<int8_t> q;
  Features(c, std::vector<int16_t>(256, -77), &q);
  EXPECT_EQ(q, (std::vector<int8_t>{-13, -7, -8, -10, -10}));
}

TEST_P(VibrationBoth, Int8OutputNormalizesAndSaturates) {
  const uint32_t n = 256;
  auto c = VibrationConfig(n, 1, 1000.0f, 16.0f, 2);
  c.input_scale = 0.5f, c.input_zero_point = -10;
  c.feature_scale[TML_VIB_RMS] = 0.01f;                                               // rms 0.707 → +141 → 127
  c.feature_scale[TML_VIB_PEAK] = -0.01f;                                             // peak 1 → −200 → −128
  c.feature_offset[TML_VIB_CREST] = 1.0f;                                             // crest √2 → 0.83 → −9
  c.feature_offset[TML_VIB_KURTOSIS] = 1.5f;                                          // kurtosis 1.5 → 0 → −10
  c.feature_offset[TML_VIB_BAND0] = -1.0f, c.feature_scale[TML_VIB_BAND0] = 2.0f;      // ln(0.5) → 0.15 → −10
  c.feature_scale[TML_VIB_BAND0 + 1] = 100.0f;                                        // ≈ −19 → −0.4 → −10
  std::vector<int8_t> q;
  auto f = Features(c, Counts({Sine(n, 1000.0, 125.0, 1.0)}, 16.0), &q); // 125 Hz = n/8 cycles, band 0 (0..250 Hz)
  ASSERT_EQ(q.size(), 6u);
  for (size_t i = 0; i < q.size(); i++) {
    const double expect = std::round((f[i] - c.feature_offset[i]) / c.feature_scale[i] / c.input_scale) + c.input_zero_point;
    EXPECT_EQ(q[i], static_cast<int8_t>(std::min(127.0, std::max(-128.0, expect)))) << "feature " << i;
  }
  EXPECT_EQ(q[TML_VIB_RMS], 127);
  EXPECT_EQ(q[TML_VIB_PEAK], -128);
  EXPECT_EQ(q[TML_VIB_CREST], -9);
  EXPECT_EQ(q[TML_VIB_KURTOSIS], -10);
}

// ---- the two arithmetics against each other, and the default ----

TEST(Vibration, FixedAndFloatAgree) {
  std::mt19937 rng(21);
  for (uint32_t n : {64u, 512u, 4096u}) {
    auto c = VibrationConfig(n, 3, 6664.0f, 16.0f, 12);
    for (int w = 0; w < 4; w++) {
      auto samples = RandomWindow(rng, n, 3);
      auto a = VibrationFeatures(c, samples, kFloat), b = VibrationFeatures(c, samples, kFixed);
      ASSERT_EQ(a.size(), b.size());
      for (size_t i = 0; i < a.size(); i++) {
        const bool band = i % (4 + c.band_count) >= TML_VIB_BAND0;
        // bands: ln units (relative energy) for bands above −80 dB of the window's total, absolute below
        EXPECT_NEAR(a[i], b[i], band ? 2e-3 : 1e-5 * std::fabs(a[i])) << "N " << n << " feature " << i;
      }
    }
  }
}

TEST(Vibration, DefaultArithmeticFollowsTheTarget) {
  std::mt19937 rng(2);
  auto c = VibrationConfig(256, 3, 1000.0f, 16.0f, 4);
  auto samples = RandomWindow(rng, 256, 3);
  tml_vibration vib;
  ASSERT_EQ(tml_vibration_init(&vib, &c), TML_OK);
  std::vector<uint32_t> workspace(256);
  std::vector<float> f(tml_vibration_feature_count(&vib));
  ASSERT_EQ(tml_vibration_compute(&vib, samples.data(), samples.size(), workspace.data(), 1024, f.data(), nullptr, f.size()),
            TML_OK);
  EXPECT_EQ(f, VibrationFeatures(c, samples, TML_VIBRATION_FIXED_POINT != 0));
}

// The fixed-point features' integer logarithm: within 1e-7 plus the float result's rounding, from the energy
// floor (1e-12 g²) to far beyond full scale.
TEST(Vibration, IntegerLogarithmMatchesLog) {
  std::mt19937 rng(13);
  std::uniform_real_distribution<double> exponent(-28.0, 12.0);
  double worst = 0;
  for (int i = 0; i < 200000; i++) {
    const float x = static_cast<float>(std::exp(exponent(rng)));
    const double exact = std::log(static_cast<double>(x)), got = tml_vib_ln(x);
    const double ulp = std::nextafter(std::fabs(static_cast<float>(exact)), INFINITY) - std::fabs(static_cast<float>(exact));
    worst = std::max(worst, std::fabs(got - exact) - ulp);
  }
  EXPECT_LT(worst, 1e-7);
  EXPECT_EQ(tml_vib_ln(1.0f), 0.0f);
  EXPECT_NEAR(tml_vib_ln(2.0f), std::log(2.0), 1e-7);
}

// ---- invalid configs and calls ----

struct BadConfig {
  const char *what;
  void (*change)(tml_vibration_config &);
  const char *message;
};

TEST(Vibration, InvalidConfigsAreRejectedWithAReason) {
  const BadConfig cases[] = {
      {"window not a power of two", [](auto &c) { c.window = 1000; }, "power of two"},
      {"window too short", [](auto &c) { c.window = 32; }, "power of two from 64 to 4096"},
      {"window too long", [](auto &c) { c.window = 8192; }, "power of two from 64 to 4096"},
      {"no axes", [](auto &c) { c.axes = 0; }, "axes 0"},
      {"four axes", [](auto &c) { c.axes = 4; }, "axes 4"},
      {"rate zero", [](auto &c) { c.sample_rate_hz = 0; }, "sample rate"},
      {"rate NaN", [](auto &c) { c.sample_rate_hz = NAN; }, "sample rate"},
      {"full scale negative", [](auto &c) { c.full_scale_g = -2; }, "full scale"},
      {"too many bands", [](auto &c) { c.band_count = TML_VIB_MAX_BANDS + 1; }, "at most"},
      {"band beyond Nyquist", [](auto &c) { c.band_edges_hz[4] = 600; }, "beyond Nyquist (500 Hz)"},
      {"edges not increasing", [](auto &c) { c.band_edges_hz[2] = c.band_edges_hz[1]; }, "must increase"},
      {"negative edge", [](auto &c) { c.band_edges_hz[0] = -1; }, "edge 0"},
      {"band narrower than a bin", [](auto &c) { c.band_edges_hz[1] = 125.5f, c.band_edges_hz[0] = 125.2f; }, "holds no FFT bin"},
      {"zero feature scale", [](auto &c) { c.feature_scale[3] = 0; }, "feature 3"},
      {"infinite offset", [](auto &c) { c.feature_offset[5] = INFINITY; }, "feature 5"},
      {"input scale zero", [](auto &c) { c.input_scale = 0; }, "input scale"},
      {"zero point out of int8", [](auto &c) { c.input_zero_point = 128; }, "zero point 128"},
  };
  for (const BadConfig &bad : cases) {
    tml_vibration_config c = VibrationConfig(1024, 1, 1000.0f, 16.0f, 4); // bins 0.98 Hz apart, edges 0..500 Hz
    bad.change(c);
    tml_vibration vib;
    EXPECT_EQ(tml_vibration_init(&vib, &c), TML_ERROR_ARGUMENT) << bad.what;
    EXPECT_NE(std::string(tml_vibration_error(&vib)).find(bad.message), std::string::npos)
        << bad.what << ": " << tml_vibration_error(&vib);
    EXPECT_EQ(tml_vibration_feature_count(&vib), 0u) << bad.what;
  }
  EXPECT_EQ(tml_vibration_init(nullptr, nullptr), TML_ERROR_ARGUMENT);
  tml_vibration_config c;
  EXPECT_EQ(tml_vibration_default_config(&c, 1024, 1, 1000.0f, 16.0f, TML_VIB_MAX_BANDS + 1), TML_ERROR_ARGUMENT);
}

TEST(Vibration, ComputeChecksItsArguments) {
  auto c = VibrationConfig(256, 2, 1000.0f, 16.0f, 4);
  tml_vibration vib;
  ASSERT_EQ(tml_vibration_init(&vib, &c), TML_OK);
  ASSERT_EQ(tml_vibration_workspace_bytes(&vib), 1024u);
  std::vector<int16_t> samples(512, 0);
  std::vector<uint32_t> workspace(257);
  std::vector<float> f(16);
  for (auto compute : {tml_vibration_compute_float, tml_vibration_compute_fixed}) {
    EXPECT_EQ(compute(&vib, samples.data(), 511, workspace.data(), 1024, f.data(), nullptr, 16), TML_ERROR_ARGUMENT);
    EXPECT_NE(std::string(tml_vibration_error(&vib)).find("512 samples"), std::string::npos);
    EXPECT_EQ(compute(&vib, samples.data(), 512, workspace.data(), 1020, f.data(), nullptr, 16), TML_ERROR_ARENA);
    EXPECT_EQ(compute(&vib, samples.data(), 512, reinterpret_cast<uint8_t *>(workspace.data()) + 2, 1024, f.data(), nullptr, 16),
              TML_ERROR_ARENA);
    EXPECT_EQ(compute(&vib, samples.data(), 512, workspace.data(), 1024, f.data(), nullptr, 15), TML_ERROR_ARGUMENT);
    EXPECT_EQ(compute(&vib, samples.data(), 512, workspace.data(), 1024, nullptr, nullptr, 16), TML_ERROR_ARGUMENT);
    EXPECT_EQ(compute(&vib, nullptr, 512, workspace.data(), 1024, f.data(), nullptr, 16), TML_ERROR_ARGUMENT);
    EXPECT_EQ(compute(nullptr, samples.data(), 512, workspace.data(), 1024, f.data(), nullptr, 16), TML_ERROR_ARGUMENT);
    EXPECT_EQ(compute(&vib, samples.data(), 512, workspace.data(), 1024, f.data(), nullptr, 16), TML_OK);
  }
  tml_vibration failed;
  c.window = 100;
  ASSERT_NE(tml_vibration_init(&failed, &c), TML_OK);
  EXPECT_EQ(tml_vibration_compute(&failed, samples.data(), 200, workspace.data(), 1024, f.data(), nullptr, 16),
            TML_ERROR_STATE);
}

}  // namespace
