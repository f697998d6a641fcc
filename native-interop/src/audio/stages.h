/* Internal interfaces of the audio frontend: the stages one 480-sample window goes through, in order, and
   the constant tables they read. Every stage is integer arithmetic, bit-exact with TFLite Micro's audio
   preprocessor. */
#ifndef TINYML_AUDIO_STAGES_H
#define TINYML_AUDIO_STAGES_H

#include <stdint.h>

#include "tinyml/audio.h"

/* Right shifts of negative values must round toward minus infinity (GCC, Clang and Arm compilers do). */
typedef char tml_audio_arithmetic_shift_check[(-7 >> 1) == -4 ? 1 : -1];

#define TML_AUDIO_FFT_SAMPLES 512 /* real FFT length: the window and 32 zeros */
#define TML_AUDIO_FIRST_BIN 5     /* FFT bins 5..240 feed the filter bank */
#define TML_AUDIO_BINS 236
#define TML_AUDIO_BANDS 41        /* TML_AUDIO_FEATURES + 1: a channel spans two adjacent bands */

extern const int16_t tml_audio_hann[TML_AUDIO_WINDOW_SAMPLES];
extern const int16_t tml_audio_fft_twiddles[2 * 256];
extern const int16_t tml_audio_split_twiddles[2 * 128];
extern const uint8_t tml_audio_band_widths[TML_AUDIO_BANDS];
extern const uint16_t tml_audio_bin_weights[2 * TML_AUDIO_BINS];
extern const int16_t tml_audio_pcan_lut[125];
extern const uint16_t tml_audio_log_lut[130];

/* Bit length of x (1..32), and 32 for 0 as the reference has it. */
static inline uint32_t tml_audio_msb(uint32_t x) {
#if defined(__GNUC__)
  return x ? 32u - (uint32_t)__builtin_clz(x) : 32u;
#else
  uint32_t n = 0;
  if (!x) return 32u;
  while (x) {
    n++;
    x >>= 1;
  }
  return n;
#endif
}

/* One frame: 480 samples in, 40 int8 features out; updates the noise estimate. work holds
   TML_AUDIO_WORK_SAMPLES int16. */
void tml_audio_frame(const int16_t *samples, uint32_t *noise, int16_t *work, int8_t *features);

/* Hann window, then the largest left shift that keeps every value in int16 (the FFT's auto-scale), then
   zero padding to 512. Returns the shift (0..15), which the square root stage undoes. */
int32_t tml_audio_window(const int16_t *samples, int16_t *fft_input);

/* kissfft-compatible fixed-point real FFT of 512 int16: spectrum gets bins 0..256 as (re, im) pairs, about
   DFT / 512. */
void tml_audio_rfft(const int16_t *fft_input, int16_t *spectrum);

/* Power of bins 5..240 through the 40 triangular mel filters (uint64 sums). */
void tml_audio_filterbank(const int16_t *spectrum, uint64_t *channels);

/* Rounded square root of each channel, shifted right by the window's scale shift. */
void tml_audio_filterbank_sqrt(const uint64_t *channels, int32_t shift, uint32_t *amplitudes);

/* Spectral subtraction: updates the noise estimate and writes the cleaned amplitudes. */
void tml_audio_noise_reduction(const uint32_t *amplitudes, uint32_t *noise, uint32_t *cleaned);

/* Per-channel automatic gain control from the noise estimate (PCAN), compressed to a 6-bit output scale. */
void tml_audio_pcan(const uint32_t *cleaned, const uint32_t *noise, uint32_t *gained);

/* Natural log scaled by 64, then the micro_speech int8 quantization. */
void tml_audio_log_int8(const uint32_t *gained, int8_t *features);

#endif
