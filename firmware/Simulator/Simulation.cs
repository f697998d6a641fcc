using System.Device.I2c;
using System.Diagnostics;
using System.Globalization;
using TinyMlDevice.Core;
using TinyMlDevice.Facades.Backends;
using TinyMlDevice.Simulator.Audio;
using TinyMlDevice.Simulator.Ble;
using TinyMlDevice.Simulator.Board;
using TinyMlDevice.Simulator.Bus;
using TinyMlDevice.Simulator.Faults;
using TinyMlDevice.Simulator.Sensors;

namespace TinyMlDevice.Simulator;

/// <summary>What to simulate: the board's inputs, the image's resources, the faults to inject.</summary>
public sealed class SimulationSetup
{
    /// <summary>The nf.config embedded in the image.</summary>
    public required string ConfigText { get; init; }

    /// <summary>What the microphone hears (null: a quiet room).</summary>
    public WavRecording? Audio { get; init; }

    /// <summary>Seconds of quiet room before the audio recording starts playing.</summary>
    public double AudioStartS { get; init; }

    /// <summary>What the IMU feels (null: the board at rest).</summary>
    public VibrationRecording? Vibration { get; init; }

    /// <summary>The image's KwsModel resource (null: the image has none).</summary>
    public byte[]? KwsModel { get; init; }

    public byte[]? VibrationModel { get; init; }

    /// <summary>The IMU on the board: mpu6050, lsm6ds3 or none.</summary>
    public string Imu { get; init; } = "mpu6050";

    public double DurationS { get; init; }

    public IReadOnlyList<FaultInjection> Faults { get; init; } = Array.Empty<FaultInjection>();

    public IReadOnlyList<ScriptedWrite> Writes { get; init; } = Array.Empty<ScriptedWrite>();

    /// <summary>I2C clock; 0 makes transfers free.</summary>
    public int I2cClockHz { get; init; } = 400_000;

    public int MicrophoneSlot { get; init; }

    public bool PdmDataPinFixed { get; init; }
}

/// <summary>A line the simulator adds to the timeline: what it did to the board (an injected fault, a script step).</summary>
public sealed record SimulationNote(long TimeUs, string Text);

/// <summary>Everything a run produced.</summary>
public sealed class SimulationResult
{
    public required IReadOnlyList<BleLogEntry> Log { get; init; }

    public required IReadOnlyList<SimulationNote> Notes { get; init; }

    /// <summary>The configuration in force at the end (the firmware's last good one), or null.</summary>
    public DeviceConfig? Config { get; init; }

    /// <summary>The exception that escaped the firmware's main loop or boot, or null (the firmware never crashed).</summary>
    public Exception? Crash { get; init; }

    public double VirtualSeconds { get; init; }

    public double WallSeconds { get; init; }

    public string ImuPart { get; init; } = "none";

    public long I2cTransfers { get; init; }

    public long I2cFailedTransfers { get; init; }

    public double I2cBusyFraction { get; init; }

    public long ImuSamplesMeasured { get; init; }

    public int ImuFifoOverflows { get; init; }

    public long ImuSamplesOverwritten { get; init; }

    public long AudioFramesDelivered { get; init; }

    public long AudioFramesLost { get; init; }

    public long AudioFramesStalled { get; init; }

    public int NotificationsLost { get; init; }

    /// <summary>The device's own status at the end (read directly, not over BLE).</summary>
    public StatusReport? FinalStatus { get; init; }

    /// <summary>The reports the client received, decoded.</summary>
    public IReadOnlyList<ReceivedReport> Received => ReceivedReport.From(Log);
}

