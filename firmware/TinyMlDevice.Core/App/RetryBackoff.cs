namespace TinyMlDevice.Core
{
    /// <summary>
    /// When to try again after consecutive failures: InitialMs after the first, doubling up to MaxMs; reset by a success.
    /// </summary>
    public sealed class RetryBackoff
    {
        public RetryBackoff(int initialMs, int maxMs)
        {
            InitialMs = initialMs;
            MaxMs = maxMs;
        }

        public int InitialMs { get; }

        public int MaxMs { get; }

        /// <summary>Consecutive failures (0 once working).</summary>
        public int Failures { get; private set; }

        public bool Failing => Failures > 0;

        public long RetryAtMs { get; private set; }

        /// <summary>True when working, or failing and the retry time has come.</summary>
        public bool Due(long nowMs) => Failures == 0 || nowMs >= RetryAtMs;

        /// <summary>Counts a failure; returns the delay until the next attempt.</summary>
        public int Failed(long nowMs)
        {
            Failures++;
            long delay = InitialMs;
            for (int i = 1; i < Failures && delay < MaxMs; i++)
            {
                delay *= 2;
            }

            if (delay > MaxMs)
            {
                delay = MaxMs;
            }

            RetryAtMs = nowMs + delay;
            return (int)delay;
        }

        /// <summary>Counts a failure the part has already recovered from (the stream resumed): due again at once; returns 0.</summary>
        public int Resumed(long nowMs)
        {
            Failures++;
            RetryAtMs = nowMs;
            return 0;
        }

        public void Succeeded()
        {
            Failures = 0;
            RetryAtMs = 0;
        }
    }
}
