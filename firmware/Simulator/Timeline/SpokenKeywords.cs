using System.Globalization;

namespace TinyMlDevice.Simulator;

/// <summary>
/// What is said in a keyword recording and when: a sidecar CSV beside the WAV (NAME.keywords.csv: a header
/// "start_s,word", one row per word). Used to mark the timeline and to count what the device heard.
/// </summary>
public sealed class SpokenKeywords
{
    /// <summary>A keyword counts as heard when its event comes within this many seconds of the word's start.</summary>
    public const double MatchWindowS = 2.0;

    public SpokenKeywords(IReadOnlyList<(double StartS, string Word)> words)
    {
        Words = words;
    }

    public IReadOnlyList<(double StartS, string Word)> Words { get; }

    /// <summary>The same words said startS seconds later (the recording starts playing then).</summary>
    public SpokenKeywords Shifted(double startS) => new(Words.Select(w => (w.StartS + startS, w.Word)).ToList());

    public static string SidecarOf(string wavPath) => Path.ChangeExtension(wavPath, null) + ".keywords.csv";

    /// <summary>The sidecar of wavPath, or null when there is none.</summary>
    public static SpokenKeywords? ReadBeside(string wavPath)
    {
        string path = SidecarOf(wavPath);
        if (!File.Exists(path))
        {
            return null;
        }

        List<(double, string)> words = new();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] cells = line.Split(',');
            if (cells.Length >= 2 && double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double start))
            {
                words.Add((start, cells[1].Trim()));
            }
        }

        return new SpokenKeywords(words);
    }

    /// <summary>
    /// Each spoken word matched to the first unused keyword event with its label within MatchWindowS after its start;
    /// events matched to nothing are false detections.
    /// </summary>
    public (int Heard, int Spoken, List<(double StartS, string Word, double? HeardAtS)> Matches, List<(double AtS, string Label)> Extra)
        Match(IReadOnlyList<(double AtS, string Label)> events, Func<string, bool> detectable)
    {
        bool[] used = new bool[events.Count];
        List<(double, string, double?)> matches = new();
        int heard = 0;
        int spoken = 0;
        foreach ((double start, string word) in Words)
        {
            if (!detectable(word))
            {
                continue;
            }

            spoken++;
            double? at = null;
            for (int i = 0; i < events.Count; i++)
            {
                if (!used[i] && events[i].Label == word && events[i].AtS >= start && events[i].AtS <= start + MatchWindowS)
                {
                    used[i] = true;
                    at = events[i].AtS;
                    heard++;
                    break;
                }
            }

            matches.Add((start, word, at));
        }

        List<(double, string)> extra = new();
        for (int i = 0; i < events.Count; i++)
        {
            if (!used[i])
            {
                extra.Add(events[i]);
            }
        }

        return (heard, spoken, matches, extra);
    }
}
