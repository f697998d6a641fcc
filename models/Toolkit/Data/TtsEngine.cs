using System.Diagnostics;
using System.Globalization;

namespace TinyMl.Toolkit.Data;

/// <summary>
/// A text-to-speech program driven through its command line. Engines are deterministic (same request → same bytes,
/// checked for espeak-ng 1.51, flite 2.2 and festival 2.5), which makes the corpus reproducible.
/// </summary>
public abstract class TtsEngine
{
    public abstract string Name { get; }

    /// <summary>The program that must be on PATH.</summary>
    public abstract string Program { get; }

    /// <summary>Range of speaking rate (1 = default) the corpus draws from; equal bounds when the engine cannot vary it.</summary>
    public virtual (double Low, double High) RateRange => (0.8, 1.25);

    /// <summary>Range of pitch (1 = default); (1, 1) when pitch is left to post-processing.</summary>
    public virtual (double Low, double High) PitchRange => (1, 1);

    /// <summary>How many requests one process may serve (festival starts slowly; espeak-ng and flite do not).</summary>
    public virtual int BatchSize => 1;

    public bool IsAvailable => FindOnPath(Program) is not null;

    /// <summary>Every English voice the installed engine offers, in a stable order.</summary>
    public abstract IReadOnlyList<TtsVoice> Voices();

    /// <summary>Synthesizes each request into a WAV under <paramref name="workDir"/> and returns the audio, in order.</summary>
    public abstract Pcm[] Synthesize(IReadOnlyList<TtsRequest> requests, string workDir);

    /// <summary>Rate actually applied (engines quantize it, or ignore it for some voices): what the metadata records.</summary>
    public virtual double EffectiveRate(TtsVoice voice, double rate) => rate;

    public virtual double EffectivePitch(TtsVoice voice, double pitch) => pitch;

    public static IReadOnlyList<TtsEngine> All { get; } = [new EspeakEngine(), new FliteEngine(), new FestivalEngine()];

    public static TtsEngine ByName(string name) =>
        All.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentException($"unknown TTS engine '{name}' ({string.Join(", ", All.Select(e => e.Name))})");

    public static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    protected static string Run(string program, IEnumerable<string> arguments, string? stdin = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var error = errorTask.Result;
        if (process.ExitCode != 0)
            throw new DataFormatException($"{program} {string.Join(' ', info.ArgumentList)}: exit code {process.ExitCode}: {error.Trim()}");
        return output;
    }

    protected static Pcm ReadWav(string path, string what)
    {
        var pcm = Pcm.FromWav(WavFile.Read(path));
        if (pcm.Samples.Length == 0) throw new DataFormatException($"{what}: the engine wrote no audio");
        return pcm;
    }

    protected static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
