using System.Device.Gpio;
using System.Reflection;
using nanoFramework.Hardware.Esp32;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Simulator.Board;

/// <summary>The GPIO pins: the status LED's state and how often it changed.</summary>
public sealed class SimulatedGpio : IGpioPins
{
    private readonly Dictionary<int, PinValue> _levels = new();

    public int Writes { get; private set; }

    public void Open(int pinNumber, PinMode mode) => _levels[pinNumber] = PinValue.Low;

    public void Write(int pinNumber, PinValue value)
    {
        Writes++;
        _levels[pinNumber] = value;
    }

    public void Close(int pinNumber) => _levels.Remove(pinNumber);
}

/// <summary>The ESP32's GPIO matrix: what each pin was routed to.</summary>
public sealed class SimulatedPinMatrix : IPinFunctions
{
    public Dictionary<int, DeviceFunction> Functions { get; } = new();

    public void SetPinFunction(int pin, DeviceFunction function) => Functions[pin] = function;
}

/// <summary>Memory figures of an ESP32 without PSRAM running the firmware (README budget), fixed.</summary>
public sealed class SimulatedMemory : IMemoryInfo
{
    public uint CollectManaged(bool compactHeap) => 20_000;

    public void NativeMemory(int memoryType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock)
    {
        bool internalRam = memoryType is 0 or 1;
        totalSize = internalRam ? 180_000u : 0;
        totalFreeSize = internalRam ? 70_000u : 0;
        largestFreeBlock = internalRam ? 40_000u : 0;
    }
}

/// <summary>
/// The image's embedded resources (Resources.resx: NfConfig, KwsModel, VibrationModel) by the ids the firmware's
/// generated Resources class uses, read from its BinaryResources enumeration; a resource set to null is one the
/// image lacks.
/// </summary>
public sealed class SimulatedResources : IResourceStore
{
    public const string BaseName = "TinyMlDevice.Resources";

    private readonly Dictionary<short, string> _names = new();
    private readonly Dictionary<string, byte[]?> _blobs = new(StringComparer.Ordinal);

    public SimulatedResources()
    {
        Type ids = typeof(TinyMlDevice.Device).Assembly.GetType("TinyMlDevice.Resources+BinaryResources", throwOnError: true)!;
        foreach (FieldInfo field in ids.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            _names[Convert.ToInt16(field.GetValue(null))] = field.Name;
        }
    }

    public IEnumerable<string> Names => _names.Values;

    public void Set(string name, byte[]? bytes)
    {
        if (!_names.ContainsValue(name))
        {
            throw new ArgumentException($"the firmware image has no resource called {name}");
        }

        _blobs[name] = bytes;
    }

    public byte[]? Get(string name) => _blobs.TryGetValue(name, out byte[]? bytes) ? bytes : null;

    public object? GetObject(string baseName, short id)
    {
        if (baseName != BaseName || !_names.TryGetValue(id, out string? name))
        {
            return null;
        }

        byte[]? bytes = Get(name);
        return bytes == null ? null : (byte[])bytes.Clone();
    }
}
