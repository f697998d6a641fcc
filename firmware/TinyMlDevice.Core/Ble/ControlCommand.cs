namespace TinyMlDevice.Core
{
    /// <summary>A decoded Control command: opcode, session, counter and arguments (the tag is checked by ControlCodec).</summary>
    public sealed class ControlCommand
    {
        public ControlCommand(ControlOpcode opcode, uint session, uint counter)
        {
            Opcode = opcode;
            Session = session;
            Counter = counter;
        }

        public ControlOpcode Opcode { get; }

        public uint Session { get; }

        public uint Counter { get; }

        /// <summary>SetKwsThreshold, SetAnomalyThreshold.</summary>
        public float Threshold { get; set; }

        /// <summary>SetPipeline: 1 keyword spotting, 2 vibration.</summary>
        public int Pipeline { get; set; }

        /// <summary>SetPipeline.</summary>
        public bool Enabled { get; set; }
    }
}
