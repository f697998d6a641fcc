namespace TinyMlDevice.Core
{
    /// <summary>Where encoded reports go (the BLE GATT server on the device, a recorder in the simulator).</summary>
    public interface IReportSink
    {
        /// <summary>True when at least one client listens; reports may be dropped otherwise.</summary>
        bool Connected { get; }

        /// <summary>Sends one encoded report on its channel; never throws for a lost link.</summary>
        void Publish(ReportChannel channel, byte[] payload);
    }

    /// <summary>The report streams (one BLE characteristic each).</summary>
    public enum ReportChannel
    {
        KeywordEvent = 1,
        AnomalyReport = 2,
        Status = 3,
        Fault = 4,
        /// <summary>Responses to Control writes.</summary>
        Control = 5,
        /// <summary>Responses to ModelUpdate writes.</summary>
        ModelUpdate = 6,
    }
}