/// <summary>
/// One simulated board running the device firmware: installs the simulated peripherals as facade backends, boots
/// TinyMlDevice.Device (the real entry point's boot: embedded nf.config, pins, IMU detection, microphone, BLE, the core),
/// then runs the main loop of TinyMlDevice.Program in virtual time — Device.RunOnce, and the idle sleep when it returns
/// false — injecting the scripted faults and writes on the way. Backends are process-wide, so one run at a time.
/// </summary>
public static class Simulation
{
    public const int Mpu6050Address = 0x68;
    public const int Lsm6ds3Address = 0x6A;

    /// <summary>Rounds of the main loop without virtual time moving before the run is declared stuck.</summary>
    private const int StuckRounds = 1_000_000;

    private static readonly object OneAtATime = new();

    public static SimulationResult Run(SimulationSetup setup)
    {
        lock (OneAtATime)
        {
            return RunLocked(setup);
        }
    }

    private static SimulationResult RunLocked(SimulationSetup setup)
    {
        Stopwatch wall = Stopwatch.StartNew();
        VirtualClock clock = new();
        List<SimulationNote> notes = new();
        void Note(string text) => notes.Add(new SimulationNote(clock.Microseconds, text));

        SimulatedI2cBus bus = new(clock, setup.I2cClockHz);
        AccelerometerChip? chip = null;
        int imuAddress = -1;
        switch (setup.Imu)
        {
            case "mpu6050":
                chip = new Mpu6050Model(clock, setup.Vibration);
                imuAddress = Mpu6050Address;
                break;
            case "lsm6ds3":
                chip = new Lsm6ds3Model(clock, setup.Vibration);
                imuAddress = Lsm6ds3Address;
                break;
            case "none":
                break;
            default:
                throw new ArgumentException($"IMU '{setup.Imu}': mpu6050, lsm6ds3 or none");
        }

        if (chip != null)
        {
            bus.Attach(imuAddress, chip);
        }

        SimulatedI2s i2s = new(clock, setup.Audio)
        {
            MicrophoneSlot = setup.MicrophoneSlot,
            PdmDataPinFixed = setup.PdmDataPinFixed,
            RecordingStartS = setup.AudioStartS,
        };
        SimulatedRadio radio = new(clock);
        SimulatedResources resources = new();
        resources.Set("NfConfig", System.Text.Encoding.UTF8.GetBytes(setup.ConfigText));
        resources.Set("KwsModel", setup.KwsModel);
        resources.Set("VibrationModel", setup.VibrationModel);

        List<FaultInjection> pending = setup.Faults.OrderBy(f => f.AtS).ToList();
        List<ScriptedWrite> writes = setup.Writes.OrderBy(w => w.AtS).ToList();
        List<(long AtUs, Action Act)> later = new();
        long endUs = (long)Math.Round(setup.DurationS * 1e6);
        Device? device = null;
        Exception? crash = null;

        List<IDisposable> scopes = new()
        {
            I2cBackend.Install(bus),
            I2sBackend.Install(i2s),
            BluetoothBackend.Install(radio),
            ResourceBackend.Install(resources),
            GpioBackend.Install(new SimulatedGpio()),
            Esp32Backend.Install(new SimulatedPinMatrix()),
            MemoryBackend.Install(new SimulatedMemory()),
        };
        try
        {
            // a model corrupted from the start is what the image boots with
            foreach (FaultInjection fault in pending.Where(f => f.Kind == FaultKind.ModelCorrupt && f.AtS == 0).ToList())
            {
                CorruptModel(resources, Note);
                pending.Remove(fault);
            }

            try
            {
                device = Device.Boot(clock);
            }
            catch (Exception e)
            {
                crash = e;
                Note($"FIRMWARE CRASHED during boot: {e.GetType().Name}: {e.Message}");
            }

            if (device != null)
            {
                Note(BootNote(device));
                int stuck = 0;
                long lastUs = clock.Microseconds;
                while (clock.Microseconds < endUs)
                {
                    while (pending.Count > 0 && pending[0].AtS * 1e6 <= clock.Microseconds)
                    {
                        Inject(pending[0], device, bus, chip, imuAddress, i2s, radio, resources, setup, clock, Note, later);
                        pending.RemoveAt(0);
                    }

                    for (int i = 0; i < later.Count; i++)
                    {
                        if (later[i].AtUs <= clock.Microseconds)
                        {
                            Action act = later[i].Act;
                            later.RemoveAt(i--);
                            act();
                        }
                    }

                    while (writes.Count > 0 && writes[0].AtS * 1e6 <= clock.Microseconds)
                    {
                        ScriptedWrite write = writes[0];
                        writes.RemoveAt(0);
                        string uuid = write.Target == "control" ? BleProtocol.ControlUuid : BleProtocol.ModelUpdateUuid;
                        Note($"client writes {write.Bytes.Length} bytes to {(write.Target == "control" ? "Control" : "ModelUpdate")}");
                        radio.Write(new Guid(uuid), write.Bytes);
                    }

                    radio.Poll();
                    bool busy;
                    try
                    {
                        busy = device.RunOnce();
                    }
                    catch (Exception e)
                    {
                        crash = e;
                        Note($"FIRMWARE CRASHED in the main loop: {e.GetType().Name}: {e.Message}");
                        break;
                    }

                    if (!busy)
                    {
                        clock.Sleep(Program.IdleSleepMs);
                    }

                    if (device.RebootRequested)
                    {
                        // what Program.Main does: let the answer go out, then restart; RAM (baseline, queues) is lost
                        clock.Sleep(Program.RebootDelayMs);
                        Note("the device reboots (Reboot command)");
                        device.App.Dispose();
                        scopes.Add(BluetoothBackend.Install(radio));
                        radio.Reboot();
                        device = Device.Boot(clock);
                        Note(BootNote(device));
                    }

                    if (clock.Microseconds == lastUs)
                    {
                        if (++stuck > StuckRounds)
                        {
                            crash = new InvalidOperationException("the main loop kept reporting work without time passing");
                            Note("FIRMWARE STUCK: " + crash.Message);
                            break;
                        }
                    }
                    else
                    {
                        stuck = 0;
                        lastUs = clock.Microseconds;
                    }
                }
            }
        }
        finally
        {
            for (int i = scopes.Count - 1; i >= 0; i--)
            {
                scopes[i].Dispose();
            }
        }

        StatusReport? status = null;
        DeviceConfig? config = null;
        if (device != null)
        {
            status = device.App.Status();
            config = device.App.Config;
            device.App.Dispose();
        }

        return new SimulationResult
        {
            Log = radio.Log.ToList(),
            Notes = notes,
            Config = config,
            Crash = crash,
            VirtualSeconds = clock.Seconds,
            WallSeconds = wall.Elapsed.TotalSeconds,
            ImuPart = setup.Imu,
            I2cTransfers = bus.Transfers,
            I2cFailedTransfers = bus.FailedTransfers,
            I2cBusyFraction = clock.Microseconds > 0 ? (double)bus.BusyMicroseconds / clock.Microseconds : 0,
            ImuSamplesMeasured = chip?.SamplesMeasured ?? 0,
            ImuFifoOverflows = chip?.Overflows ?? 0,
            ImuSamplesOverwritten = chip?.SamplesOverwritten ?? 0,
            AudioFramesDelivered = i2s.FramesDelivered,
            AudioFramesLost = i2s.FramesLost,
            AudioFramesStalled = i2s.FramesStalled,
            NotificationsLost = device?.Ble.NotificationsLost ?? 0,
            FinalStatus = status,
        };
    }

