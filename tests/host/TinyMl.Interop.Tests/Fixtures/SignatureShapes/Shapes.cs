using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyNativeVersion("1.0.0.0")]

namespace nanoFramework.Runtime.Native
{
    public enum RebootOption
    {
        NormalReboot = 0,
    }

    public static class Power
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void NativeReboot(RebootOption option);
    }

    public static class SystemInfo
    {
        public static extern string OEMString
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void GetSystemVersion(out int major, out int minor, out int build, out int revision);
    }

    public static class Rtc
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool Native_RTC_SetSystemTime(int year, byte month, byte day, byte dayOfWeek, byte hour,
            byte minute, byte second);
    }
}

namespace System
{
    public static class Environment
    {
        public static extern long TickCount64
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }
    }
}

namespace System.Device.Spi
{
    public class SpiDevice
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void NativeTransfer(ushort[] writeBuffer, ushort[] readBuffer, bool fullDuplex);
    }
}

namespace nanoFramework.Hardware.Esp32.Touch
{
    public enum TouchHighVoltage
    {
        Volt2V4 = 0,
    }

    public enum TouchLowVoltage
    {
        Volt0V5 = 0,
    }

    public enum TouchHighVoltageAttenuation
    {
        Volt1V5 = 0,
    }

    public static class TouchPad
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void NativeGetVoltage(ref TouchHighVoltage high, ref TouchLowVoltage low,
            ref TouchHighVoltageAttenuation attenuation);
    }
}
