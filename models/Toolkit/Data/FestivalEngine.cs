using System.Text;

namespace TinyMl.Toolkit.Data;

/// <summary>festival with the installed English voices (festvox-kallpc16k, festvox-kdlpc16k, festvox-us-slt-hts, …):
/// one festival process per batch (the corpus batches requests of one voice: loading a voice costs more than speaking); each request selects its voice and sets Duration_Stretch = 1/rate afresh, so a
/// request's audio does not depend on its batch (HTS voices ignore Duration_Stretch: their rate is recorded as 1).</summary>
public sealed class FestivalEngine : TtsEngine
{
    private static readonly Dictionary<string, (string Gender, string Accent)> s_known = new()
    {
        ["kal_diphone"] = ("male", "en-us"), ["ked_diphone"] = ("male", "en-us"), ["rab_diphone"] = ("male", "en-gb"),
        ["don_diphone"] = ("male", "en-gb"), ["cmu_us_slt_arctic_hts"] = ("female", "en-us"), ["cmu_us_awb_arctic_hts"] = ("male", "en-gb-scotland"),
        ["cmu_us_bdl_arctic_hts"] = ("male", "en-us"), ["cmu_us_clb_arctic_hts"] = ("female", "en-us"), ["cmu_us_jmk_arctic_hts"] = ("male", "en-ca"),
        ["cmu_us_rms_arctic_hts"] = ("male", "en-us"),
    };
    private static readonly string[] s_englishFolders = ["english", "us", "british"];
    private IReadOnlyList<TtsVoice>? _voices;

    public override string Name => "festival";
    public override string Program => "festival";
    public override int BatchSize => 32;

    public override IReadOnlyList<TtsVoice> Voices() => _voices ??= ListVoices();

    private IReadOnlyList<TtsVoice> ListVoices()
    {
        // voice-locations: ((name . "/usr/share/festival/voices/<language>/<name>/") …)
        var listing = Run(Program, ["-b", "(print voice-locations)"]);
        var voices = new List<TtsVoice>();
        foreach (var entry in listing.Split('(', StringSplitOptions.RemoveEmptyEntries))
        {
            var dot = entry.IndexOf(" . \"", StringComparison.Ordinal);
            if (dot < 0) continue;
            var name = entry[..dot].Trim();
            var path = entry[(dot + 4)..].Split('"')[0];
            var language = Path.GetFileName(Path.GetDirectoryName(path.TrimEnd('/')) ?? "");
            if (!s_englishFolders.Contains(language) && !s_known.ContainsKey(name)) continue;
            var (gender, accent) = s_known.TryGetValue(name, out var k) ? k : ("unknown", language == "us" ? "en-us" : "en");
            voices.Add(new TtsVoice(Name, name, "", gender, accent));
        }
        return voices.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
    }

    private static bool IgnoresRate(TtsVoice voice) => voice.Name.EndsWith("_hts", StringComparison.Ordinal);

    public override double EffectiveRate(TtsVoice voice, double rate) => IgnoresRate(voice) ? 1 : Math.Round(rate, 3);

    public override Pcm[] Synthesize(IReadOnlyList<TtsRequest> requests, string workDir)
    {
        var script = new StringBuilder();
        var paths = new string[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            paths[i] = Path.Combine(workDir, $"festival-{Guid.NewGuid():N}.wav");
            var text = r.Text.Replace("\\", "").Replace("\"", "");
            script.Append($"(voice_{r.Voice.Name})\n");
            script.Append($"(Parameter.set 'Duration_Stretch {Number(1 / EffectiveRate(r.Voice, r.Rate))})\n");
            script.Append($"(utt.save.wave (utt.synth (Utterance Text \"{text}\")) \"{paths[i]}\" 'riff)\n");
        }
        var scriptPath = Path.Combine(workDir, $"festival-{Guid.NewGuid():N}.scm");
        File.WriteAllText(scriptPath, script.ToString());
        try
        {
            Run(Program, ["-b", scriptPath]);
            return paths.Select((p, i) => ReadWav(p, $"festival voice_{requests[i].Voice.Name} '{requests[i].Text}'")).ToArray();
        }
        finally
        {
            File.Delete(scriptPath);
            foreach (var p in paths) File.Delete(p);
        }
    }
}
