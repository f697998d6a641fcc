using System.Collections;

namespace TinyMlDevice.Core.DeviceTests
{
    /// <summary>Keeps every published payload, per channel.</summary>
    internal sealed class TestSink : IReportSink
    {
        private readonly ArrayList _channels = new ArrayList();
        private readonly ArrayList _payloads = new ArrayList();

        public bool Connected => true;

        public int Count => _payloads.Count;

        public void Publish(ReportChannel channel, byte[] payload)
        {
            _channels.Add(channel);
            _payloads.Add(payload);
        }

        /// <summary>The payloads of one channel, oldest first.</summary>
        public byte[][] On(ReportChannel channel)
        {
            int count = 0;
            for (int i = 0; i < _channels.Count; i++)
            {
                count += (ReportChannel)_channels[i] == channel ? 1 : 0;
            }

            byte[][] found = new byte[count][];
            int next = 0;
            for (int i = 0; i < _channels.Count; i++)
            {
                if ((ReportChannel)_channels[i] == channel)
                {
                    found[next++] = (byte[])_payloads[i];
                }
            }

            return found;
        }

        public FaultReport[] Faults()
        {
            byte[][] payloads = On(ReportChannel.Fault);
            FaultReport[] faults = new FaultReport[payloads.Length];
            for (int i = 0; i < faults.Length; i++)
            {
                faults[i] = ReportCodec.DecodeFault(payloads[i]);
            }

            return faults;
        }

        public AnomalyReport[] Anomalies()
        {
            byte[][] payloads = On(ReportChannel.AnomalyReport);
            AnomalyReport[] reports = new AnomalyReport[payloads.Length];
            for (int i = 0; i < reports.Length; i++)
            {
                reports[i] = ReportCodec.DecodeAnomalyReport(payloads[i]);
            }

            return reports;
        }
    }
}
