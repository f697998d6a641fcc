using TinyMl;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// One inference spread over several calls, a bounded number of operators (native calls) per call, so that no call
    /// blocks the single RTOS task every managed thread shares for long.
    /// </summary>
    internal sealed class SteppedInference
    {
        private readonly Interpreter _interpreter;

        public SteppedInference(Interpreter interpreter)
        {
            _interpreter = interpreter;
        }

        public bool Running { get; private set; }

        /// <summary>Copies the input and makes the next Step run the first operator.</summary>
        public void Start(sbyte[] input)
        {
            _interpreter.SetInput(0, input);
            Running = true;
        }

        /// <summary>Runs up to maxOperators operators; true when this call ran the last one (the outputs are ready).</summary>
        public bool Step(int maxOperators)
        {
            for (int i = 0; i < maxOperators && Running; i++)
            {
                if (_interpreter.InvokeStep())
                {
                    Running = false;
                    return true;
                }
            }

            return false;
        }
    }
}
