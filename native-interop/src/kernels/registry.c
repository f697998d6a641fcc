/* Every builtin operator the engine runs, found by its TFLite code; and the names of all of them for messages. */
#include "../tflite_schema.h"
#include "kernels.h"

#define TFL_PADV2 60

static const tml_kernel kernels[] = {
    {TFL_ADD, tml_add_prepare, tml_add_eval},
    {TFL_AVERAGE_POOL_2D, tml_average_pool_prepare, tml_average_pool_eval},
    {TFL_CONCATENATION, tml_concatenation_prepare, tml_concatenation_eval},
    {TFL_CONV_2D, tml_conv_prepare, tml_conv_eval},
    {TFL_DEPTHWISE_CONV_2D, tml_depthwise_conv_prepare, tml_depthwise_conv_eval},
    {TFL_DEQUANTIZE, tml_dequantize_prepare, tml_dequantize_eval},
    {TFL_FULLY_CONNECTED, tml_fully_connected_prepare, tml_fully_connected_eval},
    {TFL_LOGISTIC, tml_logistic_prepare, tml_logistic_eval},
    {TFL_MAX_POOL_2D, tml_max_pool_prepare, tml_max_pool_eval},
    {TFL_MUL, tml_mul_prepare, tml_mul_eval},
    {TFL_RESHAPE, tml_reshape_prepare, tml_reshape_eval},
    {TFL_SOFTMAX, tml_softmax_prepare, tml_softmax_eval},
    {TFL_TANH, tml_tanh_prepare, tml_tanh_eval},
    {TFL_PAD, tml_pad_prepare, tml_pad_eval},
    {TFL_MEAN, tml_mean_prepare, tml_mean_eval},
    {TFL_SQUEEZE, tml_reshape_prepare, tml_reshape_eval},
    {TFL_PADV2, tml_pad_prepare, tml_pad_eval},
    {TFL_QUANTIZE, tml_quantize_prepare, tml_quantize_eval},
};

const tml_kernel *tml_find_kernel(int32_t builtin, uint16_t *index) {
  for (uint16_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
    if (kernels[i].builtin == builtin) {
      *index = i;
      return &kernels[i];
    }
  return NULL;
}

const tml_kernel *tml_kernel_at(uint16_t index) { return &kernels[index]; }
