// Handle table, native heap, error texts and soft reboot clean-up shared by the TinyMl natives (tinyml_glue.h).
#include "tinyml_glue.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <nanoHAL.h>
#include <nanoHAL_v2.h>

namespace tinyml_glue {
namespace {

// A handle is (generation << 8) | (slot + 1): positive, never 0, and different after every reuse of the slot.
constexpr int32_t kSlotBits = 8;
constexpr int32_t kGenerationMask = 0x7FFFFF;

struct Slot {
  void *object;
  char *error;
  Destroy destroy;
  int32_t generation; // 1..kGenerationMask; survives soft reboots so old handles stay dead
  Kind kind;
};

Slot g_slots[kSlots];
char g_creation_error[TML_ERROR_TEXT];

void SoftReboot() {
  // Interpreters first: destroying one may free a released model.
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < kSlots; i++) {
      Slot &s = g_slots[i];
      if (s.kind == KIND_NONE || (pass == 0) != (s.kind == KIND_INTERPRETER)) continue;
      HRESULT hr = S_OK;
      Remove(((s.generation & kGenerationMask) << kSlotBits) | (i + 1), s.kind, hr);
    }
  }
  g_creation_error[0] = '\0';
}

Slot *Lookup(int32_t handle, Kind kind) {
  int32_t index = (handle & ((1 << kSlotBits) - 1)) - 1;
  if (handle <= 0 || index < 0 || index >= kSlots) return nullptr;
  Slot &s = g_slots[index];
  if (s.kind != kind || s.generation != (handle >> kSlotBits)) return nullptr;
  return &s;
}

} // namespace

void FreeModel(ModelObject *model) {
  Free(model->workspace);
  Free(model->bytes);
  Free(model);
}

void *Allocate(size_t bytes, HRESULT &hr) {
  void *block = platform_malloc(bytes ? bytes : 1);
  if (!block) {
    hr = CLR_E_OUT_OF_MEMORY;
    return nullptr;
  }
  memset(block, 0, bytes ? bytes : 1);
  return block;
}

void Free(void *block) {
  if (block) platform_free(block);
}

int32_t Add(Kind kind, void *object, char *error, Destroy destroy, HRESULT &hr) {
  HAL_AddSoftRebootHandler(SoftReboot); // idempotent: nanoCLR keeps one entry per handler
  for (int i = 0; i < kSlots; i++) {
    Slot &s = g_slots[i];
    if (s.kind != KIND_NONE) continue;
    if (s.generation == 0) s.generation = 1;
    s.object = object;
    s.error = error;
    s.destroy = destroy;
    s.kind = kind;
    return (s.generation << kSlotBits) | (i + 1);
  }
  destroy(object);
  hr = CLR_E_OUT_OF_MEMORY;
  return 0;
}

void *Find(int32_t handle, Kind kind, HRESULT &hr) {
  Slot *s = Lookup(handle, kind);
  if (!s) {
    hr = CLR_E_INVALID_PARAMETER;
    return nullptr;
  }
  return s->object;
}

void Remove(int32_t handle, Kind kind, HRESULT &hr) {
  Slot *s = Lookup(handle, kind);
  if (!s) {
    hr = CLR_E_INVALID_PARAMETER;
    return;
  }
  void *object = s->object;
  Destroy destroy = s->destroy;
  int32_t generation = s->generation % kGenerationMask + 1;
  *s = Slot();
  s->generation = generation;
  destroy(object);
}

const char *ErrorText(int32_t handle, Kind kind, HRESULT &hr) {
  if (handle == 0) return g_creation_error;
  Slot *s = Lookup(handle, kind);
  if (!s) {
    hr = CLR_E_INVALID_PARAMETER;
    return nullptr;
  }
  return s->error;
}

tml_status Fail(tml_status status, char *error, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(error, TML_ERROR_TEXT, format, args);
  va_end(args);
  return status;
}

tml_status FailWith(tml_status status, char *error, const char *engine_text) {
  const char *text = engine_text && engine_text[0] ? engine_text : tml_status_name(status);
  return Fail(status, error, "%s", text);
}

char *CreationError() { return g_creation_error; }

int LiveHandles() {
  int live = 0;
  for (const Slot &s : g_slots) live += s.kind != KIND_NONE;
  return live;
}

bool InRange(int32_t value, int32_t count, HRESULT &hr) {
  if (value >= 0 && value < count) return true;
  hr = CLR_E_INDEX_OUT_OF_RANGE;
  return false;
}

void HoldModel(ModelObject *model) { model->interpreters++; }

void DropModel(ModelObject *model) {
  if (--model->interpreters == 0 && model->released) FreeModel(model);
}

void ReleaseModel(void *object) {
  ModelObject *model = static_cast<ModelObject *>(object);
  model->released = true;
  if (model->interpreters == 0) FreeModel(model);
}

} // namespace tinyml_glue
