/*
 * TinyMl audio frontend: 16 kHz int16 PCM in, micro_speech feature frames out (40 int8 log-mel values per
 * 20 ms), bit-exact with TFLite Micro's audio preprocessor (the Signal-library model the micro_speech example
 * runs through its reference kernels).
 *
 * Framing: a frame covers a 30 ms window (480 samples); windows start every 20 ms (320 samples). The first
 * frame comes after 480 samples, then one every 320; samples past the last complete window wait in the
 * frontend for the next push. A per-channel noise estimate carries from frame to frame: reset it at the
 * start of every independent recording.
 *
 *   tml_audio_init()   once, on caller-owned memory (no allocation, no global state)
 *   tml_audio_push()   any number of samples, in chunks of any size (one sample is fine)
 *   tml_audio_reset()  forget the noise estimate and the buffered samples
 *
 * Integer arithmetic only. Every entry point returns a status; the reason text is in tml_audio_error().
 */
#ifndef TINYML_AUDIO_H
#define TINYML_AUDIO_H

#include <stdint.h>

#include "tinyml/tinyml.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TML_AUDIO_SAMPLE_RATE 16000
#define TML_AUDIO_FEATURES 40        /* int8 values per frame, one per mel channel: a frame is 40 bytes */
#define TML_AUDIO_WINDOW_SAMPLES 480 /* 30 ms */
#define TML_AUDIO_STRIDE_SAMPLES 320 /* 20 ms */
#define TML_AUDIO_WORK_SAMPLES 1026  /* int16 scratch of one frame: FFT input (512) and spectrum (257 complex) */

/* Caller-owned frontend state. Fields are read-only for callers. */
typedef struct tml_audio_frontend {
  int16_t window[TML_AUDIO_WINDOW_SAMPLES]; /* the samples of the window being filled, oldest first */
  int16_t work[TML_AUDIO_WORK_SAMPLES];     /* scratch, held here so a push needs little stack */
  uint32_t noise[TML_AUDIO_FEATURES];       /* noise estimate per channel, carried across frames */
  uint32_t buffered;                        /* samples held in window (0..479 between calls) */
  uint32_t frames;                          /* frames produced since init or reset (wraps at 2^32) */
  uint32_t ready;                           /* set by tml_audio_init */
  char error[TML_ERROR_TEXT];
} tml_audio_frontend;

/* Clears the whole struct: no samples buffered, noise estimate zero. */
TML_API tml_status tml_audio_init(tml_audio_frontend *frontend);

/* Back to the state after init: the noise estimate, buffered samples and frame count are cleared, so the
   next frame comes after 480 more samples and is computed as the first frame of a recording. */
TML_API tml_status tml_audio_reset(tml_audio_frontend *frontend);

/* Feeds sample_count samples (16 kHz mono int16). Every window completed writes one frame of
   TML_AUDIO_FEATURES int8 values into frames, which has room for frame_capacity frames. Never drops a frame:
   when frames is full, it stops before the sample that would complete the next window, so
   *samples_consumed may be less than sample_count; push the rest after using the frames. samples may be
   NULL when sample_count is 0, frames NULL when frame_capacity is 0. */
TML_API tml_status tml_audio_push(tml_audio_frontend *frontend, const int16_t *samples, uint32_t sample_count,
                                  int8_t *frames, uint32_t frame_capacity, uint32_t *samples_consumed,
                                  uint32_t *frames_written);

TML_API const char *tml_audio_error(const tml_audio_frontend *frontend);

#ifdef __cplusplus
}
#endif

#endif
