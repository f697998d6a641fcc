/* Every operator the engine implements: a prepare (checks, parameters, record) and an eval (arithmetic). */
#ifndef TINYML_KERNELS_H
#define TINYML_KERNELS_H

#include <string.h>

#include "../engine.h"

/* Constant int32/float data inside the model may sit at any alignment. */
static inline int32_t tml_read_i32(const void *p) {
  int32_t v;
  memcpy(&v, p, sizeof v);
  return v;
}

#define TML_KERNEL(name)                      \
  tml_status tml_##name##_prepare(tml_prepare *p); \
  void tml_##name##_eval(const tml_eval *e, const void *record);

TML_KERNEL(conv)
TML_KERNEL(depthwise_conv)
TML_KERNEL(fully_connected)
TML_KERNEL(average_pool)
TML_KERNEL(max_pool)
TML_KERNEL(softmax)
TML_KERNEL(logistic)
TML_KERNEL(tanh)
TML_KERNEL(reshape)
TML_KERNEL(add)
TML_KERNEL(mul)
TML_KERNEL(pad)
TML_KERNEL(concatenation)
TML_KERNEL(mean)
TML_KERNEL(quantize)
TML_KERNEL(dequantize)

#undef TML_KERNEL

#endif
