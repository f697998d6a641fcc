/* Internal interfaces of the anomaly baseline: config checks shared by init and deserialization. */
#ifndef TINYML_ANOMALY_INTERNAL_H
#define TINYML_ANOMALY_INTERNAL_H

#include "tinyml/anomaly.h"

/* TML_OK, or the reason written into error (TML_ERROR_TEXT bytes). */
tml_status tml_anomaly_check_config(const tml_anomaly_config *c, char *error);

/* Scored calibration windows the histogram must hold for a baseline that learned this many windows. */
static inline uint32_t tml_anomaly_scored_windows(const tml_anomaly_config *c, uint32_t learned) {
  return learned > c->warmup_windows ? learned - c->warmup_windows : 0u;
}

#endif
