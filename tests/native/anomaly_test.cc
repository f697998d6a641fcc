// On-device anomaly baseline (anomaly.h): statistics, scores, the calibration threshold, phases, and the serialized
// form with every kind of corruption refused without touching the destination.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "tinyml/anomaly.h"

namespace {

tml_anomaly_config Config(uint32_t features, uint32_t calibration) {
  tml_anomaly_config c;
  tml_anomaly_default_config(&c, features, calibration);
  return c;
}

// Gaussian feature vectors: feature i has mean means[i] and standard deviation sigmas[i].
struct Source {
  std::mt19937 rng;
  std::vector<double> means, sigmas;
  std::vector<float> Next() {
    std::normal_distribution<double> gauss;
    std::vector<float> x(means.size());
    for (size_t i = 0; i < x.size(); i++) x[i] = static_cast<float>(means[i] + sigmas[i] * gauss(rng));
    return x;
  }
};

tml_anomaly_result Feed(tml_anomaly &a, const std::vector<float> &x) {
  tml_anomaly_result r;
  EXPECT_EQ(tml_anomaly_feed(&a, x.data(), x.size(), &r), TML_OK) << tml_anomaly_error(&a);
  return r;
}

// Everything but the error text (which a refused call may write).
bool SameBaseline(const tml_anomaly &x, const tml_anomaly &y) {
  return std::memcmp(&x, &y, offsetof(tml_anomaly, error)) == 0;
}

uint32_t Crc32(const uint8_t *p, size_t n) { // bit by bit, the textbook way
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void Reseal(std::vector<uint8_t> &bytes) {
  const uint32_t crc = Crc32(bytes.data(), bytes.size() - 4);
  for (int k = 0; k < 4; k++) bytes[bytes.size() - 4 + k] = static_cast<uint8_t>(crc >> (8 * k));
}

std::vector<uint8_t> Serialize(const tml_anomaly &a) {
  std::vector<uint8_t> bytes(tml_anomaly_serialized_bytes(&a));
  size_t written = 0;
  EXPECT_EQ(tml_anomaly_serialize(&a, bytes.data(), bytes.size(), &written), TML_OK);
  EXPECT_EQ(written, bytes.size());
  return bytes;
}

// A baseline calibrated on 200 windows of 6 features (100 of them warm-up) and then fed 20 more.
tml_anomaly Calibrated() {
  Source s{std::mt19937(4), {1, -2, 0.5, 30, -8, 0}, {0.1, 0.5, 0.05, 3, 0.2, 1}};
  tml_anomaly a;
  tml_anomaly_config c = Config(6, 200);
  EXPECT_EQ(tml_anomaly_init(&a, &c), TML_OK);
  for (int w = 0; w < 220; w++) Feed(a, s.Next());
  return a;
}

// ---- statistics ----

// Welford in float against two-pass double: within 1e-3 relative, even with a mean 10^4 times the deviation (where a
// float sum of squares would lose everything); and within sampling error of the true values.
TEST(Anomaly, LearnsMeanAndVarianceOfGaussianData) {
  const uint32_t n = 4000;
  Source s{std::mt19937(1), {0.0, 5.0, -3.0, 1e4}, {1.0, 0.01, 2.0, 1.0}};
  tml_anomaly a;
  tml_anomaly_config c = Config(4, n);
  ASSERT_EQ(tml_anomaly_init(&a, &c), TML_OK);
  std::vector<std::vector<float>> seen;
  for (uint32_t w = 0; w < n; w++) seen.push_back(s.Next()), Feed(a, seen.back());
  float mean[4], variance[4];
  ASSERT_EQ(tml_anomaly_statistics(&a, mean, variance, 4), TML_OK);
  for (size_t i = 0; i < 4; i++) {
    double m = 0, v = 0;
    for (auto &x : seen) m += x[i];
    m /= n;
    for (auto &x : seen) v += (x[i] - m) * (x[i] - m);
    v /= n - 1;
    EXPECT_NEAR(mean[i], m, 1e-6 * std::fabs(m) + 1e-4 * std::sqrt(v)) << "feature " << i;
    EXPECT_NEAR(variance[i], v, 1e-3 * v) << "feature " << i; // float's resolution at 10^4 is 10^-3
    const double sigma = s.sigmas[i];
    EXPECT_NEAR(mean[i], s.means[i], 5 * sigma / std::sqrt(double(n))) << "feature " << i;
    EXPECT_NEAR(variance[i], sigma * sigma, 5 * sigma * sigma * std::sqrt(2.0 / n)) << "feature " << i;
  }
}

// ---- scores ----

// Mean squared z over F features: about 1 for windows like the calibration ones (expected 1 + O(1/n)), about 1 + δ²
// when every feature shifts by δ standard deviations.
TEST(Anomaly, InDistributionScoresNearOneShiftedScoresHigher) {
  Source s{std::mt19937(2), {1, 2, 3, 4, 5, 6, 7, 8}, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}};
  tml_anomaly a;
  tml_anomaly_config c = Config(8, 2000);
  ASSERT_EQ(tml_anomaly_init(&a, &c), TML_OK);
  for (int w = 0; w < 2000; w++) Feed(a, s.Next());
  ASSERT_EQ(tml_anomaly_get_phase(&a), TML_ANOMALY_READY);
  double normal = 0, shifted = 0;
  int normal_alarms = 0, shifted_alarms = 0;
  const int windows = 2000;
  for (int w = 0; w < windows; w++) {
    auto r = Feed(a, s.Next());
    normal += r.score / windows, normal_alarms += r.anomalous;
    auto x = s.Next();
    for (size_t i = 0; i < x.size(); i++) x[i] += static_cast<float>(3.0 * s.sigmas[i]);
    r = Feed(a, x);
    shifted += r.score / windows, shifted_alarms += r.anomalous;
  }
  EXPECT_NEAR(normal, 1.0, 0.05);
  EXPECT_NEAR(shifted, 10.0, 0.5);
  // threshold ≈ 1.5 × the 99th percentile of χ²₈/8 (≈ 2.5): in-distribution alarms are rare, +3σ ones the rule
  // (score ~ noncentral χ²₈(72)/8: mean 10, standard deviation 2.2)
  EXPECT_LT(normal_alarms, windows / 500);
  EXPECT_GT(shifted_alarms, windows * 95 / 100);
  EXPECT_EQ(tml_anomaly_anomalies(&a), static_cast<uint32_t>(normal_alarms + shifted_alarms));
  EXPECT_EQ(tml_anomaly_windows(&a), 2000u + 2 * windows);
}

// A feature constant during calibration would have variance 0: the floor (1e-9 + 1e-4·mean²) keeps its z finite.
TEST(Anomaly, VarianceFloorKeepsConstantFeaturesFinite) {
  tml_anomaly a;
  tml_anomaly_config c = Config(2, 20);
  ASSERT_EQ(tml_anomaly_init(&a, &c), TML_OK);
  Source s{std::mt19937(3), {0, 0}, {1, 1}};
  for (int w = 0; w < 20; w++) {
    auto x = s.Next();
    x[1] = 5.0f;
    Feed(a, x);
  }
  float mean[2], variance[2];
  ASSERT_EQ(tml_anomaly_statistics(&a, mean, variance, 2), TML_OK);
  ASSERT_EQ(variance[1], 0.0f);
  const std::vector<float> probe{mean[0], 5.05f};
  float score;
  ASSERT_EQ(tml_anomaly_score(&a, probe.data(), 2, &score), TML_OK);
  const double floor = 1e-9 + 1e-4 * 25.0;
  EXPECT_NEAR(score, 0.05 * 0.05 / floor / 2, 1e-3);
  EXPECT_TRUE(std::isfinite(score));
}

// ---- threshold ----

// The threshold is margin × the nearest-rank quantile of the calibration scores (each window scored against the
// windows before it), to within one histogram bin (2^(1/16): 4.4%).
TEST(Anomaly, ThresholdIsMarginTimesTheCalibrationQuantile) {
  for (float q : {0.5f, 0.9f, 0.99f, 1.0f}) {
    for (uint32_t calibration : {40u, 300u, 3000u}) {
      Source s{std::mt19937(calibration), {0, 10, -1}, {1, 2, 0.5}};
      tml_anomaly a;
      tml_anomaly_config c = Config(3, calibration);
      c.quantile = q, c.margin = 2.0f;
      ASSERT_EQ(tml_anomaly_init(&a, &c), TML_OK);
      std::vector<float> scores;
      for (uint32_t w = 0; w < calibration; w++) {
        auto x = s.Next();
        float expected = 0;
        const bool warm = w < c.warmup_windows;
        if (!warm) {
          ASSERT_EQ(tml_anomaly_score(&a, x.data(), 3, &expected), TML_OK);
        }
        auto r = Feed(a, x);
        EXPECT_EQ(r.scored, warm ? 0 : 1);
        if (!warm) {
          EXPECT_EQ(r.score, expected);
          scores.push_back(r.score);
        }
        EXPECT_EQ(r.phase, w + 1 == calibration ? TML_ANOMALY_READY : TML_ANOMALY_CALIBRATING);
      }
      std::sort(scores.begin(), scores.end());
      const size_t rank = std::max<size_t>(1, static_cast<size_t>(std::ceil(q * scores.size())));
      const double exact = scores[rank - 1];
      EXPECT_NEAR(tml_anomaly_threshold(&a) / 2.0, exact, 0.0443 * exact) << "q " << q << ", " << calibration << " windows";
    }
  }
}

TEST(Anomaly, PhasesScoresAndCounts) {
  tml_anomaly a;
  tml_anomaly_config c = Config(2, 10);
  ASSERT_EQ(c.warmup_windows, 5u);
  ASSERT_EQ(tml_anomaly_init(&a, &c), TML_OK);
  Source s{std::mt19937(8), {0, 0}, {1, 1}};
  float score;
  auto x = s.Next();
  EXPECT_EQ(tml_anomaly_score(&a, x.data(), 2, &score), TML_ERROR_STATE); // nothing learned yet
  for (int w = 0; w < 10; w++) {
    EXPECT_EQ(tml_anomaly_get_phase(&a), TML_ANOMALY_CALIBRATING);
    EXPECT_EQ(tml_anomaly_threshold(&a), 0.0f);
    auto r = Feed(a, s.Next());
    EXPECT_EQ(r.anomalous, 0);
  }
  EXPECT_EQ(tml_anomaly_get_phase(&a), TML_ANOMALY_READY);
  EXPECT_GT(tml_anomaly_threshold(&a), 0.0f);
  auto r = Feed(a, {1000.0f, 0.0f});
  EXPECT_EQ(r.anomalous, 1);
  EXPECT_EQ(r.phase, TML_ANOMALY_READY);
  float mean[2];
  ASSERT_EQ(tml_anomaly_statistics(&a, mean, nullptr, 2), TML_OK);
  r = Feed(a, {mean[0], mean[1]});
  EXPECT_EQ(r.anomalous, 0);
  EXPECT_EQ(r.score, 0.0f);
  EXPECT_EQ(tml_anomaly_windows(&a), 12u);
  EXPECT_EQ(tml_anomaly_anomalies(&a), 1u);
  // the statistics are frozen once ready
  float after[2];
  ASSERT_EQ(tml_anomaly_statistics(&a, after, nullptr, 2), TML_OK);
  EXPECT_EQ(after[0], mean[0]);
}

TEST(Anomaly, BadWindowsAreRefusedAndChangeNothing) {
  tml_anomaly a = Calibrated();
  const tml_anomaly before = a;
  std::vector<float> x(6, 0.0f);
  EXPECT_EQ(tml_anomaly_feed(&a, x.data(), 5, nullptr), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_anomaly_feed(&a, nullptr, 6, nullptr), TML_ERROR_ARGUMENT);
  x[3] = NAN;
  EXPECT_EQ(tml_anomaly_feed(&a, x.data(), 6, nullptr), TML_ERROR_ARGUMENT);
  EXPECT_NE(std::string(tml_anomaly_error(&a)).find("feature 3"), std::string::npos);
  x[3] = INFINITY;
  EXPECT_EQ(tml_anomaly_feed(&a, x.data(), 6, nullptr), TML_ERROR_ARGUMENT);
  EXPECT_TRUE(SameBaseline(a, before));
  tml_anomaly failed;
  tml_anomaly_config c = Config(0, 10);
  EXPECT_EQ(tml_anomaly_init(&failed, &c), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_anomaly_feed(&failed, x.data(), 0, nullptr), TML_ERROR_STATE);
}

TEST(Anomaly, InvalidConfigsAreRejectedWithAReason) {
  struct Case {
    const char *message;
    void (*change)(tml_anomaly_config &);
  } cases[] = {
      {"feature count 0", [](auto &c) { c.feature_count = 0; }},
      {"feature count 129", [](auto &c) { c.feature_count = TML_ANOMALY_MAX_FEATURES + 1; }},
      {"at least 2", [](auto &c) { c.warmup_windows = 1; }},
      {"must exceed", [](auto &c) { c.calibration_windows = c.warmup_windows; }},
      {"at most 65535", [](auto &c) { c.calibration_windows = 70000; }},
      {"quantile", [](auto &c) { c.quantile = 0.0f; }},
      {"quantile", [](auto &c) { c.quantile = 1.5f; }},
      {"margin", [](auto &c) { c.margin = 0.5f; }},
      {"absolute variance floor", [](auto &c) { c.variance_floor_absolute = 0.0f; }},
      {"relative variance floor", [](auto &c) { c.variance_floor_relative = -1.0f; }},
  };
  for (const Case &k : cases) {
    tml_anomaly_config c = Config(4, 100);
    k.change(c);
    tml_anomaly a;
    EXPECT_EQ(tml_anomaly_init(&a, &c), TML_ERROR_ARGUMENT) << k.message;
    EXPECT_NE(std::string(tml_anomaly_error(&a)).find(k.message), std::string::npos) << tml_anomaly_error(&a);
  }
}

// ---- serialization ----

TEST(AnomalySerialization, RoundTripRestoresTheWholeBaseline) {
  tml_anomaly a = Calibrated();
  auto bytes = Serialize(a);
  EXPECT_EQ(bytes.size(), 1080u + 8 * 6);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 4), "TMAB");
  uint32_t crc = 0;
  for (int k = 0; k < 4; k++) crc |= uint32_t(bytes[bytes.size() - 4 + k]) << (8 * k);
  EXPECT_EQ(crc, Crc32(bytes.data(), bytes.size() - 4)); // the standard CRC-32

  tml_anomaly b;
  tml_anomaly_config other = Config(6, 50);
  ASSERT_EQ(tml_anomaly_init(&b, &other), TML_OK);
  ASSERT_EQ(tml_anomaly_deserialize(&b, bytes.data(), bytes.size(), 6), TML_OK) << tml_anomaly_error(&b);
  EXPECT_TRUE(SameBaseline(a, b));
  Source s{std::mt19937(9), {1, -2, 0.5, 30, -8, 0}, {0.2, 0.5, 0.05, 3, 0.2, 1}};
  for (int w = 0; w < 50; w++) {
    auto x = s.Next();
    auto ra = Feed(a, x), rb = Feed(b, x);
    EXPECT_EQ(ra.score, rb.score);
    EXPECT_EQ(ra.anomalous, rb.anomalous);
  }
  EXPECT_EQ(tml_anomaly_anomalies(&a), tml_anomaly_anomalies(&b));
}

