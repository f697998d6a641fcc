// Robustness: a real model truncated at every byte, and its offsets corrupted, always gives an error code (or
// a model that runs safely), never a crash or a read outside the given bytes. Under AddressSanitizer the bytes
// past the truncation point are poisoned, so any read beyond them aborts the test.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "test_support.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TML_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TML_ASAN 1
#endif
#ifdef TML_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace {

using tml_test::AlignedBuffer;
using tml_test::ReadFile;
using tml_test::SharedDir;

constexpr size_t kMaxArenaToRun = 1 << 20;

// Loads, plans, initializes and (if small) runs the model in bytes[0, size); returns the first failing status.
tml_status LoadAndRun(const uint8_t *bytes, size_t size, bool run) {
  tml_model model;
  tml_status st = tml_model_load(&model, bytes, size);
  if (st != TML_OK) {
    EXPECT_STRNE(tml_model_error(&model), "") << "an error without a reason";
    return st;
  }
  AlignedBuffer workspace(tml_plan_workspace_bytes(&model));
  tml_plan plan;
  st = tml_plan_make(&plan, &model, workspace.data, workspace.size);
  if (st != TML_OK) {
    EXPECT_STRNE(tml_plan_error(&plan), "");
    return st;
  }
  if (!run || plan.arena_bytes > kMaxArenaToRun) return TML_OK;
  AlignedBuffer arena(plan.arena_bytes);
  tml_interpreter it;
  st = tml_interpreter_init(&it, &plan, arena.data, arena.size);
  if (st != TML_OK) return st;
  return tml_invoke(&it);
}

std::vector<uint8_t> SharedModel(const std::string &name) {
  const std::string shared = SharedDir();
  if (shared.empty()) return {};
  return ReadFile(shared + "/conformance/models/" + name);
}

class Truncation : public ::testing::TestWithParam<std::string> {};

TEST_P(Truncation, EveryPrefixOfARealModelFailsCleanly) {
  std::vector<uint8_t> model = SharedModel(GetParam());
  if (model.empty()) GTEST_SKIP() << "../shared/conformance not found (set TML_SHARED_DIR): truncation not checked";
  AlignedBuffer buf(model.size());
  std::copy(model.begin(), model.end(), buf.data);
  size_t loaded = 0;
  for (size_t n = 0; n < model.size(); n++) {
    POISON(buf.data + n, model.size() - n);
    tml_status st = LoadAndRun(buf.data, n, false);
    UNPOISON(buf.data + n, model.size() - n);
    ASSERT_TRUE(st == TML_OK || st == TML_ERROR_MODEL || st == TML_ERROR_UNSUPPORTED) << "prefix " << n << ": status " << st;
    loaded += st == TML_OK;
  }
  EXPECT_EQ(loaded, 0u) << "a truncated model loaded";
  EXPECT_EQ(LoadAndRun(buf.data, model.size(), true), TML_OK) << "the whole model must still load";
}

