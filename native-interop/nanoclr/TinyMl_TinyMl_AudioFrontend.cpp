// AudioFrontend natives: the frontend state (window, scratch, noise estimate) lives in native memory; each push
// works on the managed arrays only for the duration of the call.
#include "TinyMl.h"
#include "TinyMl_TinyMl_AudioFrontend.h"

#include "tinyml/audio.h"
#include "tinyml_glue.h"

using namespace TinyMl::TinyMl;
using namespace tinyml_glue;

namespace {

struct AudioObject {
  tml_audio_frontend frontend;
  char error[TML_ERROR_TEXT];
};

void DestroyAudio(void *object) { Free(object); }

AudioObject *Lookup(signed int handle, HRESULT &hr) {
  return static_cast<AudioObject *>(Find(handle, KIND_AUDIO, hr));
}

} // namespace

signed int AudioFrontend::NativeCreate(CLR_RT_TypedArray_INT32 handle, HRESULT &hr) {
  if (handle.GetSize() < 1) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  AudioObject *o = static_cast<AudioObject *>(Allocate(sizeof(AudioObject), hr));
  if (!o) return 0;
  tml_status st = tml_audio_init(&o->frontend);
  if (st != TML_OK) {
    FailWith(st, CreationError(), tml_audio_error(&o->frontend));
    DestroyAudio(o);
    return st;
  }
  handle[0] = Add(KIND_AUDIO, o, o->error, DestroyAudio, hr);
  return TML_OK;
}

void AudioFrontend::NativeRelease(signed int handle, HRESULT &hr) { Remove(handle, KIND_AUDIO, hr); }

signed int AudioFrontend::NativeReset(signed int handle, HRESULT &hr) {
  AudioObject *o = Lookup(handle, hr);
  if (!o) return 0;
  tml_status st = tml_audio_reset(&o->frontend);
  return st == TML_OK ? st : FailWith(st, o->error, tml_audio_error(&o->frontend));
}

signed int AudioFrontend::NativePush(signed int handle, CLR_RT_TypedArray_INT16 samples, signed int offset,
                                     signed int count, CLR_RT_TypedArray_INT8 frames, CLR_RT_TypedArray_INT32 report,
                                     HRESULT &hr) {
  AudioObject *o = Lookup(handle, hr);
  if (!o) return 0;
  if (offset < 0 || count < 0 || (unsigned int)offset > samples.GetSize() ||
      (unsigned int)count > samples.GetSize() - (unsigned int)offset) {
    hr = CLR_E_INDEX_OUT_OF_RANGE;
    return 0;
  }
  if (frames.GetSize() % TML_AUDIO_FEATURES != 0 || report.GetSize() < 2) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  uint32_t consumed = 0, written = 0;
  tml_status st = tml_audio_push(&o->frontend, samples.GetBuffer() + offset, (uint32_t)count, frames.GetBuffer(),
                                 frames.GetSize() / TML_AUDIO_FEATURES, &consumed, &written);
  if (st != TML_OK) return FailWith(st, o->error, tml_audio_error(&o->frontend));
  report[0] = (int32_t)consumed;
  report[1] = (int32_t)written;
  return TML_OK;
}

void AudioFrontend::NativeState(signed int handle, CLR_RT_TypedArray_INT32 report, HRESULT &hr) {
  AudioObject *o = Lookup(handle, hr);
  if (!o) return;
  if (report.GetSize() < 2) {
    hr = CLR_E_INVALID_PARAMETER;
    return;
  }
  report[0] = (int32_t)o->frontend.buffered;
  report[1] = (int32_t)o->frontend.frames;
}

const char *AudioFrontend::NativeErrorText(signed int handle, HRESULT &hr) { return ErrorText(handle, KIND_AUDIO, hr); }
