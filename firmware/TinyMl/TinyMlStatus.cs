namespace TinyMl
{
    /// <summary>What an engine call reported; mirrors <c>tml_status</c>.</summary>
    public enum TinyMlStatus
    {
        Ok = 0,
        /// <summary>Null pointer, index out of range, buffer of the wrong size.</summary>
        Argument = 1,
        /// <summary>Not a well-formed TFLite FlatBuffer, or inconsistent shapes or quantization.</summary>
        Model = 2,
        /// <summary>Well-formed, but uses an operator, type or option the engine lacks.</summary>
        Unsupported = 3,
        /// <summary>Arena or workspace missing, misaligned or too small.</summary>
        Arena = 4,
        /// <summary>Called out of order, e.g. invoke before init.</summary>
        State = 5,
    }
}
