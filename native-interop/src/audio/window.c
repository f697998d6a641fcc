/* Window and FFT auto-scale: samples times the Q12 Hann window, then shifted left as far as the largest
   magnitude allows, so the fixed-point FFT keeps as many bits as it can (the FFT's first stage applies the
   shift as it reads). Eight samples per step with SSE2, two with the Arm DSP extension; the same integers
   everywhere. */
#include <string.h>

#include "stages.h"

#if defined(TML_AUDIO_SSE2)
#include <emmintrin.h>
#endif

/* The reference's running maximum of |v| kept in an int16: once it meets -32768 (whose negation does not
   fit) it holds -32768 and then takes the next value whatever its sign. */
static int32_t int16_max_abs(const int16_t *values, uint32_t count) {
  int16_t m = 0;
  for (uint32_t i = 0; i < count; i++) {
    const int16_t v = values[i];
    if (v > m)
      m = v;
    else if (-v > m)
      m = (int16_t)-v;
  }
  return m;
}

/* Writes w[i] = (samples[i] * hann[i]) >> 12 (within int16: the window is <= 1.0) and returns a value with the
   bit length of the largest |w|, or with bit 15 set if some w is -32768 (whose magnitude does not fit). */
static uint32_t apply_window(const int16_t *restrict samples, int16_t *restrict w) {
#if defined(TML_AUDIO_SSE2)
  __m128i bits = _mm_setzero_si128();
  for (uint32_t i = 0; i < TML_AUDIO_WINDOW_SAMPLES; i += 8) {
    const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(samples + i));
    const __m128i h = _mm_loadu_si128((const __m128i *)(const void *)(tml_audio_hann + i));
    /* bits 12..27 of the 32-bit product: from its high and low halves */
    const __m128i v = _mm_or_si128(_mm_slli_epi16(_mm_mulhi_epi16(x, h), 4), _mm_srli_epi16(_mm_mullo_epi16(x, h), 12));
    _mm_storeu_si128((__m128i *)(void *)(w + i), v);
    bits = _mm_or_si128(bits, _mm_max_epi16(v, _mm_sub_epi16(_mm_setzero_si128(), v))); /* |v|; -32768 stays 0x8000 */
  }
  bits = _mm_or_si128(bits, _mm_srli_si128(bits, 8));
  bits = _mm_or_si128(bits, _mm_srli_si128(bits, 4));
  bits = _mm_or_si128(bits, _mm_srli_si128(bits, 2));
  return (uint32_t)_mm_cvtsi128_si32(bits) & 0xFFFFu;
#elif defined(TML_AUDIO_ARM_DSP)
  uint32_t bits = 0;
  for (uint32_t i = 0; i < TML_AUDIO_WINDOW_SAMPLES; i += 2) {
    uint32_t x, h, v, magnitude;
    memcpy(&x, samples + i, 4);
    memcpy(&h, tml_audio_hann + i, 4);
    /* the low half from the first product shifted by 12, the high half from bits 12..27 of the second */
    const int32_t low = (int16_t)x * (int16_t)h, high = ((int32_t)x >> 16) * ((int32_t)h >> 16); /* SMULBB, SMULTT */
    __asm__("pkhbt %0, %1, %2, lsl #4" : "=r"(v) : "r"(low >> 12), "r"(high));
    memcpy(w + i, &v, 4);
    /* |v| per half: -v where 0 - v >= 0 (GE bits), else v; -32768 stays 0x8000 */
    __asm__("ssub16 %0, %2, %1\n\tsel %0, %0, %1" : "=&r"(magnitude) : "r"(v), "r"(0));
    bits |= magnitude;
  }
  return (bits | bits >> 16) & 0xFFFFu;
#else
  int32_t largest = 0, smallest = 0;
  for (uint32_t i = 0; i < TML_AUDIO_WINDOW_SAMPLES; i += 2) {
    const int32_t v0 = ((int32_t)samples[i] * tml_audio_hann[i]) >> 12;
    const int32_t v1 = ((int32_t)samples[i + 1] * tml_audio_hann[i + 1]) >> 12;
    w[i] = (int16_t)v0;
    w[i + 1] = (int16_t)v1;
    if (v0 > largest) largest = v0;
    if (v0 < smallest) smallest = v0;
    if (v1 > largest) largest = v1;
    if (v1 < smallest) smallest = v1;
  }
  return (uint32_t)(largest > -smallest ? largest : -smallest); /* 32768 when some w is -32768 */
#endif
}

/* w[i] = (int16)(w[i] << shift), wrapping as the reference's int16 store does. */
static void shift_left(int16_t *w, int32_t shift) {
  const int32_t factor = (int32_t)1 << shift;
  for (uint32_t i = 0; i < TML_AUDIO_WINDOW_SAMPLES; i++) w[i] = (int16_t)(w[i] * factor);
}

int32_t tml_audio_window(const int16_t *restrict samples, int16_t *restrict fft_input, int32_t *fft_shift) {
  const uint32_t magnitude = apply_window(samples, fft_input);
  memset(fft_input + TML_AUDIO_WINDOW_SAMPLES, 0,
         (TML_AUDIO_FFT_SAMPLES - TML_AUDIO_WINDOW_SAMPLES) * sizeof *fft_input);
  if (!(magnitude & 0x8000u)) {
    /* 15 - bit length: the largest shift keeping the largest |w| << shift <= 32767 (0 for silence), so no
       shifted value wraps and the FFT applies it */
    const int32_t shift = 15 - (int32_t)tml_audio_msb(magnitude);
    *fft_shift = shift > 0 ? shift : 0;
    return *fft_shift;
  }
  /* some w is -32768: the reference's quirky running maximum, and values may wrap when shifted (as they do
     in the reference's int16 store), so the shift is applied here */
  int32_t shift = 15 - (int32_t)tml_audio_msb((uint32_t)int16_max_abs(fft_input, TML_AUDIO_WINDOW_SAMPLES));
  if (shift < 0) shift = 0; /* a negative maximum gives bit length 32 */
  if (shift > 0) shift_left(fft_input, shift);
  *fft_shift = 0;
  return shift;
}
