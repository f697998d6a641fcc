using System.Text;
using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>Loading Speech Commands-layout folders for training, and the speaker-disjoint validation split.</summary>
public static class KeywordClips
{
    public const string Unknown = "_unknown_";
    public const string Silence = "_silence_";

    /// <summary>
    /// Every clip of every label folder, as one second (padded or cut). Folders named after a label are that class;
    /// every other folder (other words, as in the Speech Commands download) is _unknown_.
    /// </summary>
    public static List<KeywordClip> Load(string root, IReadOnlyList<string> labels, Action<int, int>? progress = null)
    {
        var unknown = IndexOf(labels, Unknown);
        var found = SpeechCommands.Load(root);
        var clips = new KeywordClip[found.Count];
        var done = 0;
        Parallel.For(0, found.Count, i =>
        {
            var c = found[i];
            var label = IndexOf(labels, c.Label);
            if (label < 0) label = unknown >= 0 ? unknown : throw new DataFormatException($"{c.Path}: label '{c.Label}' is not one of the model's and the model has no {Unknown}");
            var samples = SpeechCommands.OneSecond(WavFile.Read(c.Path).RequireMono16k(c.Path));
            var group = c.Speaker.Length > 0 ? c.Speaker : "file:" + System.IO.Path.GetRelativePath(root, c.Path);
            clips[i] = new KeywordClip(samples, label, group, c.Path);
            progress?.Invoke(Interlocked.Increment(ref done), found.Count);
        });
        return clips.ToList();
    }

    /// <summary>
    /// Whether a group (speaker) belongs to the validation share: a fixed hash of its name against the fraction, so the
    /// split depends on nothing else (not the seed, not the other clips) and grows monotonically with the fraction.
    /// </summary>
    public static bool IsValidation(string group, double fraction)
    {
        var hash = 14695981039346656037UL; // FNV-1a, 64 bits
        foreach (var b in Encoding.UTF8.GetBytes(group))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        hash ^= hash >> 33; // FNV's low bits mix poorly: fold the high ones in
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        return (hash >> 11) * (1.0 / (1UL << 53)) < fraction;
    }

    public static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] == label) return i;
        return -1;
    }
}
