/* Internal interfaces of the audio frontend: the stages one 480-sample window goes through, in order, and
   the constant tables they read. Every stage is integer arithmetic, bit-exact with TFLite Micro's audio
   preprocessor. */
#ifndef TINYML_AUDIO_STAGES_H
#define TINYML_AUDIO_STAGES_H

#include <stdint.h>

#include "tinyml/audio.h"

/* Per-architecture code paths, chosen at compile time as in kernels/dot.h (TML_PORTABLE_KERNELS forces the
   portable C everywhere). Every path computes the same integers, rounding and wrapping included.
   - TML_AUDIO_ARM_DSP: Arm cores with the DSP extension (Cortex-M4/M7/M33): one complex int16 value per
     32-bit register, SMLSD/SMLADX complex products, SADD16/SSAX/SHADD16 butterflies (ACLE intrinsics).
   - TML_AUDIO_SSE2: x86-64, four complex values per register, PMADDWD complex products.
   - otherwise portable C (rv32imc, ...). */
#if defined(__ARM_FEATURE_DSP) && !defined(__ARM_BIG_ENDIAN) && !defined(TML_PORTABLE_KERNELS)
#define TML_AUDIO_ARM_DSP 1 /* (re in the low half of a loaded word: little-endian) */
#elif defined(__SSE2__) && !defined(TML_PORTABLE_KERNELS)
#define TML_AUDIO_SSE2 1
#endif

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

#ifdef TML_AUDIO_SSE2
#if defined(_MSC_VER)
#define TML_AUDIO_ALIGN16 __declspec(align(16))
#else
#define TML_AUDIO_ALIGN16 __attribute__((aligned(16)))
#endif
/* twiddles_sse2.c (generated from the two twiddle tables above): PMADDWD operands, 16-byte aligned */
extern const int16_t tml_audio_sse2_stage_twiddles[21 * 6 * 8];
extern const int16_t tml_audio_sse2_split_twiddles[32 * 2 * 8];
#endif

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

/* Hann window, then the FFT's auto-scale: the largest left shift that keeps every value in int16. Writes the
   windowed samples and zero padding to 512 into fft_input and returns the shift (0..15), which the square root
   stage undoes. The shift itself is left to the FFT's first stage (*fft_shift = the shift), except when the
   reference's max-abs quirk makes shifted values wrap: then fft_input holds the shifted values and *fft_shift
   is 0. */
int32_t tml_audio_window(const int16_t *samples, int16_t *fft_input, int32_t *fft_shift);

/* kissfft-compatible fixed-point real FFT of 512 int16, each multiplied by 2^shift first (the products must fit
   int16): spectrum gets bins 0..256 as (re, im) pairs, about DFT / 512. It is the two steps below. */
void tml_audio_rfft(const int16_t *fft_input, int32_t shift, int16_t *spectrum);

/* The complex FFT of 256 points (interleaved re, im; each value multiplied by 2^shift first, which must fit
   int16) into natural order, about DFT / 256. */
void tml_audio_fft256(const int16_t *points, int32_t shift, int16_t *transform);

/* The real FFT's split, in place: the complex FFT of the samples taken as pairs (256 points) into bins 0..256
   (spectrum has room for 257). */
void tml_audio_rfft_split(int16_t *spectrum);

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
