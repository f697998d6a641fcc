namespace TinyMl
{
    /// <summary>Element type of a tensor, numbered as in the TFLite schema; mirrors <c>tml_type</c>.</summary>
    public enum TensorType
    {
        Float32 = 0,
        Float16 = 1,
        Int32 = 2,
        UInt8 = 3,
        Int64 = 4,
        String = 5,
        Bool = 6,
        Int16 = 7,
        Complex64 = 8,
        Int8 = 9,
        Float64 = 10,
    }
}
