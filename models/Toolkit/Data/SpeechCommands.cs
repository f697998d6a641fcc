namespace TinyMl.Toolkit.Data;

/// <summary>One clip of a Speech Commands-layout folder.</summary>
public sealed record SpeechClip(string Path, string Label, string Speaker);

/// <summary>
/// A folder in Speech Commands layout: one subfolder per label holding WAV files named
/// "&lt;speaker&gt;_nohash_&lt;n&gt;.wav" (or "&lt;word&gt;_&lt;speaker&gt;_nohash_&lt;n&gt;.wav" for unknown words).
/// </summary>
public static class SpeechCommands
{
    /// <summary>The twelve classes of the keyword model, in output order.</summary>
    public static readonly string[] Labels = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go", "_unknown_", "_silence_"];

    /// <summary>Every clip under root whose folder is one of labels (all subfolders when labels is null), sorted.</summary>
    public static List<SpeechClip> Load(string root, IReadOnlyList<string>? labels = null)
    {
        if (!Directory.Exists(root)) throw new DataFormatException($"{root}: no such folder");
        var folders = labels ?? Directory.GetDirectories(root).Select(System.IO.Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.') && n != "_background_noise_").OrderBy(n => n, StringComparer.Ordinal).ToList();
        var clips = new List<SpeechClip>();
        foreach (var label in folders)
        {
            var dir = System.IO.Path.Combine(root, label);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.GetFiles(dir, "*.wav").OrderBy(f => f, StringComparer.Ordinal))
                clips.Add(new SpeechClip(file, label, SpeakerOf(System.IO.Path.GetFileName(file))));
        }
        if (clips.Count == 0) throw new DataFormatException($"{root}: no WAV files in label folders");
        return clips;
    }

    /// <summary>The speaker id of a Speech Commands file name ("" when the name has no "_nohash_").</summary>
    public static string SpeakerOf(string fileName)
    {
        var i = fileName.IndexOf("_nohash_", StringComparison.Ordinal);
        if (i < 0) return "";
        var head = fileName[..i];
        var underscore = head.LastIndexOf('_');
        return underscore < 0 ? head : head[(underscore + 1)..];
    }

    /// <summary>One second of mono 16 kHz audio: shorter clips padded with zeros at the end, longer ones cut.</summary>
    public static short[] OneSecond(short[] samples)
    {
        var clip = new short[16000];
        Array.Copy(samples, clip, Math.Min(samples.Length, clip.Length));
        return clip;
    }
}
