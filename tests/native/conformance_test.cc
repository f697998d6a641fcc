// Conformance: every real model in ../shared/conformance bit-exact on its gold pairs (made by TFLite Micro's
// reference kernels), and an arena no larger than TFLite Micro's.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "test_support.h"

namespace {

using tml_test::ReadFile;
using tml_test::Runner;
using tml_test::SharedDir;

struct ModelResult {
  std::string ops;
  int exact_pairs = 0;
  int pairs = 0;
  uint32_t arena = 0;
  long reference_arena = -1;
};

std::map<std::string, ModelResult> &Results() {
  static std::map<std::string, ModelResult> results;
  return results;
}

// Model names and reference arenas from manifest.json (flat enough for a regular expression).
std::map<std::string, long> Manifest(const std::string &shared) {
  std::vector<uint8_t> bytes = ReadFile(shared + "/conformance/vectors/manifest.json");
  std::string text(bytes.begin(), bytes.end());
  std::map<std::string, long> models;
  std::regex entry("\"([A-Za-z0-9_]+)\\.tflite\"\\s*:\\s*\\{");
  std::regex arena("\"reference_arena_bytes\"\\s*:\\s*([0-9]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), entry); it != std::sregex_iterator(); ++it) {
    std::string rest = text.substr(it->position() + it->length());
    std::smatch m;
    models[(*it)[1]] = std::regex_search(rest, m, arena) ? std::stol(m[1]) : -1;
  }
  return models;
}

std::string OpSet(const tml_model &model) {
  std::set<std::string> names;
  for (int32_t i = 0; i < tml_model_operator_count(&model); i++) names.insert(tml_model_operator_name(&model, i));
  std::string s;
  for (const auto &n : names) s += (s.empty() ? "" : " ") + n;
  return s;
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, BitExactOnGoldPairsWithinReferenceArena) {
  const std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/conformance not found (set TML_SHARED_DIR): conformance not checked";
  const std::string name = GetParam();
  const auto manifest = Manifest(shared);
  ASSERT_TRUE(manifest.count(name)) << name << " missing from manifest.json";
  std::vector<uint8_t> bytes = ReadFile(shared + "/conformance/models/" + name + ".tflite");
  ASSERT_FALSE(bytes.empty());
  Runner run(bytes);
  ASSERT_TRUE(run.ok()) << run.error;
  ModelResult &result = Results()[name];
  result.ops = OpSet(run.model);
  result.arena = run.plan.arena_bytes;
  result.reference_arena = manifest.at(name);
  for (int k = 0; k < 3; k++) {
    const std::string dir = shared + "/conformance/vectors/" + name + "/";
    std::vector<uint8_t> in = ReadFile(dir + "input_" + std::to_string(k) + ".bin");
    std::vector<uint8_t> gold = ReadFile(dir + "output_" + std::to_string(k) + ".bin");
    ASSERT_TRUE(run.SetInputs(in)) << "input_" << k << " has the wrong size";
    ASSERT_EQ(run.Invoke(), TML_OK);
    std::vector<uint8_t> out = run.Outputs();
    result.pairs++;
    size_t differing = 0;
    for (size_t i = 0; i < out.size() && i < gold.size(); i++) differing += out[i] != gold[i];
    EXPECT_EQ(out.size(), gold.size());
    EXPECT_EQ(differing, 0u) << name << " pair " << k << ": " << differing << " of " << gold.size() << " bytes differ";
    if (differing == 0 && out.size() == gold.size()) result.exact_pairs++;
  }
  EXPECT_LE(static_cast<long>(result.arena), result.reference_arena) << "arena larger than TFLite Micro's";
}

std::vector<std::string> ModelNames() {
  const std::string shared = SharedDir();
  std::vector<std::string> names;
  if (shared.empty()) return {"(shared directory absent)"};
  for (const auto &entry : Manifest(shared)) names.push_back(entry.first);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Models, Conformance, ::testing::ValuesIn(ModelNames()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           std::string s = info.param;
                           for (char &c : s)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });

// Prints the per-model table once all conformance tests ran.
class TableEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (Results().empty()) return;
    std::printf("\n%-30s %-9s %-14s %-11s %s\n", "model", "bit-exact", "arena (ours)", "TFLM arena", "ops");
    for (const auto &[name, r] : Results())
      std::printf("%-30s %-9s %-14u %-11ld %s\n", name.c_str(),
                  r.exact_pairs == r.pairs && r.pairs == 3 ? "yes" : "NO", r.arena, r.reference_arena, r.ops.c_str());
  }
};
const auto *const kTable = ::testing::AddGlobalTestEnvironment(new TableEnvironment);

}  // namespace