INSTANTIATE_TEST_SUITE_P(Models, Truncation,
                         ::testing::Values("hello_world_int8.tflite", "simple_add_int8.tflite",
                                           "micro_speech_quantized.tflite", "mlperf_kws_ref_int8.tflite"),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

class Corruption : public ::testing::TestWithParam<std::string> {};

// Overwrites every aligned 32-bit word of the FlatBuffer's structure (everything but the large weight blobs is
// dense with offsets, lengths and indices) with hostile values, then loads and, when it loads, runs the model.
TEST_P(Corruption, HostileWordsAnywhereNeverCrash) {
  std::vector<uint8_t> model = SharedModel(GetParam());
  if (model.empty()) GTEST_SKIP() << "../shared/conformance not found (set TML_SHARED_DIR): corruption not checked";
  const uint32_t hostile[] = {0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0u, 1u, static_cast<uint32_t>(model.size()),
                              static_cast<uint32_t>(model.size() - 4), 0x10000u};
  std::mt19937 rng(1234);
  // Constant tensor data holds no structure: skip words inside it (they only change weights).
  std::vector<bool> weight_byte(model.size(), false);
  {
    tml_test::Runner original(model);
    ASSERT_TRUE(original.ok()) << original.error;
    for (int32_t t = 0; t < tml_model_tensor_count(&original.model); t++) {
      tml_tensor_placement p;
      ASSERT_EQ(tml_plan_tensor(&original.plan, t, &p), TML_OK);
      if (p.storage == TML_STORAGE_MODEL) std::fill(weight_byte.begin() + p.offset, weight_byte.begin() + p.offset + p.bytes, true);
    }
  }
  AlignedBuffer buf(model.size());
  size_t runs = 0, rejected = 0;
  for (size_t pos = 0; pos + 4 <= model.size(); pos += 4) {
    if (weight_byte[pos] && weight_byte[pos + 3]) continue;
    for (uint32_t value : hostile) {
      std::copy(model.begin(), model.end(), buf.data);
      uint32_t v = value == 0x10000u ? rng() : value;
      std::memcpy(buf.data + pos, &v, 4);
      tml_status st = LoadAndRun(buf.data, model.size(), true);
      ASSERT_TRUE(st == TML_OK || st == TML_ERROR_MODEL || st == TML_ERROR_UNSUPPORTED)
          << "word at " << pos << " = " << v << ": status " << st;
      runs++;
      rejected += st != TML_OK;
    }
  }
  EXPECT_GT(rejected, 0u);
  RecordProperty("cases", static_cast<int>(runs));
}

INSTANTIATE_TEST_SUITE_P(Models, Corruption,
                         ::testing::Values("hello_world_int8.tflite", "simple_add_int8.tflite",
                                           "micro_speech_quantized.tflite"),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

TEST(Robustness, NullAndTinyInputsAreArgumentOrModelErrors) {
  tml_model model;
  EXPECT_EQ(tml_model_load(nullptr, nullptr, 0), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_model_load(&model, nullptr, 10), TML_ERROR_ARGUMENT);
  const uint8_t zeros[16] = {};
  EXPECT_EQ(tml_model_load(&model, zeros, sizeof zeros), TML_ERROR_MODEL);
  EXPECT_NE(std::string(tml_model_error(&model)).find("TFL3"), std::string::npos) << tml_model_error(&model);
}

TEST(Robustness, InterpreterRefusesWorkOutOfOrder) {
  tml_interpreter it;
  tml_plan plan{};
  uint8_t arena[64];
  EXPECT_EQ(tml_interpreter_init(&it, &plan, arena, sizeof arena), TML_ERROR_STATE);
  EXPECT_EQ(tml_invoke(&it), TML_ERROR_STATE);
  int done = 0;
  EXPECT_EQ(tml_invoke_op(&it, &done), TML_ERROR_STATE);
}

TEST(Robustness, ArenaTooSmallIsReportedWithTheNeededSize) {
  std::vector<uint8_t> bytes = SharedModel("micro_speech_quantized.tflite");
  if (bytes.empty()) GTEST_SKIP() << "../shared/conformance not found (set TML_SHARED_DIR)";
  tml_test::Runner run(bytes);
  ASSERT_TRUE(run.ok()) << run.error;
  AlignedBuffer small(run.plan.arena_bytes - 4);
  tml_interpreter it;
  EXPECT_EQ(tml_interpreter_init(&it, &run.plan, small.data, small.size), TML_ERROR_ARENA);
  EXPECT_NE(std::string(tml_interpreter_error(&it)).find(std::to_string(run.plan.arena_bytes)), std::string::npos)
      << tml_interpreter_error(&it);
  EXPECT_EQ(tml_interpreter_init(&it, &run.plan, small.data + 1, small.size - 4), TML_ERROR_ARENA) << "misaligned";
}

}  // namespace
