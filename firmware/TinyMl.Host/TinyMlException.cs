using System;

namespace TinyMl;

/// <summary>The engine refused a model or a call; <see cref="Exception.Message"/> is the engine's reason.</summary>
public class TinyMlException : Exception
{
    public TinyMlException(TinyMlStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    public TinyMlStatus Status { get; }
}
