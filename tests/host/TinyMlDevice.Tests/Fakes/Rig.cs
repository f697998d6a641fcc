using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Tests.Fakes;

/// <summary>Every facade backend installed with a fake for the duration of one test.</summary>
public sealed class Rig : IDisposable
{
    private readonly List<IDisposable> _scopes = new();

    public Rig()
    {
        Bus = new I2cBusFake();
        I2s = new I2sFake(Clock);
        Radio = new RadioFake();
        Resources = new ResxStore(Repo.Path("firmware/TinyMlDevice/Resources.resx"));
        _scopes.Add(I2cBackend.Install(Bus));
        _scopes.Add(I2sBackend.Install(I2s));
        _scopes.Add(GpioBackend.Install(Gpio));
        _scopes.Add(Esp32Backend.Install(PinFunctions));
        _scopes.Add(BluetoothBackend.Install(Radio));
        _scopes.Add(ResourceBackend.Install(Resources));
        _scopes.Add(MemoryBackend.Install(Memory));
    }

    public FakeClock Clock { get; } = new();

    public I2cBusFake Bus { get; }

    public I2sFake I2s { get; }

    public GpioFake Gpio { get; } = new();

    public PinFunctionsFake PinFunctions { get; } = new();

    public RadioFake Radio { get; }

    public ResxStore Resources { get; }

    public MemoryFake Memory { get; } = new();

    public void Dispose()
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            _scopes[i].Dispose();
        }
    }
}
