/* Window and FFT auto-scale: samples times the Q12 Hann window, then shifted left as far as the largest
   magnitude allows, so the fixed-point FFT keeps as many bits as it can. */
#include <string.h>

#include "stages.h"

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

int32_t tml_audio_window(const int16_t *restrict samples, int16_t *restrict fft_input) {
  uint32_t magnitude_bits = 0;
  for (uint32_t i = 0; i < TML_AUDIO_WINDOW_SAMPLES; i++) {
    const int32_t w = ((int32_t)samples[i] * tml_audio_hann[i]) >> 12; /* within int16: the window is <= 1.0 */
    fft_input[i] = (int16_t)w;
    magnitude_bits |= (uint32_t)(w < 0 ? -w : w); /* the OR has the bit length of the largest |w| */
  }

  int32_t largest;
  if (magnitude_bits & 0x8000u) /* some w is -32768: take the reference's quirky path */
    largest = int16_max_abs(fft_input, TML_AUDIO_WINDOW_SAMPLES);
  else
    largest = (int32_t)magnitude_bits;

  /* 15 - bit length: the largest shift keeping largest << shift <= 32767; none for 0 or a negative maximum */
  int32_t shift = 15 - (int32_t)tml_audio_msb((uint32_t)largest);
  if (shift < 0) shift = 0;
  if (shift > 0) {
    const int32_t factor = (int32_t)1 << shift;
    for (uint32_t i = 0; i < TML_AUDIO_WINDOW_SAMPLES; i++)
      fft_input[i] = (int16_t)(fft_input[i] * factor); /* wraps only on the quirky path, as the reference does */
  }
  memset(fft_input + TML_AUDIO_WINDOW_SAMPLES, 0,
         (TML_AUDIO_FFT_SAMPLES - TML_AUDIO_WINDOW_SAMPLES) * sizeof *fft_input);
  return shift;
}
