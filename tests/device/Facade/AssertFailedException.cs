// Facade of nanoFramework.TestFramework 3.0.80 (namespace nanoFramework.TestFramework).
using System;

namespace nanoFramework.TestFramework
{
    /// <summary>What a failed assertion throws.</summary>
    internal sealed class AssertFailedException : Exception
    {
        public AssertFailedException(string message)
            : base(message)
        {
        }
    }
}
