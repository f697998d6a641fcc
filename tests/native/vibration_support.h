// Helpers for the vibration and anomaly tests: test signals as int16 counts, and the features computed again in
// double precision straight from their definitions in vibration.h (direct DFT, no FFT), as the accuracy reference.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tinyml/vibration.h"

namespace tml_test {

inline int16_t Saturate16(double counts) {
  const double r = std::round(counts);
  return static_cast<int16_t>(std::min(32767.0, std::max(-32768.0, r)));
}

// A config with equal-width bands to Nyquist (the defaults), checked.
inline tml_vibration_config VibrationConfig(uint32_t window, uint32_t axes, float rate_hz, float full_scale_g,
                                            uint32_t bands) {
  tml_vibration_config c;
  tml_vibration_default_config(&c, window, axes, rate_hz, full_scale_g, bands);
  return c;
}

// Runs one variant (fixed != 0: the fixed-point one) on interleaved samples; empty on failure.
inline std::vector<float> VibrationFeatures(const tml_vibration_config &config, const std::vector<int16_t> &samples,
                                            bool fixed, std::vector<int8_t> *quantized = nullptr) {
  tml_vibration vib;
  if (tml_vibration_init(&vib, &config) != TML_OK) return {};
  std::vector<uint32_t> workspace(tml_vibration_workspace_bytes(&vib) / 4);
  std::vector<float> features(tml_vibration_feature_count(&vib));
  if (quantized) quantized->assign(features.size(), 0);
  const auto compute = fixed ? tml_vibration_compute_fixed : tml_vibration_compute_float;
  tml_status st = compute(&vib, samples.data(), samples.size(), workspace.data(), workspace.size() * 4, features.data(),
                          quantized ? quantized->data() : nullptr, features.size());
  return st == TML_OK ? features : std::vector<float>();
}

// The features of vibration.h in double precision: mean-removed moments, periodic Hann, direct DFT, bins by the
// edge rule, ln(E + floor).
inline std::vector<double> ReferenceFeatures(const tml_vibration_config &c, const std::vector<int16_t> &samples) {
  const uint32_t n = c.window, per_axis = TML_VIB_TIME_FEATURES + c.band_count;
  const double g = c.full_scale_g / 32768.0, pi = std::acos(-1.0), fs = c.sample_rate_hz;
  std::vector<double> cosine(n), sine(n), out(c.axes * per_axis);
  for (uint32_t k = 0; k < n; k++) cosine[k] = std::cos(2 * pi * k / n), sine[k] = std::sin(2 * pi * k / n);
  for (uint32_t a = 0; a < c.axes; a++) {
    double *f = &out[a * per_axis];
    std::vector<double> x(n), y(n);
    double mean = 0;
    for (uint32_t i = 0; i < n; i++) mean += x[i] = samples[i * c.axes + a] * g;
    mean /= n;
    double m2 = 0, m4 = 0, peak = 0;
    for (uint32_t i = 0; i < n; i++) {
      const double d = x[i] - mean;
      m2 += d * d / n, m4 += d * d * d * d / n, peak = std::max(peak, std::fabs(d));
      y[i] = d * (0.5 - 0.5 * cosine[i]);
    }
    const bool flat = *std::max_element(x.begin(), x.end()) == *std::min_element(x.begin(), x.end());
    f[TML_VIB_RMS] = std::sqrt(m2);
    f[TML_VIB_PEAK] = peak;
    f[TML_VIB_CREST] = flat ? 0 : peak / std::sqrt(m2);
    f[TML_VIB_KURTOSIS] = flat ? 0 : m4 / (m2 * m2);
    std::vector<double> power(n / 2 + 1);
    for (uint32_t k = 0; k <= n / 2; k++) {
      double re = 0, im = 0;
      for (uint32_t i = 0; i < n; i++) re += y[i] * cosine[(uint64_t)k * i % n], im -= y[i] * sine[(uint64_t)k * i % n];
      power[k] = (k == 0 || k == n / 2 ? 1.0 : 2.0) * (re * re + im * im) / (n * (3.0 * n / 8.0));
    }
    for (uint32_t b = 0; b < c.band_count; b++) {
      double e = 0;
      for (uint32_t k = 0; k <= n / 2; k++) {
        const double hz = k * fs / n;
        const bool last_holds_nyquist = b + 1 == c.band_count && k == n / 2 && c.band_edges_hz[b + 1] == 0.5 * fs;
        if ((hz >= c.band_edges_hz[b] && hz < c.band_edges_hz[b + 1]) || last_holds_nyquist) e += power[k];
      }
      f[TML_VIB_BAND0 + b] = std::log(e + 1e-12);
    }
  }
  return out;
}

// A sine of amplitude_g at freq_hz (phase in radians) plus offset_g, as counts at full_scale_g.
inline std::vector<double> Sine(uint32_t n, double rate_hz, double freq_hz, double amplitude_g, double phase = 0) {
  std::vector<double> v(n);
  const double pi = std::acos(-1.0);
  for (uint32_t i = 0; i < n; i++) v[i] = amplitude_g * std::sin(2 * pi * freq_hz * i / rate_hz + phase);
  return v;
}

// Interleaves per-axis signals in g into int16 counts (saturating).
inline std::vector<int16_t> Counts(const std::vector<std::vector<double>> &axes, double full_scale_g) {
  const size_t n = axes[0].size();
  std::vector<int16_t> out(n * axes.size());
  for (size_t i = 0; i < n; i++)
    for (size_t a = 0; a < axes.size(); a++) out[i * axes.size() + a] = Saturate16(axes[a][i] * 32768.0 / full_scale_g);
  return out;
}

}  // namespace tml_test