TEST(AnomalySerialization, CalibrationInProgressResumes) {
  Source s{std::mt19937(5), {3, 4}, {1, 2}};
  tml_anomaly a, b;
  tml_anomaly_config c = Config(2, 100);
  ASSERT_EQ(tml_anomaly_init(&a, &c), TML_OK);
  for (int w = 0; w < 70; w++) Feed(a, s.Next());
  auto bytes = Serialize(a);
  ASSERT_EQ(tml_anomaly_deserialize(&b, bytes.data(), bytes.size(), 0), TML_OK) << tml_anomaly_error(&b);
  for (int w = 0; w < 40; w++) {
    auto x = s.Next();
    EXPECT_EQ(Feed(a, x).score, Feed(b, x).score);
  }
  EXPECT_EQ(tml_anomaly_get_phase(&b), TML_ANOMALY_READY);
  EXPECT_EQ(tml_anomaly_threshold(&a), tml_anomaly_threshold(&b));
}

// Each corruption is refused with its own reason, and the destination (a working baseline) keeps every field.
TEST(AnomalySerialization, EveryCorruptionIsRefusedWithoutTouchingTheDestination) {
  const tml_anomaly source = Calibrated();
  const auto good = Serialize(source);
  tml_anomaly target;
  tml_anomaly_config c = Config(6, 30);
  ASSERT_EQ(tml_anomaly_init(&target, &c), TML_OK);
  for (int w = 0; w < 12; w++) Feed(target, std::vector<float>(6, static_cast<float>(w)));
  const tml_anomaly before = target;

  auto refused = [&](std::vector<uint8_t> bytes, tml_status status, const char *reason, uint32_t expected = 6) {
    EXPECT_EQ(tml_anomaly_deserialize(&target, bytes.data(), bytes.size(), expected), status) << reason;
    EXPECT_NE(std::string(tml_anomaly_error(&target)).find(reason), std::string::npos)
        << "expected '" << reason << "', got '" << tml_anomaly_error(&target) << "'";
    EXPECT_TRUE(SameBaseline(target, before)) << reason;
  };
  auto with = [&](size_t offset, std::vector<uint8_t> replacement, bool reseal) {
    auto bytes = good;
    std::copy(replacement.begin(), replacement.end(), bytes.begin() + offset);
    if (reseal) Reseal(bytes);
    return bytes;
  };
  refused({}, TML_ERROR_ARGUMENT, "too few");
  refused(std::vector<uint8_t>(good.begin(), good.begin() + 7), TML_ERROR_ARGUMENT, "too few");
  refused(with(0, {'X'}, false), TML_ERROR_ARGUMENT, "not an anomaly baseline");
  refused(with(4, {2, 0}, true), TML_ERROR_UNSUPPORTED, "format version 2");
  refused(with(6, {0, 0}, true), TML_ERROR_ARGUMENT, "baseline of 0 features");
  refused(good, TML_ERROR_ARGUMENT, "where 7 are expected", 7);
  refused(std::vector<uint8_t>(good.begin(), good.end() - 1), TML_ERROR_ARGUMENT, "bytes, not");
  auto longer = good;
  longer.push_back(0);
  refused(longer, TML_ERROR_ARGUMENT, "bytes, not");
  refused(with(7 * 8 + 8 * 6, {0x55}, false), TML_ERROR_ARGUMENT, "CRC mismatch");
  refused(with(good.size() - 1, {static_cast<uint8_t>(good.back() ^ 1)}, false), TML_ERROR_ARGUMENT, "CRC mismatch");
  // well sealed, but not a baseline this engine could have written
  refused(with(8 + 4 * 2, {0, 0, 0xC0, 0x7F}, true), TML_ERROR_ARGUMENT, "quantile");         // quantile NaN
  refused(with(8 + 4 * 6, {7, 0, 0, 0}, true), TML_ERROR_ARGUMENT, "inconsistent");             // phase 7
  refused(with(8 + 4 * 8, {0, 1, 0, 0}, true), TML_ERROR_ARGUMENT, "inconsistent");             // learned 256
  refused(with(8 + 4 * 11, {0, 0, 0x80, 0x7F}, true), TML_ERROR_ARGUMENT, "statistic 0");      // mean +inf
  refused(with(8 + 4 * 11 + 4 * 6, {0, 0, 0x80, 0xBF}, true), TML_ERROR_ARGUMENT, "statistic 6"); // M2 −1
  refused(with(8 + 4 * 11 + 8 * 6, {1, 0}, true), TML_ERROR_ARGUMENT, "histogram");
  // and every single flipped byte anywhere
  for (size_t i = 0; i < good.size(); i++) {
    auto bytes = good;
    bytes[i] ^= 0x10;
    EXPECT_NE(tml_anomaly_deserialize(&target, bytes.data(), bytes.size(), 6), TML_OK) << "byte " << i;
    EXPECT_TRUE(SameBaseline(target, before)) << "byte " << i;
  }
  ASSERT_EQ(tml_anomaly_deserialize(&target, good.data(), good.size(), 6), TML_OK);
  EXPECT_TRUE(SameBaseline(target, source));
}

TEST(AnomalySerialization, SerializeChecksItsArguments) {
  tml_anomaly a = Calibrated();
  std::vector<uint8_t> bytes(tml_anomaly_serialized_bytes(&a) - 1);
  size_t written = 99;
  EXPECT_EQ(tml_anomaly_serialize(&a, bytes.data(), bytes.size(), &written), TML_ERROR_ARGUMENT);
  EXPECT_EQ(written, 99u);
  EXPECT_EQ(tml_anomaly_serialize(&a, nullptr, 4096, &written), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_anomaly_serialize(nullptr, bytes.data(), bytes.size(), &written), TML_ERROR_ARGUMENT);
}

}  // namespace
