/* NumPy-style broadcasting of two inputs onto an output of up to 6 dimensions, walked row by row. */
#ifndef TINYML_BROADCAST_H
#define TINYML_BROADCAST_H

#include "../engine.h"

typedef struct tml_broadcast {
  int32_t dims[TML_MAX_DIMS];   /* output dims, left-padded with 1s */
  int32_t stride_a[TML_MAX_DIMS], stride_b[TML_MAX_DIMS]; /* element strides; 0 along broadcast dims */
} tml_broadcast;

/* Checks that out is the broadcast shape of a and b, and fills bc. */
tml_status tml_broadcast_prepare(tml_prepare *p, const tml_tensor *a, const tml_tensor *b, const tml_tensor *out,
                                 tml_broadcast *bc);

/* One row of n outputs; a and b advance by their steps (0 or 1). */
typedef void (*tml_row_fn)(const void *params, const int8_t *a, int32_t a_step, const int8_t *b, int32_t b_step,
                           int8_t *out, int32_t n);
void tml_broadcast_rows(const tml_broadcast *bc, const int8_t *a, const int8_t *b, int8_t *out, tml_row_fn row,
                        const void *params);

#endif
