// The audio frontend's optimized stages (per-architecture FFT, window, filter bank, square root) against a slow,
// literal transcription of the micro_speech preprocessor's integer semantics: stage by stage on random and
// full-scale inputs (including the int16 wraps, the max-abs quirk and the rounded square root's caps), and end
// to end on random recordings through tml_audio_push. Deterministic: fixed seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

extern "C" {
#include "audio/stages.h"
}

namespace {

// ---- the reference, written from the semantics, one operation at a time ----

struct Cpx {
  int16_t r, i;
};

int16_t Round15(int32_t v) { return static_cast<int16_t>((v + 16384) >> 15); }
Cpx Mul(Cpx a, Cpx b) {
  return {Round15(a.r * b.r - a.i * b.i), Round15(a.r * b.i + a.i * b.r)};
}
int16_t Div4(int16_t v) { return Round15(v * 8191); }  // kissfft's fixed-point /4 and /2
int16_t Div2(int16_t v) { return Round15(v * 16383); }
Cpx Add(Cpx a, Cpx b) { return {static_cast<int16_t>(a.r + b.r), static_cast<int16_t>(a.i + b.i)}; }
Cpx Sub(Cpx a, Cpx b) { return {static_cast<int16_t>(a.r - b.r), static_cast<int16_t>(a.i - b.i)}; }

Cpx Twiddle(double phase) {
  return {static_cast<int16_t>(std::floor(0.5 + 32767 * std::cos(phase))),
          static_cast<int16_t>(std::floor(0.5 + 32767 * std::sin(phase)))};
}

struct Twiddles {
  Cpx fft[256], split[128];
  Twiddles() {
    const double pi = 3.14159265358979323846;
    for (int i = 0; i < 256; i++) fft[i] = Twiddle(((-2 * pi) * i) / 256);
    for (int i = 0; i < 128; i++) split[i] = Twiddle(-pi * (static_cast<double>(i + 1) / 256 + 0.5));
  }
};
const Twiddles kTwiddles;

// kissfft's recursive radix-4 decimation in time, as digit-reversed leaves then four in-place stages.
std::vector<Cpx> ReferenceFft256(const int16_t *points) {
  std::vector<Cpx> a(256);
  for (int o = 0; o < 256; o++) {
    const int from = o / 64 + 4 * (o / 16 % 4) + 16 * (o / 4 % 4) + 64 * (o % 4);
    a[o] = {points[2 * from], points[2 * from + 1]};
  }
  for (int n = 4; n <= 256; n *= 4) {
    const int m = n / 4, stride = 256 / n;
    for (int g = 0; g < 256; g += n)
      for (int k = 0; k < m; k++) {
        Cpx &p0 = a[g + k], &p1 = a[g + k + m], &p2 = a[g + k + 2 * m], &p3 = a[g + k + 3 * m];
        for (Cpx *p : {&p0, &p1, &p2, &p3}) *p = {Div4(p->r), Div4(p->i)};
        const Cpx s0 = Mul(p1, kTwiddles.fft[k * stride]), s1 = Mul(p2, kTwiddles.fft[2 * k * stride]),
                  s2 = Mul(p3, kTwiddles.fft[3 * k * stride]);
        const Cpx s5 = Sub(p0, s1);
        p0 = Add(p0, s1);
        const Cpx s3 = Add(s0, s2), s4 = Sub(s0, s2);
        p2 = Sub(p0, s3);
        p0 = Add(p0, s3);
        p1 = {static_cast<int16_t>(s5.r + s4.i), static_cast<int16_t>(s5.i - s4.r)};
        p3 = {static_cast<int16_t>(s5.r - s4.i), static_cast<int16_t>(s5.i + s4.r)};
      }
  }
  return a;
}

// kiss_fftr's split of the 256-point transform into bins 0..256 (514 int16).
std::vector<int16_t> ReferenceSplit(const std::vector<Cpx> &z) {
  std::vector<Cpx> x(257);
  const Cpx dc = {Div2(z[0].r), Div2(z[0].i)};
  x[0] = {static_cast<int16_t>(dc.r + dc.i), 0};
  x[256] = {static_cast<int16_t>(dc.r - dc.i), 0};
  for (int k = 1; k <= 128; k++) {
    const Cpx fpk = {Div2(z[k].r), Div2(z[k].i)};
    const int16_t negated = static_cast<int16_t>(-z[256 - k].i);
    const Cpx fpnk = {Div2(z[256 - k].r), Div2(negated)};
    const Cpx f1k = Add(fpk, fpnk), f2k = Sub(fpk, fpnk);
    const Cpx tw = Mul(f2k, kTwiddles.split[k - 1]);
    x[k] = {static_cast<int16_t>((f1k.r + tw.r) >> 1), static_cast<int16_t>((f1k.i + tw.i) >> 1)};
    x[256 - k] = {static_cast<int16_t>((f1k.r - tw.r) >> 1), static_cast<int16_t>((tw.i - f1k.i) >> 1)};
  }
  std::vector<int16_t> out;
  for (const Cpx &c : x) out.insert(out.end(), {c.r, c.i});
  return out;
}

int BitLength(uint32_t u) { return u ? 32 - __builtin_clz(u) : 32; }  // the GNU build's msb(0) = 32

// Window, max-abs with its int16 quirk, auto-scale shift; y gets 512 values. Returns the shift.
int ReferenceWindow(const int16_t *samples, std::vector<int16_t> &y) {
  std::vector<int16_t> w(480);
  for (int i = 0; i < 480; i++) {
    int32_t t = (static_cast<int32_t>(samples[i]) * tml_audio_hann[i]) >> 12;
    w[i] = static_cast<int16_t>(std::min(32767, std::max(-32768, t)));
  }
  int16_t m = 0;
  for (int16_t v : w) {
    if (v > m)
      m = v;
    else if (-v > m)
      m = static_cast<int16_t>(-v);
  }
  int scale = 16 - BitLength(static_cast<uint32_t>(static_cast<int32_t>(m))) - 1;
  if (scale <= 0) scale = 0;
  y.assign(512, 0);
  for (int i = 0; i < 480; i++) y[i] = static_cast<int16_t>(w[i] * (1 << scale));
  return scale;
}

// Energy of bins 5..240 and the 41-slot weight / unweight accumulation; channel i = slot i + 1.
std::vector<uint64_t> ReferenceFilterbank(const int16_t *spectrum) {
  std::vector<uint64_t> out;
  uint64_t weighted = 0, unweighted = 0;
  int bin = 5, j = 0;
  for (int band = 0; band < 41; band++) {
    for (int n = 0; n < tml_audio_band_widths[band]; n++, bin++, j++) {
      const uint32_t e = static_cast<uint32_t>(spectrum[2 * bin] * spectrum[2 * bin]) +
                         static_cast<uint32_t>(spectrum[2 * bin + 1] * spectrum[2 * bin + 1]);
      weighted += static_cast<uint64_t>(tml_audio_bin_weights[2 * j]) * e;
      unweighted += static_cast<uint64_t>(tml_audio_bin_weights[2 * j + 1]) * e;
    }
    if (band > 0) out.push_back(weighted);
    weighted = unweighted;
    unweighted = 0;
  }
  return out;
}

uint64_t FloorSqrt(uint64_t n) {  // digit by digit
  uint64_t root = 0, bit = uint64_t{1} << 62;
  while (bit > n) bit >>= 2;
  for (; bit; bit >>= 2) {
    if (n >= root + bit) {
      n -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
  }
  return root;
}

uint32_t ReferenceRoundedSqrt(uint64_t n) {
  uint64_t r = FloorSqrt(n);
  const uint64_t cap = n < (uint64_t{1} << 32) ? 0xFFFF : 0xFFFFFFFF;
  if (n - r * r > r && r != cap) r++;
  return static_cast<uint32_t>(r);
}

int16_t ReferenceGain(uint32_t x) {  // the PCAN LUT's piecewise quadratic
  if (x <= 2) return tml_audio_pcan_lut[x];
  const int v = BitLength(x), base = 4 * v - 6;
  const int32_t frac = static_cast<int32_t>(((v < 11) ? (x << (11 - v)) : (x >> (v - 11))) & 0x3FF);
  int32_t r = (tml_audio_pcan_lut[base + 2] * frac) >> 5;
  r = r + static_cast<int32_t>(static_cast<uint32_t>(tml_audio_pcan_lut[base + 1]) << 5);
  r = r * frac;
  r = (r + 16384) >> 15;
  return static_cast<int16_t>(r + tml_audio_pcan_lut[base]);
}

uint32_t ReferenceLog(uint32_t x) {  // 64 ln(x) in Q0
  const int n = BitLength(x) - 1;
  int32_t frac = static_cast<int32_t>(x - (uint32_t{1} << n));
  frac = n < 16 ? frac << (16 - n) : frac >> (n - 16);
  const int32_t seg = frac >> 9, c0 = tml_audio_log_lut[seg], c1 = tml_audio_log_lut[seg + 1];
  const int32_t rel = ((c1 - c0) * (frac - 512 * seg)) >> 16;
  const uint32_t l2 = (static_cast<uint32_t>(n) << 16) + static_cast<uint32_t>(frac + c0 + rel);
  const uint32_t le = static_cast<uint32_t>((45426 * static_cast<uint64_t>(l2) + 32768) >> 16);
  return (64 * le + 32768) >> 16;
}

// One frame through every stage; updates noise.
std::vector<int8_t> ReferenceFrame(const int16_t *samples, uint32_t noise[40]) {
  std::vector<int16_t> y;
  const int scale = ReferenceWindow(samples, y);
  const std::vector<int16_t> spectrum = ReferenceSplit(ReferenceFft256(y.data()));
  const std::vector<uint64_t> fb = ReferenceFilterbank(spectrum.data());
  std::vector<int8_t> out(40);
  for (int i = 0; i < 40; i++) {
    const uint32_t s = ReferenceRoundedSqrt(fb[i]) >> scale;
    const uint32_t sm = (i % 2) ? 983 : 409, om = (i % 2) ? 15401 : 15975;
    const uint32_t up = s << 10;
    noise[i] = static_cast<uint32_t>((static_cast<uint64_t>(up) * sm + static_cast<uint64_t>(noise[i]) * om) >> 14);
    const uint32_t est = std::min(noise[i], up);
    const uint32_t floor = static_cast<uint32_t>((static_cast<uint64_t>(s) * 819) >> 14);
    const uint32_t cleaned = std::max((up - est) >> 10, floor);
    const uint32_t g = static_cast<uint32_t>(static_cast<int32_t>(ReferenceGain(noise[i])));
    const uint32_t snr = static_cast<uint32_t>((static_cast<uint64_t>(cleaned) * g) >> 6);
    const uint32_t p = snr < 8192 ? (snr * snr) >> 20 : (snr >> 6) - 64;
    const uint32_t u = p << 3;
    int32_t f = 0;
    if (u > 1) f = static_cast<int32_t>(std::min<uint32_t>(ReferenceLog(u), 32767));
    int32_t q = (f * 256 + 333) / 666 - 128;
    out[i] = static_cast<int8_t>(std::min(127, std::max(-128, q)));
  }
  return out;
}

// ---- random inputs ----

// 512 values of one of several kinds: uniform, small, full-scale extremes, sparse extremes, mixtures.
std::vector<int16_t> RandomPoints(std::mt19937 &rng, size_t count, int kind) {
  std::uniform_int_distribution<int> any(-32768, 32767);
  std::vector<int16_t> v(count);
  for (size_t i = 0; i < count; i++) {
    const int r = any(rng);
    switch (kind % 6) {
      case 0: v[i] = static_cast<int16_t>(r); break;
      case 1: v[i] = (r & 1) ? 32767 : -32768; break;
      case 2: v[i] = static_cast<int16_t>(r >> (r & 15)); break;
      case 3: v[i] = (r % 5 == 0) ? static_cast<int16_t>((r & 2) ? 32767 : -32768) : 0; break;
      case 4: v[i] = (r & 3) == 0 ? -32768 : static_cast<int16_t>(r); break;
      default: v[i] = static_cast<int16_t>((i & 1) ? -32768 : 32767); break;
    }
  }
  return v;
}

TEST(AudioEquivalence, Fft256MatchesTheReferenceForAnyPointsAndShift) {
  std::mt19937 rng(1);
  for (int round = 0; round < 3000; round++) {
    std::vector<int16_t> points = RandomPoints(rng, 512, round);
    // the shift the window leaves to the FFT never makes a value overflow int16
    const int shift = round % 3 == 0 ? 0 : static_cast<int>(rng() % 16);
    for (int16_t &p : points) p = static_cast<int16_t>(p / (1 << shift));
    std::vector<int16_t> shifted(points);
    for (int16_t &p : shifted) p = static_cast<int16_t>(p * (1 << shift));
    const std::vector<Cpx> expected = ReferenceFft256(shifted.data());
    std::vector<int16_t> ours(514, 0x5A5A);
    tml_audio_fft256(points.data(), shift, ours.data());
    for (int k = 0; k < 256; k++) {
      ASSERT_EQ(ours[2 * k], expected[k].r) << "round " << round << " point " << k;
      ASSERT_EQ(ours[2 * k + 1], expected[k].i) << "round " << round << " point " << k;
    }
    ASSERT_EQ(ours[512], 0x5A5A);
  }
}

TEST(AudioEquivalence, SplitMatchesTheReferenceIncludingWrapsAndMinus32768) {
  std::mt19937 rng(2);
  for (int round = 0; round < 3000; round++) {
    std::vector<int16_t> z = RandomPoints(rng, 512, round);
    std::vector<Cpx> points(256);
    for (int k = 0; k < 256; k++) points[k] = {z[2 * k], z[2 * k + 1]};
    const std::vector<int16_t> expected = ReferenceSplit(points);
    std::vector<int16_t> ours(z);
    ours.resize(516, 0x5A5A);
    tml_audio_rfft_split(ours.data());
    ASSERT_EQ(std::vector<int16_t>(ours.begin(), ours.begin() + 514), expected) << "round " << round;
    ASSERT_EQ(ours[514], 0x5A5A);
  }
}

TEST(AudioEquivalence, WindowAndShiftMatchTheReferenceIncludingTheMaxAbsQuirk) {
  std::mt19937 rng(3);
  for (int round = 0; round < 3000; round++) {
    std::vector<int16_t> samples = RandomPoints(rng, 480, round);
    const int quiet = static_cast<int>(rng() % 17);
    if (round % 6 < 3)
      for (int16_t &s : samples) s = static_cast<int16_t>(s >> std::min(quiet, 15));
    if (round % 5 == 0) samples[238 + rng() % 4] = -32768;  // the window is exactly 1 at 238..241
    if (round % 50 == 1) std::fill(samples.begin(), samples.end(), 0);
    std::vector<int16_t> expected;
    const int expected_shift = ReferenceWindow(samples.data(), expected);
    std::vector<int16_t> ours(514, 0x5A5A);
    int32_t fft_shift = -1;
    const int32_t shift = tml_audio_window(samples.data(), ours.data(), &fft_shift);
    ASSERT_EQ(shift, expected_shift) << "round " << round;
    ASSERT_TRUE(fft_shift == shift || fft_shift == 0) << "round " << round;
    for (int i = 0; i < 480; i++) ours[i] = static_cast<int16_t>(ours[i] * (1 << fft_shift));
    ASSERT_EQ(std::vector<int16_t>(ours.begin(), ours.begin() + 512), expected) << "round " << round;
    ASSERT_EQ(ours[512], 0x5A5A);
  }
}

TEST(AudioEquivalence, FilterbankMatchesTheWeightAndUnweightSums) {
  // The filter bank uses unweight = 4095 - weight wherever a channel falls (bands 0..39).
  int bin = 0;
  for (int band = 0; band < 40; band++)
    for (int n = 0; n < tml_audio_band_widths[band]; n++, bin++)
      ASSERT_EQ(tml_audio_bin_weights[2 * bin] + tml_audio_bin_weights[2 * bin + 1], 4095) << "bin " << bin + 5;
  std::mt19937 rng(4);
  for (int round = 0; round < 3000; round++) {
    const std::vector<int16_t> spectrum = RandomPoints(rng, 514, round);
    std::vector<uint64_t> ours(40);
    tml_audio_filterbank(spectrum.data(), ours.data());
    ASSERT_EQ(ours, ReferenceFilterbank(spectrum.data())) << "round " << round;
  }
}

TEST(AudioEquivalence, RoundedSquareRootMatchesAtEveryMagnitudeAndAroundSquares) {
  std::mt19937_64 rng(5);
  std::vector<uint64_t> values = {0, 1, 2, 3, 4, 0xFFFE0001, 0xFFFF0000, 0xFFFF0001, 0xFFFFFFFF, uint64_t{1} << 32,
                                  (uint64_t{1} << 32) + 1, 0xFFFFFFFE00000001, 0xFFFFFFFF00000000,
                                  0xFFFFFFFFFFFFFFFF};
  for (int i = 0; i < 200000; i++) {
    const uint64_t root = rng() >> (32 + rng() % 32);
    const int64_t d = static_cast<int64_t>(rng() % 5) - 2;
    switch (i % 4) {
      case 0: values.push_back(root * root + static_cast<uint64_t>(d)); break;
      case 1: values.push_back(root * root + root + static_cast<uint64_t>(d)); break;
      default: values.push_back(rng() >> (rng() % 64)); break;
    }
  }
  for (size_t at = 0; at + 40 <= values.size(); at += 40) {
    const int32_t shift = static_cast<int32_t>(at / 40 % 16);
    uint32_t ours[40];
    tml_audio_filterbank_sqrt(values.data() + at, shift, ours);
    for (int c = 0; c < 40; c++)
      ASSERT_EQ(ours[c], ReferenceRoundedSqrt(values[at + c]) >> shift) << "sqrt of " << values[at + c];
  }
}

TEST(AudioEquivalence, RandomRecordingsGiveTheReferenceFrames) {
  std::mt19937 rng(6);
  for (int recording = 0; recording < 24; recording++) {
    // 1 s of noise whose loudness changes every 20 ms; some recordings clip to full scale
    std::vector<int16_t> samples(16000);
    std::normal_distribution<double> gauss(0.0, 1.0);
    double level = 0;
    for (size_t i = 0; i < samples.size(); i++) {
      if (i % 320 == 0) level = std::pow(2.0, static_cast<double>(rng() % 17)) * (recording % 4 == 3 ? 8 : 1);
      const double v = level * gauss(rng) + (recording % 3 == 1 ? 20000 * std::sin(0.05 * static_cast<double>(i)) : 0);
      samples[i] = static_cast<int16_t>(std::min(32767.0, std::max(-32768.0, std::round(v))));
    }
    if (recording % 4 == 2)  // -32768 where the window is exactly 1, in some frames
      for (size_t start = 0; start + 480 <= samples.size(); start += 640) samples[start + 239] = -32768;

    tml_audio_frontend frontend;
    ASSERT_EQ(tml_audio_init(&frontend), TML_OK);
    std::vector<int8_t> ours(49 * 40);
    uint32_t consumed = 0, written = 0;
    ASSERT_EQ(tml_audio_push(&frontend, samples.data(), 16000, ours.data(), 49, &consumed, &written), TML_OK);
    ASSERT_EQ(written, 49u);

    uint32_t noise[40] = {0};
    for (int frame = 0; frame < 49; frame++) {
      const std::vector<int8_t> expected = ReferenceFrame(samples.data() + 320 * frame, noise);
      ASSERT_EQ(std::vector<int8_t>(ours.begin() + 40 * frame, ours.begin() + 40 * (frame + 1)), expected)
          << "recording " << recording << " frame " << frame;
    }
  }
}

}  // namespace
