using System.Runtime.CompilerServices;

namespace NF.AwesomeLib
{
    public class Utilities
    {
        private static byte[] _hardwareSerial;

        public static byte[] HardwareSerial
        {
            get
            {
                if (_hardwareSerial == null)
                {
                    byte[] serial = new byte[12];
                    NativeGetHardwareSerial(serial);
                    _hardwareSerial = serial;
                }

                return _hardwareSerial;
            }
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeGetHardwareSerial(byte[] data);
    }
}
