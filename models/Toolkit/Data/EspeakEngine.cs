namespace TinyMl.Toolkit.Data;

/// <summary>espeak-ng: every English language voice (MBROLA ones excluded: they need separate, non-free data) combined with
/// no variant or any of the installed variants (+m1…+m7, +f1…+f5, klatt, whisper, …); rate −s (175 wpm = 1) and pitch
/// −p (50 = 1).</summary>
public sealed class EspeakEngine : TtsEngine
{
    private IReadOnlyList<TtsVoice>? _voices;

    public override string Name => "espeak-ng";
    public override string Program => "espeak-ng";
    public override (double Low, double High) RateRange => (0.75, 1.25);
    public override (double Low, double High) PitchRange => (0.5, 1.5);

    public override IReadOnlyList<TtsVoice> Voices() => _voices ??= ListVoices();

    private IReadOnlyList<TtsVoice> ListVoices()
    {
        var languages = Table(Run(Program, ["--voices=en"]))
            .Where(r => r.Language != "variant" && !r.File.StartsWith("mb/", StringComparison.Ordinal))
            .Select(r => r.Language).Distinct().Order(StringComparer.Ordinal).ToList();
        var variants = Table(Run(Program, ["--voices=variant"]))
            .Where(r => r.File.StartsWith("!v/", StringComparison.Ordinal))
            .Select(r => (Id: r.File[3..], r.Gender)).DistinctBy(v => v.Id).OrderBy(v => v.Id, StringComparer.Ordinal).ToList();
        var voices = new List<TtsVoice>();
        foreach (var language in languages)
        {
            voices.Add(new TtsVoice(Name, language, "", "male", language));
            foreach (var (id, gender) in variants)
                voices.Add(new TtsVoice(Name, language, id, gender, language));
        }
        return voices;
    }

    // Columns of `espeak-ng --voices`: Pty Language Age/Gender VoiceName File Other…; a file may contain a space
    // ("!v/Mr serious"), so it is taken as what lies between the name and an optional "(…" list.
    private static IEnumerable<(string Language, string Gender, string File)> Table(string listing)
    {
        foreach (var line in listing.Split('\n').Skip(1))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 5) continue;
            var gender = parts[2].EndsWith("/F", StringComparison.Ordinal) ? "female" : "male";
            var rest = parts.Skip(4).TakeWhile(p => !p.StartsWith('(')).ToArray();
            yield return (parts[1], gender, string.Join(' ', rest));
        }
    }

    public override double EffectiveRate(TtsVoice voice, double rate) => Wpm(rate) / 175.0;
    public override double EffectivePitch(TtsVoice voice, double pitch) => PitchParameter(pitch) / 50.0;

    private static int Wpm(double rate) => (int)Math.Round(175 * rate);
    private static int PitchParameter(double pitch) => Math.Clamp((int)Math.Round(50 * pitch), 0, 99);

    public override Pcm[] Synthesize(IReadOnlyList<TtsRequest> requests, string workDir)
    {
        var result = new Pcm[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var path = Path.Combine(workDir, $"espeak-{Guid.NewGuid():N}.wav");
            var voice = r.Voice.Variant.Length == 0 ? r.Voice.Name : $"{r.Voice.Name}+{r.Voice.Variant}";
            Run(Program, ["-v", voice, "-s", Wpm(r.Rate).ToString(), "-p", PitchParameter(r.Pitch).ToString(), "-w", path, r.Text]);
            result[i] = ReadWav(path, $"espeak-ng -v {voice} '{r.Text}'");
            File.Delete(path);
        }
        return result;
    }
}
