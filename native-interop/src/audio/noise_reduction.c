/* Noise reduction by spectral subtraction: each channel keeps a slowly smoothed estimate of its noise floor
   (the only state carried from frame to frame) and subtracts it, keeping at least 5% of the signal. */
#include "stages.h"

#define SMOOTHING_BITS 10             /* amplitudes are tracked with 10 extra fraction bits */
#define SUBTRACTION_BITS 14           /* the coefficients below are Q14 */
#define EVEN_SMOOTHING 409            /* 0.025 */
#define ODD_SMOOTHING 983             /* 0.06: odd channels adapt faster */
#define MIN_SIGNAL_REMAINING 819      /* 0.05 */

void tml_audio_noise_reduction(const uint32_t *amplitudes, uint32_t *noise, uint32_t *cleaned) {
  for (uint32_t c = 0; c < TML_AUDIO_FEATURES; c++) {
    const uint32_t smoothing = (c & 1u) ? ODD_SMOOTHING : EVEN_SMOOTHING;
    const uint32_t keep = (1u << SUBTRACTION_BITS) - smoothing;
    const uint32_t scaled = amplitudes[c] << SMOOTHING_BITS; /* wraps, as in the reference */
    noise[c] = (uint32_t)(((uint64_t)scaled * smoothing + (uint64_t)noise[c] * keep) >> SUBTRACTION_BITS);
    const uint32_t estimate = noise[c] < scaled ? noise[c] : scaled; /* clamped here only, not in the state */
    const uint32_t least = (uint32_t)(((uint64_t)amplitudes[c] * MIN_SIGNAL_REMAINING) >> SUBTRACTION_BITS);
    const uint32_t subtracted = (scaled - estimate) >> SMOOTHING_BITS;
    cleaned[c] = subtracted > least ? subtracted : least;
  }
}
