// What the TinyMl natives share: the native heap, the handle table that owns every engine object the managed side
// refers to, error texts, and clean-up on soft reboot. Managed code never sees a pointer: it holds handles, and a
// stale or forged handle is refused with CLR_E_INVALID_PARAMETER. Nothing here keeps a pointer into a managed array.
#ifndef TINYML_GLUE_H
#define TINYML_GLUE_H

#include <stddef.h>
#include <stdint.h>

#include <nanoCLR_Interop.h>

#include "tinyml/tinyml.h"

namespace tinyml_glue {

enum Kind : uint8_t {
  KIND_NONE = 0,
  KIND_INTERPRETER, // first: on soft reboot interpreters go before the models they use
  KIND_MODEL,
  KIND_AUDIO,
  KIND_VIBRATION,
  KIND_ANOMALY,
};

// Live objects at most (all kinds together).
constexpr int kSlots = 32;

// Frees an object and everything it owns (called once its handle is removed, or on soft reboot).
typedef void (*Destroy)(void *object);

// Zeroed native memory (platform_malloc); NULL and hr = CLR_E_OUT_OF_MEMORY when the heap is exhausted.
void *Allocate(size_t bytes, HRESULT &hr);
void Free(void *block);

// Gives the object a handle (> 0) and takes ownership. error is the object's text buffer (TML_ERROR_TEXT bytes),
// returned by ErrorText. When the table is full the object is destroyed, hr = CLR_E_OUT_OF_MEMORY and 0 returned.
int32_t Add(Kind kind, void *object, char *error, Destroy destroy, HRESULT &hr);

// The object behind a live handle of that kind; NULL and hr = CLR_E_INVALID_PARAMETER otherwise.
void *Find(int32_t handle, Kind kind, HRESULT &hr);

// Ends a handle and destroys its object; hr = CLR_E_INVALID_PARAMETER for a handle that is not live.
void Remove(int32_t handle, Kind kind, HRESULT &hr);

// The last error of a live handle's object, or with handle 0 why the last creation failed.
const char *ErrorText(int32_t handle, Kind kind, HRESULT &hr);

// Writes a reason into an object's error buffer (or CreationError()); returns status, so failures read
// `return Fail(status, o->error, "...", ...);`. An empty or NULL text becomes the status name.
tml_status Fail(tml_status status, char *error, const char *format, ...) __attribute__((format(printf, 3, 4)));
tml_status FailWith(tml_status status, char *error, const char *engine_text);
char *CreationError();

// Live handles (for tests).
int LiveHandles();

// A managed index or count the caller checked already: anything else is a broken contract, not bad data.
bool InRange(int32_t value, int32_t count, HRESULT &hr);

// A loaded and planned model: its own copy of the file, the plan's workspace (kept: interpreters and placement
// queries read the plan through it). Interpreters keep it alive after its handle is released.
struct ModelObject {
  tml_model model;
  tml_plan plan;
  uint8_t *bytes;
  void *workspace;
  int32_t interpreters;
  bool released;
  char error[TML_ERROR_TEXT];
};

// Frees a model at once (a failed load); ReleaseModel is the handle's Destroy: the memory stays while interpreters
// hold the model, and goes with the last DropModel.
void FreeModel(ModelObject *model);
void ReleaseModel(void *model);
void HoldModel(ModelObject *model);
void DropModel(ModelObject *model);

} // namespace tinyml_glue

#endif
