namespace TinyMl;

/// <summary>Where the memory plan puts one tensor, and when its memory is in use.</summary>
public sealed class TensorPlacement
{
    internal TensorPlacement(TensorStorage storage, int offset, int bytes, int firstOperator, int lastOperator,
        int sharesWith)
    {
        Storage = storage;
        Offset = offset;
        Bytes = bytes;
        FirstOperator = firstOperator;
        LastOperator = lastOperator;
        SharesWith = sharesWith;
    }

    public TensorStorage Storage { get; }

    /// <summary>Into the activation area (<see cref="TensorStorage.Arena"/>) or the model bytes (<see cref="TensorStorage.Model"/>).</summary>
    public int Offset { get; }

    public int Bytes { get; }

    /// <summary>First operator index during which the memory is in use (model inputs: 0); -1 outside the arena.</summary>
    public int FirstOperator { get; }

    /// <summary>Last operator index during which the memory is in use (model outputs: the operator count); -1 outside the arena.</summary>
    public int LastOperator { get; }

    /// <summary>Index of a tensor whose memory this one reuses (reshape, in-place operator), or -1.</summary>
    public int SharesWith { get; }
}
