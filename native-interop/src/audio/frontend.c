/* The streaming driver: gathers samples into 480-sample windows that start every 320 samples and turns
   each complete window into a frame. */
#include <string.h>

#include "stages.h"

#define READY 0x41554431u /* "AUD1": set by tml_audio_init, so a push on uninitialized memory is refused */
#define OVERLAP (TML_AUDIO_WINDOW_SAMPLES - TML_AUDIO_STRIDE_SAMPLES)

static tml_status audio_fail(tml_audio_frontend *frontend, tml_status status, const char *reason) {
  size_t n = strlen(reason);
  if (n >= sizeof frontend->error) n = sizeof frontend->error - 1;
  memcpy(frontend->error, reason, n);
  frontend->error[n] = '\0';
  return status;
}

tml_status tml_audio_init(tml_audio_frontend *frontend) {
  if (!frontend) return TML_ERROR_ARGUMENT;
  memset(frontend, 0, sizeof *frontend);
  frontend->ready = READY;
  return TML_OK;
}

tml_status tml_audio_reset(tml_audio_frontend *frontend) {
  if (!frontend) return TML_ERROR_ARGUMENT;
  if (frontend->ready != READY) return audio_fail(frontend, TML_ERROR_STATE, "frontend not initialized: call tml_audio_init first");
  memset(frontend->noise, 0, sizeof frontend->noise);
  frontend->buffered = 0;
  frontend->frames = 0;
  frontend->error[0] = '\0';
  return TML_OK;
}

tml_status tml_audio_push(tml_audio_frontend *frontend, const int16_t *samples, uint32_t sample_count,
                          int8_t *frames, uint32_t frame_capacity, uint32_t *samples_consumed,
                          uint32_t *frames_written) {
  if (samples_consumed) *samples_consumed = 0;
  if (frames_written) *frames_written = 0;
  if (!frontend) return TML_ERROR_ARGUMENT;
  if (frontend->ready != READY) return audio_fail(frontend, TML_ERROR_STATE, "frontend not initialized: call tml_audio_init first");
  if (!samples_consumed || !frames_written)
    return audio_fail(frontend, TML_ERROR_ARGUMENT, "samples_consumed and frames_written must not be NULL");
  if (!samples && sample_count > 0) return audio_fail(frontend, TML_ERROR_ARGUMENT, "samples is NULL");
  if (!frames && frame_capacity > 0) return audio_fail(frontend, TML_ERROR_ARGUMENT, "frames is NULL");

  uint32_t consumed = 0, written = 0;
  while (consumed < sample_count) {
    const uint32_t missing = TML_AUDIO_WINDOW_SAMPLES - frontend->buffered; /* >= 1 */
    const uint32_t left = sample_count - consumed;
    const int full = written == frame_capacity;
    /* with no room for another frame, keep the window one sample short of complete */
    const uint32_t take = left < missing ? left : full ? missing - 1 : missing;
    memcpy(frontend->window + frontend->buffered, samples + consumed, take * sizeof *samples);
    frontend->buffered += take;
    consumed += take;
    if (frontend->buffered < TML_AUDIO_WINDOW_SAMPLES) break; /* every sample taken, or no room */
    tml_audio_frame(frontend->window, frontend->noise, frontend->work, frames + (size_t)written * TML_AUDIO_FEATURES);
    written++;
    frontend->frames++;
    memmove(frontend->window, frontend->window + TML_AUDIO_STRIDE_SAMPLES, OVERLAP * sizeof *frontend->window);
    frontend->buffered = OVERLAP;
  }
  *samples_consumed = consumed;
  *frames_written = written;
  return TML_OK;
}

const char *tml_audio_error(const tml_audio_frontend *frontend) { return frontend ? frontend->error : ""; }
