namespace TinyMl.Toolkit.Data;

/// <summary>flite: every voice of <c>flite -lv</c> except limited-domain ones (awb_time speaks only the time); rate through
/// duration_stretch = 1/rate.</summary>
public sealed class FliteEngine : TtsEngine
{
    private static readonly Dictionary<string, (string Gender, string Accent)> s_known = new()
    {
        ["kal"] = ("male", "en-us"), ["kal16"] = ("male", "en-us"), ["awb"] = ("male", "en-gb-scotland"),
        ["rms"] = ("male", "en-us"), ["slt"] = ("female", "en-us"),
    };
    private IReadOnlyList<TtsVoice>? _voices;

    public override string Name => "flite";
    public override string Program => "flite";

    public override IReadOnlyList<TtsVoice> Voices() => _voices ??= Run(Program, ["-lv"])
        .Replace("Voices available:", "").Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
        .Where(v => !v.EndsWith("_time", StringComparison.Ordinal))
        .Distinct().Order(StringComparer.Ordinal)
        .Select(v => s_known.TryGetValue(v, out var k) ? new TtsVoice(Name, v, "", k.Gender, k.Accent) : new TtsVoice(Name, v, "", "unknown", "en"))
        .ToList();

    public override double EffectiveRate(TtsVoice voice, double rate) => Math.Round(rate, 3);

    public override Pcm[] Synthesize(IReadOnlyList<TtsRequest> requests, string workDir)
    {
        var result = new Pcm[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var path = Path.Combine(workDir, $"flite-{Guid.NewGuid():N}.wav");
            Run(Program, ["-voice", r.Voice.Name, "--setf", $"duration_stretch={Number(1 / Math.Round(r.Rate, 3))}", "-t", r.Text, "-o", path]);
            result[i] = ReadWav(path, $"flite -voice {r.Voice.Name} '{r.Text}'");
            File.Delete(path);
        }
        return result;
    }
}
