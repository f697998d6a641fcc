using System.Runtime.CompilerServices;
using TinyMlDevice.Simulator.Audio;
using TinyMlDevice.Simulator.Faults;
using TinyMlDevice.Simulator.Sensors;

namespace TinyMlDevice.Simulator.Tests;

/// <summary>The repository, ../shared, the demo's recordings, and runs of the simulator over them.</summary>
internal static class Bench
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, Inputs.SamplesFolder);

    public static string? Shared => Inputs.Shared(Root);

    public static string? MicroSpeechPath => Shared is string s && File.Exists(Path.Combine(s, Inputs.MicroSpeech)) ? Path.Combine(s, Inputs.MicroSpeech) : null;

    public static string ShippedKwsPath => Path.Combine(Root, Inputs.ShippedKwsModel);

    public static string DemoConfig => File.ReadAllText(Path.Combine(Samples, Inputs.DemoConfig));

    public static WavRecording DemoAudio { get; } = WavRecording.Read(Path.Combine(Samples, Inputs.DemoAudio));

    public static SpokenKeywords DemoWords { get; } = SpokenKeywords.ReadBeside(Path.Combine(Samples, Inputs.DemoAudio))!;

    public static VibrationRecording DemoVibration { get; } = VibrationRecording.Read(Path.Combine(Samples, Inputs.DemoVibration));

    /// <summary>
    /// The demo's board for durationS: its recordings and nf.config, the keyword model the demo would choose (the
    /// shipped one, else micro_speech; none without either), and the faults.
    /// </summary>
    public static SimulationSetup Demo(double durationS, params string[] faults)
    {
        var kws = Inputs.KwsModel(null, null, DemoConfig, Root);
        return new SimulationSetup
        {
            ConfigText = kws.ConfigText,
            Audio = DemoAudio,
            Vibration = DemoVibration,
            KwsModel = kws.Model,
            Imu = "lsm6ds3",
            DurationS = durationS,
            Faults = faults.Select(FaultInjection.Parse).ToList(),
        };
    }

    public static RunSummary Summarize(SimulationResult result, SpokenKeywords? spoken = null, double? onsetS = null)
    {
        Assert.Null(result.Crash);
        Assert.NotNull(result.Config);
        return new RunSummary(result, result.Config!.Kws.Labels, spoken, onsetS);
    }

    // the source file's own folder: true wherever the build puts the test assembly
    private static string FindRoot([CallerFilePath] string source = "")
    {
        for (DirectoryInfo? dir = new FileInfo(source).Directory; dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nf.config")) && Directory.Exists(Path.Combine(dir.FullName, "firmware", "Simulator")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository (nf.config, firmware/Simulator) is not above " + source);
    }
}
