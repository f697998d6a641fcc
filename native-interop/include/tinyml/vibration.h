/*
 * Vibration features: one window of N three-axis (or one- or two-axis) IMU samples in, a feature vector out,
 * as floats (for the on-device baseline, anomaly.h) and as the int8 input of an autoencoder.
 *
 *   tml_vibration_default_config()  fill a config: equal-width bands from 0 Hz to Nyquist, identity normalization
 *   tml_vibration_init()            validate the config and map the bands to FFT bins (once)
 *   tml_vibration_workspace_bytes() scratch one call needs (4·N bytes)
 *   tml_vibration_compute()         features of one window
 *
 * Per axis, in this order (TML_VIB_* indices below), with x the samples in g (counts · full_scale_g / 32768) and
 * d = x − mean(x) over the window (the mean, i.e. gravity and sensor offset, is removed from every feature):
 *   rms       sqrt(mean(d²)), g
 *   peak      max |d|, g
 *   crest     peak / rms
 *   kurtosis  mean(d⁴) / mean(d²)², not excess (a Gaussian gives 3, a sine 1.5)
 *   band b    ln(E_b + 1e-12 g²), E_b the energy of the band in g²:
 *             X = DFT of d·w, w the periodic Hann window w[n] = 0.5 − 0.5·cos(2πn/N);
 *             E_b = Σ_{k in band b} c_k·|X[k]|² / (N·Σw²), Σw² = 3N/8, c_k = 2 except c_0 = c_{N/2} = 1.
 *             That is the mean square of d carried by the band's bins, corrected for the window's power: bands
 *             that tile 0 Hz..Nyquist sum to rms² for a stationary signal, and a sine of amplitude A gives A²/2.
 *             Band b holds the bins k (frequency k·fs/N) with edge[b] ≤ k·fs/N < edge[b+1]; the last band also
 *             holds the Nyquist bin when its upper edge is the Nyquist frequency.
 * A window whose samples are all equal has no variance: rms, peak, crest and kurtosis are 0 (values no other window
 * gives: crest ≥ 1 and kurtosis ≥ 1 otherwise) and every band is ln(1e-12).
 *
 * int8 output, feature i: q = clamp(zp + round(((f_i − offset_i) / scale_i) / input_scale), −128, 127), rounding
 * half away from zero, with input_scale and zp the model input's quantization.
 *
 * Arithmetic: two implementations of the same definitions, both always built. tml_vibration_compute_float works in
 * single-precision float; tml_vibration_compute_fixed does every per-sample and per-bin step in integers (exact
 * moments, a Q31 fixed-point FFT with one block exponent, an integer logarithm) and only the few per-feature
 * finishing steps in float, for cores without an FPU. tml_vibration_compute is the target's default: fixed point when TML_VIBRATION_FIXED_POINT
 * is 1, which it is by default where the compiler reports no hardware float. docs/VIBRATION.md has the accuracy
 * and instruction counts of both on each target.
 *
 * No allocation, no mutable globals: the config, the prepared tml_vibration and the workspace belong to the caller.
 */
#ifndef TINYML_VIBRATION_H
#define TINYML_VIBRATION_H

#include <stddef.h>
#include <stdint.h>

#include "tinyml/tinyml.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef TML_VIBRATION_FIXED_POINT
#if (defined(__riscv) && !defined(__riscv_flen)) || (defined(__arm__) && !defined(__ARM_FP)) || \
    defined(__XTENSA_SOFT_FLOAT__)
#define TML_VIBRATION_FIXED_POINT 1
#else
#define TML_VIBRATION_FIXED_POINT 0
#endif
#endif

#define TML_VIB_MIN_WINDOW 64
#define TML_VIB_MAX_WINDOW 4096
#define TML_VIB_MAX_AXES 3
#define TML_VIB_MAX_BANDS 32
#define TML_VIB_TIME_FEATURES 4
#define TML_VIB_MAX_FEATURES (TML_VIB_MAX_AXES * (TML_VIB_TIME_FEATURES + TML_VIB_MAX_BANDS))
/* Added to every band energy before the logarithm, g²: keeps empty bands finite (ln → −27.6). */
#define TML_VIB_ENERGY_FLOOR_G2 1e-12f