    private static string BootNote(Device device)
    {
        List<string> parts = new();
        parts.Add(device.Imu != null
            ? $"{device.Imu.Part} at 0x{device.Imu.Address:X2}, {device.Imu.SampleRate} Hz, ±{device.Imu.FullScaleG} g, {device.Imu.Axes} axes"
            : "no IMU found");
        parts.Add(device.Microphone == null ? "keyword spotting off"
            : device.Microphone.Running ? $"microphone on slot {device.Microphone.Slot}" : "microphone not running");
        return "booted: " + string.Join("; ", parts);
    }

    private static void Inject(FaultInjection fault, Device device, SimulatedI2cBus bus, AccelerometerChip? chip, int imuAddress,
        SimulatedI2s i2s, SimulatedRadio radio, SimulatedResources resources, SimulationSetup setup, VirtualClock clock,
        Action<string> note, List<(long AtUs, Action Act)> later)
    {
        string at = fault.ToString();
        switch (fault.Kind)
        {
            case FaultKind.I2cNack:
            case FaultKind.I2cTimeout:
            {
                int count = (int)(fault.Argument ?? 3);
                I2cTransferStatus status = fault.Kind == FaultKind.I2cNack
                    ? I2cTransferStatus.SlaveAddressNotAcknowledged
                    : I2cTransferStatus.ClockStretchTimeout;
                note($"inject {at}: the next {count} transfers to 0x{imuAddress:X2} end in {(fault.Kind == FaultKind.I2cNack ? "a NACK" : "a clock-stretch timeout")}");
                bus.FailNext(imuAddress, count, status);
                break;
            }

            case FaultKind.ImuUnplug:
            {
                double seconds = fault.Argument ?? 3;
                note($"inject {at}: IMU unplugged for {seconds.ToString(CultureInfo.InvariantCulture)} s");
                bus.Unplug(imuAddress);
                later.Add(((long)((fault.AtS + seconds) * 1e6), () =>
                {
                    bus.PlugIn(imuAddress);
                    note("the IMU is plugged back in (power-on state)");
                }));
                break;
            }

            case FaultKind.FifoOverflow:
            case FaultKind.Stall:
            {
                double ms = fault.Argument ?? FifoFillMs(device) + 50;
                note($"inject {at}: the main loop is held up for {ms.ToString("0", CultureInfo.InvariantCulture)} ms");
                clock.Advance((long)(ms * 1000));
                break;
            }

            case FaultKind.I2sUnderrun:
            {
                double ms = fault.Argument ?? 300;
                note($"inject {at}: the I2S DMA delivers nothing for {ms.ToString("0", CultureInfo.InvariantCulture)} ms");
                i2s.Stall((long)ms);
                break;
            }

            case FaultKind.BleDisconnect:
            {
                double seconds = fault.Argument ?? 5;
                note($"inject {at}: the BLE link drops during the next notification; the client is back {seconds.ToString(CultureInfo.InvariantCulture)} s later");
                radio.LoseLinkDuringNextNotification((long)(seconds * 1000));
                break;
            }

            case FaultKind.ModelCorrupt:
            {
                CorruptModel(resources, note);
                note("configuration applied again (what a Control reload write will do): the keyword model is loaded anew");
                ConfigApplyResult result = device.App.ApplyConfig(setup.ConfigText);
                note($"ApplyConfig: {result}");
                break;
            }
        }
    }

    private static double FifoFillMs(Device device)
    {
        if (device.Imu == null || device.Imu.SampleRate <= 0)
        {
            return 250;
        }

        int capacitySamples = device.Imu.Part == "LSM6DS3" ? Lsm6ds3Model.FifoCapacityWords / 3 : Mpu6050Model.FifoCapacity / 6;
        return capacitySamples * 1000.0 / device.Imu.SampleRate;
    }

    private static void CorruptModel(SimulatedResources resources, Action<string> note)
    {
        byte[]? model = resources.Get("KwsModel");
        if (model == null)
        {
            note("inject model-corrupt: the image has no keyword model to corrupt");
            return;
        }

        byte[] truncated = model[..(model.Length * 6 / 10)];
        resources.Set("KwsModel", truncated);
        note($"inject model-corrupt: the image's keyword model is truncated from {model.Length} to {truncated.Length} bytes");
    }
}
