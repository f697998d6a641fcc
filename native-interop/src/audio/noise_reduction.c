/* Noise reduction by spectral subtraction: each channel keeps a slowly smoothed estimate of its noise floor
   (the only state carried from frame to frame) and subtracts it, keeping at least 5% of the signal. */
#include "stages.h"

#define SMOOTHING_BITS 10             /* amplitudes are tracked with 10 extra fraction bits */
#define SUBTRACTION_BITS 14           /* the coefficients below are Q14 */
#define EVEN_SMOOTHING 409            /* 0.025 */
#define ODD_SMOOTHING 983             /* 0.06: odd channels adapt faster */
#define MIN_SIGNAL_REMAINING 819      /* 0.05 */

/* One channel: updates its noise estimate and returns the cleaned amplitude. */
static inline uint32_t subtract(uint32_t amplitude, uint32_t *noise, uint32_t smoothing) {
  const uint32_t keep = (1u << SUBTRACTION_BITS) - smoothing;
  const uint32_t scaled = amplitude << SMOOTHING_BITS; /* wraps, as in the reference */
  *noise = (uint32_t)(((uint64_t)scaled * smoothing + (uint64_t)*noise * keep) >> SUBTRACTION_BITS);
  const uint32_t estimate = *noise < scaled ? *noise : scaled; /* clamped here only, not in the state */
  const uint32_t least = (uint32_t)(((uint64_t)amplitude * MIN_SIGNAL_REMAINING) >> SUBTRACTION_BITS);
  const uint32_t subtracted = (scaled - estimate) >> SMOOTHING_BITS;
  return subtracted > least ? subtracted : least;
}

void tml_audio_noise_reduction(const uint32_t *amplitudes, uint32_t *noise, uint32_t *cleaned) {
  for (uint32_t c = 0; c < TML_AUDIO_FEATURES; c += 2) { /* even and odd channels in turn */
    cleaned[c] = subtract(amplitudes[c], noise + c, EVEN_SMOOTHING);
    cleaned[c + 1] = subtract(amplitudes[c + 1], noise + c + 1, ODD_SMOOTHING);
  }
}
