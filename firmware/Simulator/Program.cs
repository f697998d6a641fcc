using System.CommandLine;
using System.Globalization;
using TinyMlDevice.Core;
using TinyMlDevice.Simulator;
using TinyMlDevice.Simulator.Audio;
using TinyMlDevice.Simulator.Faults;
using TinyMlDevice.Simulator.Sensors;

// tinyml-sim: the device firmware on recordings, in virtual time, printing what it sends over BLE.
var audio = new Option<string?>("--audio") { Description = "WAV the microphone hears (16-bit PCM, 16 kHz); NAME.keywords.csv beside it lists what is said" };
var vibration = new Option<string?>("--vibration") { Description = "Vibration CSV the IMU feels (the toolkit's layout; .csv.gz too)" };
var config = new Option<string?>("--config") { Description = "nf.config embedded in the simulated image (default: the demo's, or the repository's with your own recordings)" };
var model = new Option<string?>("--model") { Description = "Keyword model to embed (default: models/kws/kws.tflite, else ../shared's micro_speech)" };
var labels = new Option<string?>("--labels") { Description = "[kws] labels for --model, comma-separated in output order" };
var imu = new Option<string?>("--imu") { Description = "IMU on the board: mpu6050, lsm6ds3 or none (default: the CSV's sensor, else nf.config's, else mpu6050)" };
var audioAt = new Option<double>("--audio-at") { Description = "Seconds of quiet room before the audio recording starts", DefaultValueFactory = _ => 0 };
var duration = new Option<double?>("--duration") { Description = "Seconds of device time (default: the longer recording)" };
var faults = new Option<string[]>("--fault") { Description = "Inject KIND@SECONDS[:ARG]: " + string.Join(", ", FaultInjection.Names.Keys), AllowMultipleArgumentsPerToken = false };
var writes = new Option<string[]>("--write") { Description = "Client write SECONDS:control|model-update:HEX" };
var bleLog = new Option<string?>("--ble-log") { Description = "Write every BLE event (time µs, kind, characteristic, bytes) to this file" };
var i2cHz = new Option<int>("--i2c-hz") { Description = "I2C clock; transfers take their wire time (0: free)", DefaultValueFactory = _ => 400_000 };
var micSlot = new Option<int>("--mic-slot") { Description = "Slot the microphone drives (0 left, 1 right)", DefaultValueFactory = _ => 0 };
var pdmFixed = new Option<bool>("--pdm-fixed") { Description = "Simulate firmware with the PDM data-pin fix (README)" };
var summaryOnly = new Option<bool>("--summary-only") { Description = "Print the summary, not the timeline" };

var root = new RootCommand("tinyml-sim: the TinyMlDevice firmware on a simulated board (I2C IMU, I2S microphone, BLE) in virtual time")
{
    audio, audioAt, vibration, config, model, labels, imu, duration, faults, writes, bleLog, i2cHz, micSlot, pdmFixed, summaryOnly,
};
root.SetAction(parse =>
{
    try
    {
        return Run(parse.GetValue(audio), parse.GetValue(audioAt), parse.GetValue(vibration), parse.GetValue(config), parse.GetValue(model), parse.GetValue(labels),
            parse.GetValue(imu), parse.GetValue(duration), parse.GetValue(faults) ?? Array.Empty<string>(),
            parse.GetValue(writes) ?? Array.Empty<string>(), parse.GetValue(bleLog), parse.GetValue(i2cHz), parse.GetValue(micSlot),
            parse.GetValue(pdmFixed), parse.GetValue(summaryOnly));
    }
    catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
});
return root.Parse(args).Invoke();

