/* One frame of features: a 480-sample window through every stage, in the reference's order. */
#include "stages.h"

void tml_audio_frame(const int16_t *samples, uint32_t *noise, int16_t *work, int8_t *features) {
  int16_t *fft_input = work;
  int16_t *spectrum = work + TML_AUDIO_FFT_SAMPLES;
  uint64_t channels[TML_AUDIO_FEATURES];
  uint32_t amplitudes[TML_AUDIO_FEATURES];
  int32_t fft_shift;
  const int32_t shift = tml_audio_window(samples, fft_input, &fft_shift);
  tml_audio_rfft(fft_input, fft_shift, spectrum);
  tml_audio_filterbank(spectrum, channels);
  tml_audio_filterbank_sqrt(channels, shift, amplitudes);
  tml_audio_noise_reduction(amplitudes, noise, amplitudes);
  tml_audio_pcan(amplitudes, noise, amplitudes);
  tml_audio_log_int8(amplitudes, features);
}
