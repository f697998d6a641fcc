// The audio frontend (tinyml/audio.h) and tinyml-features: bit-exact with TFLite Micro's micro_speech audio
// preprocessor on the shared recordings, end to end through the micro_speech model, the same frames whatever
// the chunking, and clear refusals of malformed WAV files.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "test_support.h"
#include "tinyml/audio.h"

namespace {

using tml_test::ReadFile;
using tml_test::Runner;
using tml_test::SharedDir;

const int kFeatures = TML_AUDIO_FEATURES;

std::string AudioDir(const std::string &shared) { return shared + "/conformance/audio/"; }

uint32_t Le32(const std::vector<uint8_t> &b, size_t at) {
  return b[at] | b[at + 1] << 8 | b[at + 2] << 16 | static_cast<uint32_t>(b[at + 3]) << 24;
}

// The samples of a 16-bit mono WAV (the shared recordings): the data chunk, found by walking the chunks.
std::vector<int16_t> WavSamples(const std::string &path) {
  std::vector<uint8_t> b = ReadFile(path);
  std::vector<int16_t> samples;
  for (size_t pos = 12; pos + 8 <= b.size();) {
    const uint32_t size = Le32(b, pos + 4);
    if (std::equal(b.begin() + pos, b.begin() + pos + 4, "data")) {
      for (size_t i = pos + 8; i + 1 < pos + 8 + size && i + 1 < b.size(); i += 2)
        samples.push_back(static_cast<int16_t>(b[i] | b[i + 1] << 8));
      break;
    }
    pos += 8 + size + (size & 1);
  }
  return samples;
}

// Frames for samples pushed in chunks of chunk samples (0: all at once) into a frontend fresh from init.
std::vector<int8_t> Features(const std::vector<int16_t> &samples, size_t chunk = 0) {
  tml_audio_frontend frontend;
  EXPECT_EQ(tml_audio_init(&frontend), TML_OK);
  std::vector<int8_t> frames, buffer(64 * kFeatures);
  if (chunk == 0) chunk = std::max<size_t>(samples.size(), 1);
  for (size_t at = 0; at < samples.size(); at += chunk) {
    const uint32_t count = static_cast<uint32_t>(std::min(chunk, samples.size() - at));
    uint32_t consumed = 0, written = 0;
    EXPECT_EQ(tml_audio_push(&frontend, samples.data() + at, count, buffer.data(), 64, &consumed, &written), TML_OK)
        << tml_audio_error(&frontend);
    EXPECT_EQ(consumed, count);
    frames.insert(frames.end(), buffer.begin(), buffer.begin() + written * kFeatures);
  }
  return frames;
}

std::vector<int8_t> AsInt8(const std::vector<uint8_t> &bytes) { return std::vector<int8_t>(bytes.begin(), bytes.end()); }

// 1.3 s of speech-like test signal without ../shared: two drifting tones, a decaying burst and a little noise.
std::vector<int16_t> SyntheticSignal(size_t n = 20800) {
  std::vector<int16_t> s(n);
  uint32_t noise = 12345;
  for (size_t i = 0; i < n; i++) {
    noise = noise * 1103515245u + 12345u;
    const double t = static_cast<double>(i) / TML_AUDIO_SAMPLE_RATE;
    const double burst = (i % 7000) < 3000 ? 9000.0 * (1.0 - (i % 7000) / 3000.0) : 0.0;
    const double v = 3000.0 * std::sin(2 * 3.14159265358979 * (300 + 200 * t) * t) +
                     burst * std::sin(2 * 3.14159265358979 * 1800 * t) + static_cast<double>((noise >> 16) % 400) - 200;
    s[i] = static_cast<int16_t>(v);
  }
  return s;
}

// ---- bit-exact against the gold features ----

class AudioFrontendGold : public ::testing::TestWithParam<std::string> {};

TEST_P(AudioFrontendGold, FeaturesAreBitExactWithTfliteMicro) {
  const std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/conformance not found (set TML_SHARED_DIR): gold features not checked";
  const std::string wav = GetParam();
  const std::vector<int16_t> samples = WavSamples(AudioDir(shared) + wav + ".wav");
  ASSERT_FALSE(samples.empty());
  const std::vector<int8_t> gold = AsInt8(ReadFile(AudioDir(shared) + "gold/" + wav + ".features.bin"));
  ASSERT_FALSE(gold.empty());
  const std::vector<int8_t> ours = Features(samples);
  ASSERT_EQ(ours.size(), gold.size());
  for (size_t i = 0; i < gold.size(); i++)
    ASSERT_EQ(ours[i], gold[i]) << "frame " << i / kFeatures << " channel " << i % kFeatures;
}

INSTANTIATE_TEST_SUITE_P(Wavs, AudioFrontendGold,
                         ::testing::Values("yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms", "yes_30ms",
                                           "no_30ms"),
                         [](const ::testing::TestParamInfo<std::string> &info) { return info.param; });

// ---- end to end: WAV -> frontend -> micro_speech model ----

class AudioFrontendKeyword : public ::testing::TestWithParam<std::string> {};

TEST_P(AudioFrontendKeyword, ModelScoresEqualGoldAndNameTheExpectedLabel) {
  const std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/conformance not found (set TML_SHARED_DIR): end to end not checked";
  const std::string wav = GetParam();
  const std::vector<int8_t> features = Features(WavSamples(AudioDir(shared) + wav + ".wav"));
  ASSERT_EQ(features.size(), 49u * kFeatures);

  Runner run(ReadFile(shared + "/conformance/models/micro_speech_quantized.tflite"));
  ASSERT_TRUE(run.ok()) << run.error;
  ASSERT_TRUE(run.SetInputs(std::vector<uint8_t>(features.begin(), features.end())));
  ASSERT_EQ(run.Invoke(), TML_OK) << tml_interpreter_error(&run.interpreter);
  const std::vector<uint8_t> scores = run.Outputs();
  EXPECT_EQ(scores, ReadFile(AudioDir(shared) + "gold/" + wav + ".scores.bin"));

  std::vector<uint8_t> json = ReadFile(AudioDir(shared) + "expected_labels.json");
  const std::string text(json.begin(), json.end());
  std::smatch labels_match, expected_match;
  ASSERT_TRUE(std::regex_search(text, labels_match, std::regex("\"labels\"\\s*:\\s*\\[([^\\]]*)\\]")));
  const std::string label_list = labels_match[1];
  std::vector<std::string> labels;
  const std::regex quoted("\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(label_list.begin(), label_list.end(), quoted); it != std::sregex_iterator(); ++it)
    labels.push_back((*it)[1]);
  ASSERT_TRUE(std::regex_search(text, expected_match, std::regex("\"" + wav + "\\.wav\"\\s*:\\s*\"([^\"]*)\"")));
  ASSERT_EQ(scores.size(), labels.size());
  std::vector<int8_t> signed_scores = AsInt8(scores);
  const size_t best = std::max_element(signed_scores.begin(), signed_scores.end()) - signed_scores.begin();
  EXPECT_EQ(labels[best], expected_match[1].str());
}

INSTANTIATE_TEST_SUITE_P(OneSecondWavs, AudioFrontendKeyword,
                         ::testing::Values("yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms"),
                         [](const ::testing::TestParamInfo<std::string> &info) { return info.param; });

// ---- upstream test vectors (first frame, noise estimate zero; micro_speech_test.cc) ----

void ExpectFirstFrame(const std::string &wav, const std::vector<int> &expected) {
  const std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/conformance not found (set TML_SHARED_DIR): test vector not checked";
  const std::vector<int16_t> samples = WavSamples(AudioDir(shared) + wav + ".wav");
  ASSERT_EQ(samples.size(), static_cast<size_t>(TML_AUDIO_WINDOW_SAMPLES));
  const std::vector<int8_t> frame = Features(samples);
  ASSERT_EQ(frame.size(), expected.size());
  for (size_t i = 0; i < expected.size(); i++) EXPECT_EQ(frame[i], expected[i]) << "channel " << i;
}

TEST(AudioFrontendVectors, Yes30msFirstFrameMatchesUpstreamGolden) {
  ExpectFirstFrame("yes_30ms", {124, 105, 126, 103, 125, 101, 123, 100, 116, 98, 115, 97, 113, 90,  91, 82,  104, 96, 117, 97,
                                121, 103, 126, 101, 125, 104, 126, 104, 125, 101, 116, 90, 81,  74, 80, 71, 83,  76, 82,  71});
}

TEST(AudioFrontendVectors, No30msFirstFrameMatchesUpstreamGolden) {
  ExpectFirstFrame("no_30ms", {126, 103, 124, 102, 124, 102, 123, 100, 118, 97, 118, 100, 118, 98, 121, 100, 121, 98, 117, 91,
                               96,  74,  54,  87,  100, 87,  109, 92,  91,  80, 64,  55,  83,  74, 74,  78,  114, 95, 101, 81});
}

// ---- streaming ----

class AudioFrontendChunks : public ::testing::TestWithParam<size_t> {};

TEST_P(AudioFrontendChunks, GiveTheSameFramesAsOnePush) {
  const std::vector<int16_t> signal = SyntheticSignal();
  const std::vector<int8_t> whole = Features(signal);
  ASSERT_EQ(whole.size(), static_cast<size_t>(1 + (signal.size() - 480) / 320) * kFeatures);
  EXPECT_EQ(Features(signal, GetParam()), whole);
}

INSTANTIATE_TEST_SUITE_P(Sizes, AudioFrontendChunks, ::testing::Values(1, 7, 160, 320, 1000, 20800),
                         [](const ::testing::TestParamInfo<size_t> &info) {
                           return "Of" + std::to_string(info.param) + "Samples";
                         });

TEST(AudioFrontendStreaming, FirstFrameAfter480SamplesThenEvery320) {
  const std::vector<int16_t> signal = SyntheticSignal(2000);
  tml_audio_frontend frontend;
  ASSERT_EQ(tml_audio_init(&frontend), TML_OK);
  std::vector<size_t> completed_at;
  int8_t frame[TML_AUDIO_FEATURES];
  for (size_t i = 0; i < signal.size(); i++) {
    uint32_t consumed = 0, written = 0;
    ASSERT_EQ(tml_audio_push(&frontend, &signal[i], 1, frame, 1, &consumed, &written), TML_OK);
    if (written) completed_at.push_back(i + 1);
  }
  EXPECT_EQ(completed_at, (std::vector<size_t>{480, 800, 1120, 1440, 1760}));
  EXPECT_EQ(frontend.frames, 5u);
}

TEST(AudioFrontendStreaming, PushStopsBeforeAWindowWithNoRoomForItsFrame) {
  const std::vector<int16_t> signal = SyntheticSignal(1500);
  tml_audio_frontend frontend;
  ASSERT_EQ(tml_audio_init(&frontend), TML_OK);
  std::vector<int8_t> frames(4 * kFeatures);
  uint32_t consumed = 0, written = 0;
  ASSERT_EQ(tml_audio_push(&frontend, signal.data(), 1500, nullptr, 0, &consumed, &written), TML_OK);
  EXPECT_EQ(consumed, 479u);
  EXPECT_EQ(written, 0u);
  ASSERT_EQ(tml_audio_push(&frontend, signal.data() + 479, 1500 - 479, frames.data(), 1, &consumed, &written), TML_OK);
  EXPECT_EQ(consumed, 800u - 479u - 1u); // the frame at 480, then up to one short of the window ending at 800
  EXPECT_EQ(written, 1u);
  const uint32_t at = 479 + consumed;
  ASSERT_EQ(tml_audio_push(&frontend, signal.data() + at, 1500 - at, frames.data() + kFeatures, 3, &consumed, &written),
            TML_OK);
  EXPECT_EQ(consumed, 1500u - at);
  EXPECT_EQ(written, 3u); // windows ending at 800, 1120, 1440
  EXPECT_EQ(frames, Features(signal));
}

TEST(AudioFrontendStreaming, NoiseEstimateCarriesAcrossFrames) {
  // The last window of a long signal, computed after the frames before it, differs from the same window alone.
  const std::vector<int16_t> signal = SyntheticSignal(16000);
  const std::vector<int8_t> frames = Features(signal);
  ASSERT_EQ(frames.size(), 49u * kFeatures);
  const std::vector<int16_t> last_window(signal.begin() + 48 * 320, signal.begin() + 48 * 320 + 480);
  EXPECT_NE(std::vector<int8_t>(frames.end() - kFeatures, frames.end()), Features(last_window));
}

// ---- reset ----

TEST(AudioFrontendReset, RestoresFirstFrameBehaviour) {
  const std::vector<int16_t> history = SyntheticSignal(16000);
  const std::vector<int16_t> window(history.begin() + 5000, history.begin() + 5480);
  tml_audio_frontend frontend;
  ASSERT_EQ(tml_audio_init(&frontend), TML_OK);
  std::vector<int8_t> frames(64 * kFeatures);
  uint32_t consumed = 0, written = 0;
  ASSERT_EQ(tml_audio_push(&frontend, history.data(), 16000 - 100, frames.data(), 64, &consumed, &written), TML_OK);
  ASSERT_GT(frontend.buffered, 0u);

  ASSERT_EQ(tml_audio_reset(&frontend), TML_OK);
  ASSERT_EQ(tml_audio_push(&frontend, window.data(), 479, frames.data(), 64, &consumed, &written), TML_OK);
  EXPECT_EQ(written, 0u) << "buffered samples survived the reset";
  ASSERT_EQ(tml_audio_push(&frontend, window.data() + 479, 1, frames.data(), 64, &consumed, &written), TML_OK);
  ASSERT_EQ(written, 1u);
  EXPECT_EQ(std::vector<int8_t>(frames.begin(), frames.begin() + kFeatures), Features(window))
      << "the noise estimate survived the reset";
  EXPECT_EQ(frontend.frames, 1u);
}

// ---- edge inputs and misuse ----

TEST(AudioFrontendInput, SilenceGivesTheLowestFeatureValue) {
  const std::vector<int8_t> frames = Features(std::vector<int16_t>(800, 0));
  EXPECT_EQ(frames, std::vector<int8_t>(2 * kFeatures, -128));
}

TEST(AudioFrontendInput, MinusFullScaleAtTheWindowPeakWrapsAwayAsInTheReference) {
  // The reference's running max-abs is an int16: -32768 (at a sample where the window is exactly 1) turns it
  // negative, the next value replaces it, and the shift then chosen from the small values after it wraps the
  // -32768 to 0. So the frame equals that of the same window without it.
  std::vector<int16_t> with_peak(480, 0), without(480, 0);
  with_peak[300] = without[300] = 50;
  with_peak[240] = -32768;
  EXPECT_EQ(Features(with_peak), Features(without));
}

TEST(AudioFrontendMisuse, PushBeforeInitIsRefusedWithAReason) {
  tml_audio_frontend frontend;
  std::memset(&frontend, 0, sizeof frontend);
  int16_t sample = 0;
  uint32_t consumed = 7, written = 7;
  EXPECT_EQ(tml_audio_push(&frontend, &sample, 1, nullptr, 0, &consumed, &written), TML_ERROR_STATE);
  EXPECT_NE(std::string(tml_audio_error(&frontend)).find("tml_audio_init"), std::string::npos);
  EXPECT_EQ(consumed, 0u);
  EXPECT_EQ(written, 0u);
}

TEST(AudioFrontendMisuse, NullBuffersAreRefusedWithAReason) {
  tml_audio_frontend frontend;
  ASSERT_EQ(tml_audio_init(&frontend), TML_OK);
  int16_t samples[4] = {0};
  uint32_t consumed = 0, written = 0;
  EXPECT_EQ(tml_audio_push(&frontend, nullptr, 4, nullptr, 0, &consumed, &written), TML_ERROR_ARGUMENT);
  EXPECT_NE(std::string(tml_audio_error(&frontend)).find("samples"), std::string::npos);
  EXPECT_EQ(tml_audio_push(&frontend, samples, 4, nullptr, 2, &consumed, &written), TML_ERROR_ARGUMENT);
  EXPECT_NE(std::string(tml_audio_error(&frontend)).find("frames"), std::string::npos);
  EXPECT_EQ(tml_audio_push(&frontend, samples, 4, nullptr, 0, nullptr, &written), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_audio_push(nullptr, samples, 4, nullptr, 0, &consumed, &written), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_audio_init(nullptr), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_audio_reset(nullptr), TML_ERROR_ARGUMENT);
}

// ---- tinyml-features ----

// The tool beside this test binary (both land in the build's bin/).
std::string FeaturesTool() {
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return {};
  self[n] = '\0';
  const std::string tool = std::filesystem::path(self).parent_path() / "tinyml-features";
  return tml_test::FileExists(tool) ? tool : std::string();
}

struct ToolRun {
  int exit_code = -1;
  std::string err;
  std::vector<uint8_t> out;
};

// A folder of this process's scratch WAV files, removed when the tests end.
struct ScratchDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("tinyml_features_test_" + std::to_string(static_cast<long>(getpid())));
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

std::filesystem::path TempDir() {
  static ScratchDir scratch;
  std::filesystem::create_directories(scratch.path);
  return scratch.path;
}

ToolRun RunTool(const std::string &tool, const std::string &wav_path) {
  const std::filesystem::path dir = TempDir();
  const std::string out = dir / "out.bin", err = dir / "err.txt";
  std::filesystem::remove(out);
  const std::string command = "'" + tool + "' '" + wav_path + "' '" + out + "' >/dev/null 2>'" + err + "'";
  const int status = std::system(command.c_str());
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::vector<uint8_t> e = ReadFile(err);
  run.err.assign(e.begin(), e.end());
  run.out = ReadFile(out);
  return run;
}

void Put16(std::vector<uint8_t> &b, uint32_t v) {
  b.push_back(v & 0xFF);
  b.push_back((v >> 8) & 0xFF);
}
void Put32(std::vector<uint8_t> &b, uint32_t v) {
  Put16(b, v & 0xFFFF);
  Put16(b, v >> 16);
}
void PutChunk(std::vector<uint8_t> &b, const char *id, const std::vector<uint8_t> &body, uint32_t declared) {
  b.insert(b.end(), id, id + 4);
  Put32(b, declared);
  b.insert(b.end(), body.begin(), body.end());
  if (body.size() & 1) b.push_back(0);
}
void PutChunk(std::vector<uint8_t> &b, const char *id, const std::vector<uint8_t> &body) {
  PutChunk(b, id, body, static_cast<uint32_t>(body.size()));
}

std::vector<uint8_t> Fmt(uint32_t format, uint32_t channels, uint32_t rate, uint32_t bits) {
  std::vector<uint8_t> f;
  Put16(f, format);
  Put16(f, channels);
  Put32(f, rate);
  Put32(f, rate * channels * bits / 8);
  Put16(f, channels * bits / 8);
  Put16(f, bits);
  return f;
}

std::vector<uint8_t> ExtensibleFmt(uint32_t subformat) {
  std::vector<uint8_t> f = Fmt(0xFFFE, 1, 16000, 16);
  Put16(f, 22);     // extension size
  Put16(f, 16);     // valid bits
  Put32(f, 4);      // channel mask: front centre
  Put16(f, subformat);
  const uint8_t tail[14] = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
  f.insert(f.end(), tail, tail + 14);
  return f;
}

std::vector<uint8_t> Pcm(const std::vector<int16_t> &samples) {
  std::vector<uint8_t> d;
  for (int16_t s : samples) Put16(d, static_cast<uint16_t>(s));
  return d;
}

std::vector<uint8_t> Riff(const std::vector<uint8_t> &chunks, const char *form = "WAVE") {
  std::vector<uint8_t> b = {'R', 'I', 'F', 'F'};
  Put32(b, static_cast<uint32_t>(4 + chunks.size()));
  b.insert(b.end(), form, form + 4);
  b.insert(b.end(), chunks.begin(), chunks.end());
  return b;
}

std::vector<uint8_t> Wav(const std::vector<uint8_t> &fmt, const std::vector<int16_t> &samples) {
  std::vector<uint8_t> chunks;
  PutChunk(chunks, "fmt ", fmt);
  PutChunk(chunks, "data", Pcm(samples));
  return Riff(chunks);
}

std::string WriteTemp(const std::string &name, const std::vector<uint8_t> &bytes) {
  const std::string path = TempDir() / name;
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (f) {
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  return path;
}

struct BadWav {
  std::string name;
  std::vector<uint8_t> bytes;
  std::string message; // a part of the one-line reason
};

void PrintTo(const BadWav &bad, std::ostream *os) { *os << bad.name; }

std::vector<BadWav> BadWavs() {
  const std::vector<int16_t> pcm(1000, 100);
  std::vector<BadWav> cases;
  cases.push_back({"NotRiff", std::vector<uint8_t>{'O', 'g', 'g', 'S', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "not a RIFF/WAVE file"});
  {
    std::vector<uint8_t> chunks;
    PutChunk(chunks, "fmt ", Fmt(1, 1, 16000, 16));
    cases.push_back({"RiffButNotWave", Riff(chunks, "AVI "), "not a RIFF/WAVE file"});
  }
  cases.push_back({"FloatSamples", Wav(Fmt(3, 1, 16000, 32), pcm), "not PCM"});
  cases.push_back({"ExtensibleNonPcmSubformat", Wav(ExtensibleFmt(3), pcm), "not PCM"});
  cases.push_back({"EightBitSamples", Wav(Fmt(1, 1, 16000, 8), pcm), "8-bit"});
  cases.push_back({"Stereo", Wav(Fmt(1, 2, 16000, 16), pcm), "2 channels"});
  cases.push_back({"EightKilohertz", Wav(Fmt(1, 1, 8000, 16), pcm), "sample rate 8000"});
  {
    std::vector<uint8_t> chunks;
    PutChunk(chunks, "fmt ", Fmt(1, 1, 16000, 16));
    PutChunk(chunks, "data", Pcm(pcm), 4000); // declares more than the file holds
    cases.push_back({"TruncatedDataChunk", Riff(chunks), "truncated data chunk"});
  }
  {
    std::vector<uint8_t> chunks;
    std::vector<uint8_t> fmt = Fmt(1, 1, 16000, 16);
    fmt.resize(10);
    PutChunk(chunks, "fmt ", fmt, 16); // the file ends inside the fmt chunk
    cases.push_back({"TruncatedFmtChunk", Riff(chunks), "truncated fmt chunk"});
  }
  {
    std::vector<uint8_t> chunks;
    std::vector<uint8_t> fmt = Fmt(1, 1, 16000, 16);
    fmt.resize(12); // a complete chunk, too short for a WAVE format
    PutChunk(chunks, "fmt ", fmt);
    PutChunk(chunks, "data", Pcm(pcm));
    cases.push_back({"ShortFmtChunk", Riff(chunks), "truncated fmt chunk"});
  }
  {
    std::vector<uint8_t> chunks;
    PutChunk(chunks, "data", Pcm(pcm));
    cases.push_back({"MissingFmtChunk", Riff(chunks), "no fmt chunk"});
  }
  {
    std::vector<uint8_t> chunks;
    PutChunk(chunks, "fmt ", Fmt(1, 1, 16000, 16));
    cases.push_back({"MissingDataChunk", Riff(chunks), "no data chunk"});
  }
  return cases;
}

class AudioFeaturesToolRefuses : public ::testing::TestWithParam<BadWav> {};

TEST_P(AudioFeaturesToolRefuses, WithANonZeroExitAndAOneLineReason) {
  const std::string tool = FeaturesTool();
  if (tool.empty()) GTEST_SKIP() << "tinyml-features not built beside the test binary";
  const BadWav &bad = GetParam();
  const ToolRun run = RunTool(tool, WriteTemp(bad.name + ".wav", bad.bytes));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find(bad.message), std::string::npos) << "stderr: " << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << "stderr: " << run.err;
}

INSTANTIATE_TEST_SUITE_P(MalformedWavs, AudioFeaturesToolRefuses, ::testing::ValuesIn(BadWavs()),
                         [](const ::testing::TestParamInfo<BadWav> &info) { return info.param.name; });

TEST(AudioFeaturesTool, AcceptsChunksInAnyOrderWithUnknownOddSizedChunks) {
  const std::string tool = FeaturesTool();
  if (tool.empty()) GTEST_SKIP() << "tinyml-features not built beside the test binary";
  const std::vector<int16_t> signal = SyntheticSignal(16000);
  std::vector<uint8_t> chunks;
  PutChunk(chunks, "LIST", std::vector<uint8_t>(7, 'x')); // odd size: one pad byte follows
  PutChunk(chunks, "data", Pcm(signal));
  PutChunk(chunks, "junk", std::vector<uint8_t>(3, 0));
  PutChunk(chunks, "fmt ", Fmt(1, 1, 16000, 16));
  const ToolRun run = RunTool(tool, WriteTemp("reordered.wav", Riff(chunks)));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(AsInt8(run.out), Features(signal));
  EXPECT_EQ(run.out.size(), 49u * kFeatures);
}

TEST(AudioFeaturesTool, AcceptsWaveFormatExtensibleWithPcmSubformat) {
  const std::string tool = FeaturesTool();
  if (tool.empty()) GTEST_SKIP() << "tinyml-features not built beside the test binary";
  const std::vector<int16_t> signal = SyntheticSignal(800);
  const ToolRun run = RunTool(tool, WriteTemp("extensible.wav", Wav(ExtensibleFmt(1), signal)));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(AsInt8(run.out), Features(signal));
}

TEST(AudioFeaturesTool, WritesNoFrameForLessThan30ms) {
  const std::string tool = FeaturesTool();
  if (tool.empty()) GTEST_SKIP() << "tinyml-features not built beside the test binary";
  const ToolRun run = RunTool(tool, WriteTemp("short.wav", Wav(Fmt(1, 1, 16000, 16), SyntheticSignal(479))));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.empty());
}

class AudioFeaturesToolGold : public ::testing::TestWithParam<std::string> {};

TEST_P(AudioFeaturesToolGold, WritesTheGoldFeatures) {
  const std::string tool = FeaturesTool();
  if (tool.empty()) GTEST_SKIP() << "tinyml-features not built beside the test binary";
  const std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/conformance not found (set TML_SHARED_DIR): gold features not checked";
  const ToolRun run = RunTool(tool, AudioDir(shared) + GetParam() + ".wav");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, ReadFile(AudioDir(shared) + "gold/" + GetParam() + ".features.bin"));
}

INSTANTIATE_TEST_SUITE_P(Wavs, AudioFeaturesToolGold,
                         ::testing::Values("yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms", "yes_30ms",
                                           "no_30ms"),
                         [](const ::testing::TestParamInfo<std::string> &info) { return info.param; });

}  // namespace