static int Run(string? audioPath, double audioAtS, string? vibrationPath, string? configPath, string? modelPath, string? labelList, string? imuPart,
    double? durationS, string[] faultSpecs, string[] writeSpecs, string? bleLogPath, int i2cHz, int micSlot, bool pdmFixed, bool summaryOnly)
{
    string? repository = Inputs.Repository();
    bool demo = audioPath == null && vibrationPath == null;
    if (demo)
    {
        if (repository == null)
        {
            throw new IOException("the demo's samples are in the repository (firmware/Simulator/samples): run from inside it, or pass --audio/--vibration");
        }

        string samples = Path.Combine(repository, Inputs.SamplesFolder);
        audioPath = Path.Combine(samples, Inputs.DemoAudio);
        vibrationPath = Path.Combine(samples, Inputs.DemoVibration);
        configPath ??= Path.Combine(samples, Inputs.DemoConfig);
    }

    configPath ??= repository != null ? Path.Combine(repository, "nf.config") : null;
    string configText = configPath != null ? File.ReadAllText(configPath) : "";
    var kws = Inputs.KwsModel(modelPath, labelList, configText, repository);
    configText = kws.ConfigText;
    DeviceConfig parsed;
    try
    {
        parsed = ConfigParser.Parse(configText);
    }
    catch (ConfigException e)
    {
        // the device would boot on its defaults; say so rather than simulate something else than asked
        throw new ArgumentException($"{configPath}: {e.Errors[0]}");
    }

    WavRecording? sound = audioPath != null ? WavRecording.Read(audioPath) : null;
    VibrationRecording? motion = vibrationPath != null ? VibrationRecording.Read(vibrationPath) : null;
    SpokenKeywords? spoken = audioPath != null ? SpokenKeywords.ReadBeside(audioPath)?.Shifted(audioAtS) : null;
    string part = imuPart ?? (motion != null && motion.Properties.TryGetValue("sensor", out string? s) ? s
        : parsed.Imu.Sensor == ImuSensor.Lsm6ds3 ? "lsm6ds3" : "mpu6050");
    double seconds = durationS ?? Math.Max(audioAtS + (sound?.DurationS ?? 0), motion?.DurationS ?? 0);
    if (!(seconds > 0))
    {
        throw new ArgumentException("nothing to run: give --duration, or a recording");
    }

    Console.WriteLine(demo ? "tinyml-sim: the demo (firmware/Simulator/samples; scripts/make-demo-samples.sh makes them)" : "tinyml-sim");
    Console.WriteLine(kws.Description);
    if (sound != null)
    {
        Console.WriteLine($"microphone hears: {sound.Name} ({sound.DurationS:0.0} s{(spoken != null ? $", {spoken.Words.Count} words said" : "")}; a quiet room after it)");
        if (sound.SampleRateHz != 16000)
        {
            Console.WriteLine($"  note: the recording is at {sound.SampleRateHz} Hz; the microphone runs at 16000 Hz (samples are picked, not filtered)");
        }
    }

    if (motion != null)
    {
        string onset = motion.FaultOnsetS is double o ? $", a fault developing from {o:0} s" : "";
        Console.WriteLine($"IMU feels: {motion.Name} ({motion.DurationS:0.0} s at {motion.SampleRateHz:0.#} Hz{onset}; repeating if the run is longer)");
    }

    Console.WriteLine($"board: {part} on I2C at {i2cHz / 1000} kHz; nf.config: [imu] {parsed.Imu.OdrHz} Hz ±{parsed.Imu.RangeG} g {parsed.Imu.Axes} axes; "
        + $"[vibration] window {parsed.Vibration.WindowSamples}, learn normal {parsed.Vibration.LearnNormalS} s, alarm after {parsed.Vibration.AlarmOnWindows} windows; "
        + $"[kws] threshold {parsed.Kws.Threshold.ToString(CultureInfo.InvariantCulture)}");
    List<FaultInjection> injections = faultSpecs.Select(FaultInjection.Parse).ToList();
    if (injections.Count > 0)
    {
        Console.WriteLine("faults injected: " + string.Join(" ", injections));
    }

    Console.WriteLine($"running {seconds:0.0} s of device time...");
    Console.WriteLine();
    SimulationResult result = Simulation.Run(new SimulationSetup
    {
        ConfigText = configText,
        Audio = sound,
        AudioStartS = audioAtS,
        Vibration = motion,
        KwsModel = kws.Model,
        Imu = part,
        DurationS = seconds,
        Faults = injections,
        Writes = writeSpecs.Select(ScriptedWrite.Parse).ToList(),
        I2cClockHz = i2cHz,
        MicrophoneSlot = micSlot,
        PdmDataPinFixed = pdmFixed,
    });

    string[] names = (result.Config ?? parsed).Kws.Labels;
    RunSummary summary = new(result, names, spoken, motion?.FaultOnsetS);
    string? faultName = motion != null && motion.Properties.TryGetValue("fault", out string? f) ? f.Replace('_', ' ') : null;
    if (summaryOnly)
    {
        TimelineWriter.WriteSummary(Console.Out, summary, spoken);
    }
    else
    {
        TimelineWriter.Write(Console.Out, summary, spoken, faultName);
    }

    if (bleLogPath != null)
    {
        File.WriteAllLines(bleLogPath, result.Log.Select(e => e.ToLine()));
    }

    return result.Crash == null ? 0 : 2;
}
