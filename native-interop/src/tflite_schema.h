/* Facts from the TFLite FlatBuffer schema (tensorflow/lite/schema/schema.fbs): table field ids (vtable
   slots; a union takes two, type then value) and the enum values the engine uses. */
#ifndef TINYML_TFLITE_SCHEMA_H
#define TINYML_TFLITE_SCHEMA_H

#define TFL_FILE_IDENTIFIER "TFL3"
#define TFL_SCHEMA_VERSION 3u

/* table Model */
enum { MODEL_VERSION = 0, MODEL_OPERATOR_CODES = 1, MODEL_SUBGRAPHS = 2, MODEL_DESCRIPTION = 3, MODEL_BUFFERS = 4 };
/* table OperatorCode */
enum { OPCODE_DEPRECATED_BUILTIN = 0, OPCODE_CUSTOM = 1, OPCODE_VERSION = 2, OPCODE_BUILTIN = 3 };
/* table SubGraph */
enum { SUBGRAPH_TENSORS = 0, SUBGRAPH_INPUTS = 1, SUBGRAPH_OUTPUTS = 2, SUBGRAPH_OPERATORS = 3 };
/* table Tensor */
enum {
  TENSOR_SHAPE = 0, TENSOR_TYPE = 1, TENSOR_BUFFER = 2, TENSOR_NAME = 3, TENSOR_QUANTIZATION = 4,
  TENSOR_IS_VARIABLE = 5, TENSOR_SPARSITY = 6
};
/* table QuantizationParameters */
enum { QUANT_SCALE = 2, QUANT_ZERO_POINT = 3, QUANT_DETAILS_TYPE = 4, QUANT_QUANTIZED_DIMENSION = 6 };
/* table Buffer: data, or (offset, size) relative to the file start for models over 2 GB */
enum { BUFFER_DATA = 0, BUFFER_OFFSET = 1, BUFFER_SIZE = 2 };
/* table Operator */
enum {
  OP_OPCODE_INDEX = 0, OP_INPUTS = 1, OP_OUTPUTS = 2, OP_BUILTIN_OPTIONS_TYPE = 3, OP_BUILTIN_OPTIONS = 4,
  OP_CUSTOM_OPTIONS = 5, OP_MUTATING_VARIABLE_INPUTS = 7, OP_INTERMEDIATES = 8
};

/* enum BuiltinOperator (the ones the engine implements; names of all are in model.c) */
enum {
  TFL_ADD = 0, TFL_AVERAGE_POOL_2D = 1, TFL_CONCATENATION = 2, TFL_CONV_2D = 3, TFL_DEPTHWISE_CONV_2D = 4,
  TFL_DEQUANTIZE = 6, TFL_FULLY_CONNECTED = 9, TFL_LOGISTIC = 14, TFL_MAX_POOL_2D = 17, TFL_MUL = 18,
  TFL_RESHAPE = 22, TFL_SOFTMAX = 25, TFL_TANH = 28, TFL_PAD = 34, TFL_MEAN = 40, TFL_SQUEEZE = 43,
  TFL_QUANTIZE = 114
};

/* union BuiltinOptions member indices */
enum {
  TFL_OPT_NONE = 0, TFL_OPT_CONV_2D = 1, TFL_OPT_DEPTHWISE_CONV_2D = 2, TFL_OPT_POOL_2D = 5,
  TFL_OPT_FULLY_CONNECTED = 8, TFL_OPT_SOFTMAX = 9, TFL_OPT_CONCATENATION = 10, TFL_OPT_ADD = 11,
  TFL_OPT_RESHAPE = 17, TFL_OPT_MUL = 21, TFL_OPT_PAD = 22, TFL_OPT_REDUCER = 27, TFL_OPT_SQUEEZE = 30
};

/* Options table field ids */
enum { CONV_PADDING = 0, CONV_STRIDE_W = 1, CONV_STRIDE_H = 2, CONV_ACTIVATION = 3, CONV_DILATION_W = 4, CONV_DILATION_H = 5 };
enum {
  DW_PADDING = 0, DW_STRIDE_W = 1, DW_STRIDE_H = 2, DW_DEPTH_MULTIPLIER = 3, DW_ACTIVATION = 4, DW_DILATION_W = 5,
  DW_DILATION_H = 6
};
enum { POOL_PADDING = 0, POOL_STRIDE_W = 1, POOL_STRIDE_H = 2, POOL_FILTER_W = 3, POOL_FILTER_H = 4, POOL_ACTIVATION = 5 };
enum { FC_ACTIVATION = 0, FC_WEIGHTS_FORMAT = 1, FC_KEEP_NUM_DIMS = 2, FC_ASYMMETRIC_QUANTIZE_INPUTS = 3 };
enum { SOFTMAX_BETA = 0 };
enum { CONCAT_AXIS = 0, CONCAT_ACTIVATION = 1 };
enum { ADD_ACTIVATION = 0 };
enum { MUL_ACTIVATION = 0 };
enum { RESHAPE_NEW_SHAPE = 0 };
enum { SQUEEZE_DIMS = 0 };
enum { REDUCER_KEEP_DIMS = 0 };

/* enum Padding, enum ActivationFunctionType */
enum { TFL_PADDING_SAME = 0, TFL_PADDING_VALID = 1 };
enum { TFL_ACT_NONE = 0, TFL_ACT_RELU = 1, TFL_ACT_RELU_N1_TO_1 = 2, TFL_ACT_RELU6 = 3, TFL_ACT_TANH = 4, TFL_ACT_SIGN_BIT = 5 };

#endif
