namespace TinyMlDevice.Core
{
    /// <summary>A fault the device met and what it does about it.</summary>
    public sealed class FaultReport
    {
        /// <summary>Longest reason carried in the payload (ASCII bytes); longer ones are cut.</summary>
        public const int MaxReasonLength = 64;

        public FaultReport(FaultCode code, FaultSource source, uint timestampMs, int retryInMs, int attempt, string reason)
        {
            Code = code;
            Source = source;
            TimestampMs = timestampMs;
            RetryInMs = retryInMs;
            Attempt = attempt;
            Reason = reason ?? "";
        }

        public FaultCode Code { get; }

        public FaultSource Source { get; }

        public uint TimestampMs { get; }

        /// <summary>When the device tries again, in ms from TimestampMs (0: no retry planned); saturates at 65535.</summary>
        public int RetryInMs { get; }

        /// <summary>Consecutive failures so far (1 for the first); saturates at 255.</summary>
        public int Attempt { get; }

        /// <summary>What happened, in words (the engine's or driver's text).</summary>
        public string Reason { get; }

        /// <summary>Per-channel counter set when published.</summary>
        public ushort Sequence { get; set; }
    }
}
