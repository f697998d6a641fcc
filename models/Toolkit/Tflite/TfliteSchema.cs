namespace TinyMl.Toolkit.Tflite;

// The parts of TFLite's schema (tensorflow/lite/schema/schema.fbs, version 3) the writer and the metadata reader
// use: enum values and field ids (a field's vtable slot is 4 + 2·id; a union takes two ids, type then value).

internal static class TfliteSchema
{
    public const string FileIdentifier = "TFL3";
    public const uint Version = 3;

    public static class BuiltinOperator
    {
        public const int AveragePool2D = 1;
        public const int Conv2D = 3;
        public const int DepthwiseConv2D = 4;
        public const int Dequantize = 6;
        public const int FullyConnected = 9;
        public const int Reshape = 22;
        public const int Softmax = 25;
        public const int Quantize = 114;

        /// <summary>The most deprecated_builtin_code (an int8) can hold; larger codes store this there.</summary>
        public const int PlaceholderForGreaterOpCodes = 127;
    }

    public static class TensorType
    {
        public const sbyte Float32 = 0;
        public const sbyte Int32 = 2;
        public const sbyte Int8 = 9;
    }

    public static class BuiltinOptions
    {
        public const byte Conv2DOptions = 1;
        public const byte DepthwiseConv2DOptions = 2;
        public const byte Pool2DOptions = 5;
        public const byte FullyConnectedOptions = 8;
        public const byte SoftmaxOptions = 9;
        public const byte ReshapeOptions = 17;
        public const byte DequantizeOptions = 38;
        public const byte QuantizeOptions = 89;
    }

    public static class Padding
    {
        public const sbyte Same = 0;
        public const sbyte Valid = 1;
    }

    public static class ActivationFunction
    {
        public const sbyte None = 0;
        public const sbyte Relu = 1;
        public const sbyte Relu6 = 3;
    }

    // Field ids per table.
    public static class ModelField
    {
        public const int Version = 0, OperatorCodes = 1, Subgraphs = 2, Description = 3, Buffers = 4, Metadata = 6, Count = 8;
    }

    public static class OperatorCodeField
    {
        public const int DeprecatedBuiltinCode = 0, Version = 2, BuiltinCode = 3, Count = 4;
    }

    public static class SubGraphField
    {
        public const int Tensors = 0, Inputs = 1, Outputs = 2, Operators = 3, Name = 4, Count = 5;
    }

    public static class TensorField
    {
        public const int Shape = 0, Type = 1, Buffer = 2, Name = 3, Quantization = 4, Count = 5;
    }

    public static class QuantizationField
    {
        public const int Scale = 2, ZeroPoint = 3, QuantizedDimension = 6, Count = 7;
    }

    public static class BufferField
    {
        public const int Data = 0, Count = 1;

        /// <summary>Buffer.data has force_align: 16.</summary>
        public const int DataAlignment = 16;
    }

    public static class MetadataField
    {
        public const int Name = 0, Buffer = 1, Count = 2;
    }

    public static class OperatorField
    {
        public const int OpcodeIndex = 0, Inputs = 1, Outputs = 2, BuiltinOptionsType = 3, BuiltinOptions = 4, Count = 5;
    }

    public static class Conv2DOptionsField
    {
        public const int Padding = 0, StrideW = 1, StrideH = 2, FusedActivation = 3, DilationW = 4, DilationH = 5, Count = 6;
    }

    public static class DepthwiseConv2DOptionsField
    {
        public const int Padding = 0, StrideW = 1, StrideH = 2, DepthMultiplier = 3, FusedActivation = 4, DilationW = 5,
            DilationH = 6, Count = 7;
    }

    public static class Pool2DOptionsField
    {
        public const int Padding = 0, StrideW = 1, StrideH = 2, FilterWidth = 3, FilterHeight = 4, FusedActivation = 5, Count = 6;
    }

    public static class FullyConnectedOptionsField
    {
        public const int FusedActivation = 0, WeightsFormat = 1, KeepNumDims = 2, Count = 3;
    }

    public static class SoftmaxOptionsField
    {
        public const int Beta = 0, Count = 1;
    }

    public static class ReshapeOptionsField
    {
        public const int NewShape = 0, Count = 1;
    }
}
