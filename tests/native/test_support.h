// Helpers shared by the native tests: files, ../shared, and a model run end to end through the public API.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "tinyml/tinyml.h"

namespace tml_test {

inline std::vector<uint8_t> ReadFile(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return {};
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

inline bool FileExists(const std::string &path) { return std::ifstream(path).good(); }

// ../shared beside the repository (TML_SHARED_DIR overrides); empty when it is not there.
inline std::string SharedDir() {
  const char *env = std::getenv("TML_SHARED_DIR");
  std::string dir = env ? env : TML_SHARED_DIR;
  return FileExists(dir + "/conformance/vectors/manifest.json") ? dir : std::string();
}

// Memory aligned for the engine (models and arenas want 4-byte alignment; 16 is kind to everything).
struct AlignedBuffer {
  explicit AlignedBuffer(size_t n = 0) : size(n), data(static_cast<uint8_t *>(std::aligned_alloc(16, (n + 15) / 16 * 16 + 16))) {
    std::fill(data, data + (n + 15) / 16 * 16 + 16, 0);
  }
  ~AlignedBuffer() { std::free(data); }
  AlignedBuffer(const AlignedBuffer &) = delete;
  AlignedBuffer &operator=(const AlignedBuffer &) = delete;
  size_t size;
  uint8_t *data;
};

// A model loaded, planned and initialized; the error text of the step that failed, if any.
struct Runner {
  explicit Runner(const std::vector<uint8_t> &bytes) : model_bytes(bytes.size()) {
    std::copy(bytes.begin(), bytes.end(), model_bytes.data);
    status = tml_model_load(&model, model_bytes.data, bytes.size());
    if (status != TML_OK) { error = tml_model_error(&model); return; }
    workspace = std::make_unique<AlignedBuffer>(tml_plan_workspace_bytes(&model));
    status = tml_plan_make(&plan, &model, workspace->data, workspace->size);
    if (status != TML_OK) { error = tml_plan_error(&plan); return; }
    arena = std::make_unique<AlignedBuffer>(plan.arena_bytes);
    status = tml_interpreter_init(&interpreter, &plan, arena->data, arena->size);
    if (status != TML_OK) error = tml_interpreter_error(&interpreter);
  }
  bool ok() const { return status == TML_OK; }

  // Copies raw bytes into every input in order; false if the size is wrong.
  bool SetInputs(const std::vector<uint8_t> &bytes) {
    size_t pos = 0;
    for (int32_t i = 0; i < tml_model_input_count(&model); i++) {
      tml_tensor_info info;
      tml_interpreter_input(&interpreter, i, &info);
      if (pos + info.bytes > bytes.size()) return false;
      std::copy(bytes.begin() + pos, bytes.begin() + pos + info.bytes, static_cast<uint8_t *>(info.data));
      pos += info.bytes;
    }
    return pos == bytes.size();
  }
  std::vector<uint8_t> Outputs() const {
    std::vector<uint8_t> out;
    for (int32_t i = 0; i < tml_model_output_count(&model); i++) {
      tml_tensor_info info;
      tml_interpreter_output(&interpreter, i, &info);
      const uint8_t *d = static_cast<const uint8_t *>(info.data);
      out.insert(out.end(), d, d + info.bytes);
    }
    return out;
  }
  tml_status Invoke() { return tml_invoke(&interpreter); }

  AlignedBuffer model_bytes;
  tml_model model{};
  tml_plan plan{};
  tml_interpreter interpreter{};
  std::unique_ptr<AlignedBuffer> workspace, arena;
  tml_status status = TML_OK;
  std::string error;
};

}  // namespace tml_test
