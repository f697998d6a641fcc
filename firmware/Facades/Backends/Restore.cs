using System;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>Runs an action once when disposed (puts a previous backend back).</summary>
    internal sealed class Restore : IDisposable
    {
        private Action _action;

        internal Restore(Action action)
        {
            _action = action;
        }

        public void Dispose()
        {
            Action action = _action;
            _action = null;
            if (action != null)
            {
                action();
            }
        }
    }
}
