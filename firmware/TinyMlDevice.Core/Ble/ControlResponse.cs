namespace TinyMlDevice.Core
{
    /// <summary>What the device notifies on Control after each write.</summary>
    public sealed class ControlResponse
    {
        public ControlResponse(int opcode, CommandResult result, uint session, uint counter)
        {
            Opcode = opcode;
            Result = result;
            Session = session;
            Counter = counter;
        }

        /// <summary>The opcode of the command answered (what was written, even if unknown).</summary>
        public int Opcode { get; }

        public CommandResult Result { get; }

        /// <summary>The device's current session: sign the next command with it.</summary>
        public uint Session { get; }

        /// <summary>The last counter the device accepted in this session (0: none yet): the next must be larger.</summary>
        public uint Counter { get; }
    }
}
