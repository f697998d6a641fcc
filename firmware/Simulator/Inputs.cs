namespace TinyMlDevice.Simulator;

/// <summary>Where the simulator finds the repository (models, samples, nf.config) and ../shared.</summary>
public static class Inputs
{
    public const string SamplesFolder = "firmware/Simulator/samples";
    public const string DemoAudio = "keywords.wav";
    public const string DemoVibration = "vibration.csv.gz";
    public const string DemoConfig = "demo.nf.config";
    public const string ShippedKwsModel = "models/kws/kws.tflite";
    public const string MicroSpeech = "conformance/models/micro_speech_quantized.tflite";

    /// <summary>micro_speech's outputs, in order, as nf.config labels.</summary>
    public const string MicroSpeechLabels = "_silence_,_unknown_,yes,no";

    /// <summary>The repository: the first folder holding nf.config and firmware/Simulator, above the working directory or the program.</summary>
    public static string? Repository()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "nf.config")) && Directory.Exists(Path.Combine(dir.FullName, "firmware", "Simulator")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>TML_SHARED_DIR, or shared/ beside the repository; null when absent.</summary>
    public static string? Shared(string? repository)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("TML_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        if (repository == null)
        {
            return null;
        }

        string beside = Path.GetFullPath(Path.Combine(repository, "..", "shared"));
        return Directory.Exists(beside) ? beside : null;
    }

    /// <summary>
    /// The keyword model to embed: an explicit file; else the shipped models/kws/kws.tflite; else TFLite Micro's
    /// micro_speech from ../shared with its own labels written into the configuration. Returns the model (null when
    /// there is none), the configuration to use and a sentence saying which model runs.
    /// </summary>
    public static (byte[]? Model, string ConfigText, string Description) KwsModel(string? explicitModel, string? explicitLabels,
        string configText, string? repository)
    {
        if (explicitLabels != null)
        {
            configText = WithLabels(configText, explicitLabels);
        }

        if (explicitModel != null)
        {
            return (File.ReadAllBytes(explicitModel), configText, $"keyword model: {explicitModel} (--model)");
        }

        string? shipped = repository == null ? null : Path.Combine(repository, ShippedKwsModel);
        if (shipped != null && File.Exists(shipped))
        {
            return (File.ReadAllBytes(shipped), configText, $"keyword model: the shipped {ShippedKwsModel}");
        }

        string? shared = Shared(repository);
        string? microSpeech = shared == null ? null : Path.Combine(shared, MicroSpeech);
        if (microSpeech != null && File.Exists(microSpeech))
        {
            if (explicitLabels == null)
            {
                configText = WithLabels(configText, MicroSpeechLabels);
            }

            return (File.ReadAllBytes(microSpeech), configText,
                $"keyword model: {ShippedKwsModel} is not there yet, so TFLite Micro's micro_speech runs "
                + "(../shared/conformance; it knows only \"yes\" and \"no\")");
        }

        return (null, configText, $"keyword model: none ({ShippedKwsModel} absent and no ../shared): keyword spotting stays off");
    }

    /// <summary>The configuration with [kws] labels set, and ignore_labels kept to the ones still among them.</summary>
    public static string WithLabels(string configText, string labels)
    {
        string[] names = labels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string ignore = string.Join(",", names.Where(n => n.StartsWith('_')));
        configText = IniText.Set(configText, "kws", "labels", string.Join(",", names));
        return IniText.Set(configText, "kws", "ignore_labels", ignore);
    }
}