/* A feature's place in its axis's block: axis a's feature j is features[a·(4 + band_count) + j]. */
enum { TML_VIB_RMS = 0, TML_VIB_PEAK = 1, TML_VIB_CREST = 2, TML_VIB_KURTOSIS = 3, TML_VIB_BAND0 = 4 };

typedef struct tml_vibration_config {
  uint32_t window;       /* N, samples per axis: a power of two from 64 to 4096 */
  uint32_t axes;         /* 1 to 3; samples interleaved x0 y0 z0 x1 y1 z1 ... */
  float sample_rate_hz;  /* of each axis */
  float full_scale_g;    /* the sensor's range: g per count = full_scale_g / 32768 (±16 g → 16) */
  uint32_t band_count;   /* B, 0 to TML_VIB_MAX_BANDS */
  float band_edges_hz[TML_VIB_MAX_BANDS + 1]; /* B + 1 strictly increasing edges, ≥ 0, the last ≤ Nyquist */
  /* Normalization before int8 quantization, per feature (axes · (4 + B) used): (f − offset) / scale. */
  float feature_offset[TML_VIB_MAX_FEATURES];
  float feature_scale[TML_VIB_MAX_FEATURES]; /* finite, non-zero */
  float input_scale;                         /* the model input's scale (> 0) */
  int32_t input_zero_point;                  /* and zero point (−128..127) */
} tml_vibration_config;

/* A validated config with its bands mapped to bins. Fields are private to the engine. Every field is 32 bits or a
   byte array: the layout is the same on every architecture. */
typedef struct tml_vibration {
  tml_vibration_config config;
  uint32_t feature_count;
  uint32_t log2_window;
  uint32_t band_first_bin[TML_VIB_MAX_BANDS];
  uint32_t band_end_bin[TML_VIB_MAX_BANDS]; /* exclusive */
  float g_per_count;
  char error[TML_ERROR_TEXT];
} tml_vibration;

/* Fills config: band_count equal-width bands from 0 Hz to Nyquist, offsets 0, scales 1, input scale 1, zero point
   0. TML_ERROR_ARGUMENT for a NULL config or band_count over TML_VIB_MAX_BANDS; other values are checked by init. */
TML_API tml_status tml_vibration_default_config(tml_vibration_config *config, uint32_t window, uint32_t axes,
                                                float sample_rate_hz, float full_scale_g, uint32_t band_count);

/* Validates the config (copied into vib) and maps every band to its FFT bins. On failure vib->error says what is
   wrong, e.g. "band 3 (100 to 102 Hz) holds no FFT bin: bins are 6 Hz apart". */
TML_API tml_status tml_vibration_init(tml_vibration *vib, const tml_vibration_config *config);
TML_API const char *tml_vibration_error(const tml_vibration *vib);

/* axes · (4 + band_count), or 0 before a successful init. */
TML_API uint32_t tml_vibration_feature_count(const tml_vibration *vib);
/* Bytes of scratch tml_vibration_compute needs: 4·N (either arithmetic), 4-byte aligned. */
TML_API size_t tml_vibration_workspace_bytes(const tml_vibration *vib);

/* Features of one window. samples: window · axes int16 counts, interleaved; sample_count must equal that.
   features: feature_count floats; quantized: feature_count int8 values, or NULL to skip them. feature_count must
   equal tml_vibration_feature_count. The workspace is only scratch: its contents need not survive between calls. */
TML_API tml_status tml_vibration_compute(tml_vibration *vib, const int16_t *samples, size_t sample_count,
                                         void *workspace, size_t workspace_bytes, float *features, int8_t *quantized,
                                         size_t feature_count);
/* The two arithmetic variants behind tml_vibration_compute (same contract). */
TML_API tml_status tml_vibration_compute_float(tml_vibration *vib, const int16_t *samples, size_t sample_count,
                                               void *workspace, size_t workspace_bytes, float *features,
                                               int8_t *quantized, size_t feature_count);
TML_API tml_status tml_vibration_compute_fixed(tml_vibration *vib, const int16_t *samples, size_t sample_count,
                                               void *workspace, size_t workspace_bytes, float *features,
                                               int8_t *quantized, size_t feature_count);

#ifdef __cplusplus
}
#endif

#endif
