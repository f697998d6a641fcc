using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Tests.Fakes;

/// <summary>Records pin modes and every value written.</summary>
public sealed class GpioFake : IGpioPins
{
    public Dictionary<int, PinMode> Modes { get; } = new();

    public List<(int Pin, PinValue Value)> Written { get; } = new();

    public void Open(int pinNumber, PinMode mode) => Modes[pinNumber] = mode;

    public void Write(int pinNumber, PinValue value) => Written.Add((pinNumber, value));

    public void Close(int pinNumber) => Modes.Remove(pinNumber);
}

/// <summary>Records the GPIO matrix routing.</summary>
public sealed class PinFunctionsFake : IPinFunctions
{
    public Dictionary<int, DeviceFunction> Functions { get; } = new();

    public void SetPinFunction(int pin, DeviceFunction function) => Functions[pin] = function;
}

/// <summary>Fixed memory figures, as a board would report them.</summary>
public sealed class MemoryFake : IMemoryInfo
{
    public uint ManagedFree { get; set; } = 31000;

    public int Collections { get; private set; }

    public uint CollectManaged(bool compactHeap)
    {
        Collections++;
        return ManagedFree;
    }

    public void NativeMemory(int memoryType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock)
    {
        totalSize = memoryType == 1 ? 200000u : 0;
        totalFreeSize = memoryType == 1 ? 90000u : 0;
        largestFreeBlock = memoryType == 1 ? 60000u : 0;
    }
}
