using System;

namespace TinyMl
{
    /// <summary>The engine refused a model or a call; <see cref="Exception.Message"/> is the engine's reason.</summary>
    public class TinyMlException : Exception
    {
        // Explicit backing fields throughout this assembly: the metadata processor names every field in the
        // stub header, and an auto-property's "<X>k__BackingField" is not a C++ identifier.
        private readonly TinyMlStatus _status;

        public TinyMlException(TinyMlStatus status, string message)
            : base(message)
        {
            _status = status;
        }

        public TinyMlStatus Status
        {
            get { return _status; }
        }
    }
}
