namespace TinyMl
{
    /// <summary>Where a tensor's bytes live once a model runs; mirrors <c>tml_storage</c>.</summary>
    public enum TensorStorage
    {
        /// <summary>Activation memory: the offset is into the arena's activation area.</summary>
        Arena = 0,
        /// <summary>Constant data read in place from the model: the offset is into the .tflite bytes.</summary>
        Model = 1,
        /// <summary>No data: no operator touches the tensor.</summary>
        None = 2,
    }
}
