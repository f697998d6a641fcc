/* PCAN (per-channel amplitude normalization): each channel divided by a power of its noise estimate, so
   loud steady backgrounds are flattened, then compressed: quadratic below a threshold, linear above. */
#include "stages.h"

#define SNR_SHIFT 6        /* 21 gain bits less 3 input correction bits less 12 SNR bits */
#define SNR_BITS 12
#define OUTPUT_BITS 6

/* Gain for a noise estimate: 2^21 (noise / 128 + 80)^-0.95, interpolated per octave from the table. */
static int16_t noise_gain(uint32_t noise) {
  if (noise <= 2) return tml_audio_pcan_lut[noise];
  const uint32_t bits = tml_audio_msb(noise);
  const int16_t *segment = tml_audio_pcan_lut + 4 * bits - 6;
  /* the 10 bits below the leading one */
  const int32_t frac = (int32_t)((bits < 11 ? noise << (11 - bits) : noise >> (bits - 11)) & 0x3FFu);
  int32_t r = (segment[2] * frac) >> 5;
  r += segment[1] * 32;
  r *= frac;
  r = (r + (1 << 14)) >> 15;
  return (int16_t)(r + segment[0]);
}

void tml_audio_pcan(const uint32_t *cleaned, const uint32_t *noise, uint32_t *gained) {
  for (uint32_t c = 0; c < TML_AUDIO_FEATURES; c++) {
    const uint32_t gain = (uint32_t)(int32_t)noise_gain(noise[c]);
    const uint32_t snr = (uint32_t)(((uint64_t)cleaned[c] * gain) >> SNR_SHIFT);
    gained[c] = snr < (2u << SNR_BITS) ? (snr * snr) >> (2 + 2 * SNR_BITS - OUTPUT_BITS)
                                       : (snr >> (SNR_BITS - OUTPUT_BITS)) - (1u << OUTPUT_BITS);
  }
}
