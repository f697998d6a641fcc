/* vibration_bench float|fixed WINDOWS [N [print]]: computes the features of WINDOWS windows of N (default 1024)
   three-axis samples with one arithmetic and prints a checksum (with "print": every feature of the window, as the
   hex bits of the float, to compare targets). Run it with WINDOWS = 0 as well: the difference of the two instruction
   counts, divided by WINDOWS, is the work of one window (vibration_bench.sh does this on the host with callgrind and
   on Cortex-M4F and rv32imc under QEMU). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tinyml/vibration.h"

#define AXES 3

static int16_t samples[TML_VIB_MAX_WINDOW * AXES];
static uint32_t workspace[TML_VIB_MAX_WINDOW];

int main(int argc, char **argv) {
  if (argc < 3 || (strcmp(argv[1], "float") && strcmp(argv[1], "fixed"))) {
    fprintf(stderr, "usage: vibration_bench float|fixed WINDOWS [N]\n");
    return 2;
  }
  const int fixed = strcmp(argv[1], "fixed") == 0, windows = atoi(argv[2]);
  const uint32_t n = argc > 3 ? (uint32_t)atoi(argv[3]) : 1024u;
  tml_vibration_config config;
  tml_vibration vib;
  if (tml_vibration_default_config(&config, n, AXES, 6664.0f, 16.0f, 16) != TML_OK ||
      tml_vibration_init(&vib, &config) != TML_OK) {
    fprintf(stderr, "vibration_bench: %s\n", tml_vibration_error(&vib));
    return 1;
  }
  /* a deterministic noisy window (LCG), the same in every run */
  uint32_t state = 12345u;
  for (uint32_t i = 0; i < n * AXES; i++) {
    state = state * 1664525u + 1013904223u;
    samples[i] = (int16_t)((int32_t)(state >> 20) - 2048 + (int32_t)(i % 97) * 8);
  }
  float features[TML_VIB_MAX_FEATURES], checksum = 0.0f;
  int8_t quantized[TML_VIB_MAX_FEATURES];
  for (int w = 0; w < windows; w++) {
    tml_status st = (fixed ? tml_vibration_compute_fixed : tml_vibration_compute_float)(
        &vib, samples, n * AXES, workspace, sizeof workspace, features, quantized, vib.feature_count);
    if (st != TML_OK) {
      fprintf(stderr, "vibration_bench: %s\n", tml_vibration_error(&vib));
      return 1;
    }
    checksum += features[TML_VIB_BAND0 + 3];
  }
  printf("%s windows=%d n=%u checksum=%d\n", argv[1], windows, (unsigned)n, (int)(checksum * 1000.0f));
  if (argc > 4 && strcmp(argv[4], "print") == 0 && windows > 0)
    for (uint32_t i = 0; i < vib.feature_count; i++) {
      uint32_t bits;
      memcpy(&bits, &features[i], sizeof bits);
      printf("feature %2u %08lx\n", (unsigned)i, (unsigned long)bits);
    }
  return 0;
}
