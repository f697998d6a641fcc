using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TinyMl.Toolkit.Data;

/// <summary>Options of <c>tinyml data kws</c>.</summary>
public sealed record KwsCorpusOptions
{
    public required string OutDir { get; init; }
    public ulong Seed { get; init; } = 1;

    /// <summary>Clips per keyword.</summary>
    public int PerWord { get; init; } = 400;

    /// <summary>Keyword folders to make (default: the ten keywords of <see cref="SpeechCommands.Labels"/>).</summary>
    public IReadOnlyList<string> Words { get; init; } = SpeechCommands.Labels[..10];

    /// <summary>Synthesized _unknown_ clips (default 2 × PerWord).</summary>
    public int? Unknown { get; init; }

    /// <summary>_silence_ clips (default PerWord).</summary>
    public int? Silence { get; init; }

    /// <summary>Real spoken digits (shared/data/spoken_digits) added to _unknown_ (default PerWord / 2 when present).</summary>
    public int? Digits { get; init; }

    /// <summary>Engines to use (default: every one installed).</summary>
    public IReadOnlyList<string>? Engines { get; init; }

    /// <summary>The shared data folder; null: <see cref="SharedData.Locate"/>.</summary>
    public string? SharedDir { get; init; }
    public bool UseShared { get; init; } = true;
    public int Jobs { get; init; } = Environment.ProcessorCount;
}

/// <summary>What a corpus run made.</summary>
public sealed record KwsCorpusSummary(
    int Clips,
    IReadOnlyDictionary<string, int> VoicesPerEngine,
    IReadOnlyDictionary<string, int> ClipsPerEngine,
    IReadOnlyList<string> Notes,
    TimeSpan Elapsed);

/// <summary>
/// A Speech Commands-layout keyword corpus synthesized with every English voice of espeak-ng, flite and festival,
/// perturbed (speed, tempo, reverberation, noise at several SNRs) and described clip by clip in metadata.csv (see
/// docs/TOOLKIT.md, "Synthetic keyword corpus"). Same options and installed engines → byte-identical files.
/// </summary>
public static class KwsCorpus
{
    public const int SampleRate = 16000;
    private const int Window = SampleRate;
    private const int ChunkSize = 192;

    /// <summary>Words for _unknown_: the Speech Commands auxiliary words and more short words that rhyme with or share
    /// sounds with the keywords without being homophones of them.</summary>
    public static readonly string[] UnknownWords =
    [
        "backward", "bed", "bird", "cat", "dog", "eight", "five", "follow", "forward", "four", "happy", "house", "learn",
        "marvin", "nine", "one", "seven", "sheila", "six", "three", "tree", "two", "visual", "wow", "zero",
        "yet", "yellow", "guess", "noon", "nose", "cup", "town", "dawn", "lift", "light", "night", "bright", "own", "often",
        "stock", "top", "gold", "goat", "oak", "sun", "rain", "water", "hello", "please", "thanks", "maybe", "music",
        "table", "window", "open",
    ];

    private static readonly string[] s_digitNames = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    public static readonly string[] MetadataColumns =
    [
        "path", "label", "word", "text", "speaker", "engine", "voice", "variant", "gender", "accent", "rate", "pitch", "speed",
        "tempo", "reverb_rt60_s", "noise", "snr_db", "level_dbfs", "offset_ms", "seed",
    ];

    private static readonly int[] s_snrs = [30, 20, 15, 10, 5];

    private sealed record Plan(
        int Index, string Label, string Word, string Text, TtsVoice? Voice, TtsEngine? Engine, string? RecordingPath,
        double Rate, double Pitch, double Speed, double Tempo, double Rt60, double DrrDb, string Noise, int? Snr, double LevelDbfs,
        ulong Seed, string Speaker, string RelativePath);

    public static KwsCorpusSummary Generate(KwsCorpusOptions o, Action<int, int>? progress = null, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var notes = new List<string>();
        void Note(string text)
        {
            notes.Add(text);
            log?.Invoke(text);
        }
        foreach (var w in o.Words)
            if (w.StartsWith('_') || w.Any(c => !char.IsAsciiLetterLower(c)))
                throw new ArgumentException($"keyword '{w}' must be a lower-case English word");
        var requested = (o.Engines ?? TtsEngine.All.Select(e => e.Name)).Select(TtsEngine.ByName).ToList();
        var engines = new List<TtsEngine>();
        foreach (var engine in requested)
        {
            if (!engine.IsAvailable) Note($"{engine.Name}: '{engine.Program}' not found on PATH, engine skipped");
            else if (engine.Voices().Count == 0) Note($"{engine.Name}: no English voice installed, engine skipped");
            else engines.Add(engine);
        }
        var unknownCount = o.Unknown ?? 2 * o.PerWord;
        var speechClips = o.Words.Count * o.PerWord + unknownCount;
        if (engines.Count == 0 && speechClips > 0)
            throw new DataFormatException("no TTS engine available (install espeak-ng, flite or festival)");

        var shared = o.UseShared ? SharedData.Locate(o.SharedDir) : null;
        var recordings = LoadBackgroundNoise(shared, Note);
        var digitFiles = ListDigits(shared, out var digitSpeakers);
        var digitCount = Math.Min(digitFiles.Count, o.Digits ?? (digitFiles.Count > 0 ? o.PerWord / 2 : 0));
        if (o.Digits > 0 && digitFiles.Count == 0) Note("spoken_digits not found: no real digits in _unknown_");
        var silenceCount = o.Silence ?? o.PerWord;

        var master = new SeededRandom(o.Seed);
        var voices = new VoiceCycler(engines, new SeededRandom(SeededRandom.Derive(o.Seed, 0, 11)));
        var plans = new List<Plan>();
        var kindsForSpeech = NoiseKinds(recordings, babble: true, silence: false);
        var kindsForSilence = NoiseKinds(recordings, babble: true, silence: true);

        Plan Speech(string label, string word, TtsEngine? engine, TtsVoice? voice, string? recording)
        {
            var index = plans.Count;
            var seed = SeededRandom.Derive(o.Seed, (ulong)index, 7);
            var text = label == "_unknown_" ? word : word + master.Pick<string>(["", ".", "!", "?"]);
            double rate = 1, pitch = 1;
            if (engine is not null && voice is not null)
            {
                rate = engine.EffectiveRate(voice, master.Uniform(engine.RateRange.Low, engine.RateRange.High));
                pitch = engine.EffectivePitch(voice, master.Uniform(engine.PitchRange.Low, engine.PitchRange.High));
            }
            var speed = master.Chance(0.7) ? Math.Round(master.Uniform(0.9, 1.1), 2) : 1;
            var tempo = master.Chance(0.5) ? Math.Round(master.Uniform(0.85, 1.15), 2) : 1;
            var rt60 = master.Chance(0.35) ? Math.Round(master.Uniform(0.15, 0.8), 2) : 0;
            var drr = Math.Round(master.Uniform(0, 12), 1);
            var noisy = master.Chance(0.85);
            var noise = noisy ? WeightedPick(master, kindsForSpeech) : "none";
            int? snr = noisy ? master.Pick(s_snrs) : null;
            var level = Math.Round(master.Uniform(-35, -15), 1);
            var speaker = voice?.Speaker ?? "unknown";
            var name = label == "_unknown_" ? $"{word}_{speaker}_nohash_{index:D5}.wav" : $"{speaker}_nohash_{index:D5}.wav";
            return new Plan(index, label, word, text, voice, engine, recording, rate, pitch, speed, tempo, rt60, drr, noise, snr, level, seed,
                speaker, $"{label}/{name}");
        }

        foreach (var word in o.Words)
            for (var i = 0; i < o.PerWord; i++)
            {
                var (engine, voice) = voices.Next();
                plans.Add(Speech(word, word, engine, voice, null));
            }
        var unknownOrder = UnknownWords.ToList();
        master.Shuffle(unknownOrder);
        for (var i = 0; i < unknownCount; i++)
        {
            var (engine, voice) = voices.Next();
            plans.Add(Speech("_unknown_", unknownOrder[i % unknownOrder.Count], engine, voice, null));
        }
        var digitOrder = digitFiles.ToList();
        master.Shuffle(digitOrder);
        foreach (var file in digitOrder.Take(digitCount).Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file).Split('_');
            var (gender, accent) = digitSpeakers.GetValueOrDefault(stem[1], ("unknown", "unknown"));
            var voice = new TtsVoice("fsdd", stem[1], "", gender, accent);
            plans.Add(Speech("_unknown_", s_digitNames[int.Parse(stem[0], CultureInfo.InvariantCulture)], null, voice, file));
        }
        for (var i = 0; i < silenceCount; i++)
        {
            var index = plans.Count;
            var kind = WeightedPick(master, kindsForSilence);
            var level = Math.Round(master.Uniform(-65, -30), 1);
            var speaker = TtsVoice.Sanitize("noise-" + kind);
            plans.Add(new Plan(index, "_silence_", "", "", null, null, null, 1, 1, 1, 1, 0, 0, kind, null, level,
                SeededRandom.Derive(o.Seed, (ulong)index, 7), speaker, $"_silence_/{speaker}_nohash_{index:D5}.wav"));
        }

        var workDir = Path.Combine(Path.GetTempPath(), $"tinyml-tts-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDir);
        try
        {
            // Babble talkers: other words in the corpus's voices, synthesized once and shared by every clip.
            var babbleVoices = new VoiceCycler(engines, new SeededRandom(SeededRandom.Derive(o.Seed, 1, 11)));
            var babbleRng = new SeededRandom(SeededRandom.Derive(o.Seed, 2, 11));
            var poolSize = engines.Count == 0 ? 0 : Math.Clamp(plans.Count / 10, 8, 64);
            var babbleRequests = Enumerable.Range(0, poolSize).Select(_ =>
            {
                var (engine, voice) = babbleVoices.Next();
                return (engine, new TtsRequest(voice, babbleRng.Pick(UnknownWords), 1, 1));
            }).ToList();
            var babbleAudio = SynthesizeAll(babbleRequests, workDir, o.Jobs);
            var babblePool = babbleAudio.Select(a =>
            {
                var x = a.To(SampleRate).Samples;
                var (s, e) = AudioEffects.ActiveRegion(x, SampleRate);
                return AudioEffects.Cut(x, s, e, SampleRate);
            }).Where(x => x.Length > 0).ToList();
            var noise = new NoiseSources(recordings, babblePool);

            foreach (var label in plans.Select(p => p.Label).Distinct())
            {
                var dir = Path.Combine(o.OutDir, label);
                Directory.CreateDirectory(dir);
                foreach (var old in Directory.GetFiles(dir, "*.wav")) File.Delete(old);
            }
            var rows = new string[plans.Count];
            var done = 0;
            var chunks = plans.Chunk(ChunkSize).ToList();
            Dictionary<int, Pcm> Synthesize(Plan[] chunk)
            {
                var ttsPlans = chunk.Where(p => p.Engine is not null).ToList();
                var audio = SynthesizeAll(ttsPlans.Select(p => (p.Engine!, new TtsRequest(p.Voice!, p.Text, p.Rate, p.Pitch))).ToList(), workDir, o.Jobs);
                return ttsPlans.Select((p, i) => (p.Index, audio[i])).ToDictionary(x => x.Index, x => x.Item2);
            }
            // The next chunk is synthesized while this one renders (the engines mostly wait; rendering computes).
            var pending = chunks.Count > 0 ? StartThread(() => Synthesize(chunks[0])) : null;
            for (var c = 0; c < chunks.Count; c++)
            {
                var chunk = chunks[c];
                var raw = pending!.GetAwaiter().GetResult();
                var next = c + 1 < chunks.Count ? chunks[c + 1] : null;
                pending = next is null ? null : StartThread(() => Synthesize(next));
                Parallel.ForEach(chunk, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Jobs) }, p =>
                {
                    var source = p.RecordingPath is not null ? Pcm.FromWav(WavFile.Read(p.RecordingPath)) : raw.GetValueOrDefault(p.Index);
                    var (pcm, row) = Render(p, source, noise);
                    WavFile.WriteMono(Path.Combine(o.OutDir, p.RelativePath), pcm, SampleRate);
                    rows[p.Index] = row;
                    progress?.Invoke(Interlocked.Increment(ref done), plans.Count);
                });
            }
            var metadata = new StringBuilder();
            metadata.Append(string.Join(",", MetadataColumns)).Append('\n');
            foreach (var row in rows) metadata.Append(row).Append('\n');
            File.WriteAllText(Path.Combine(o.OutDir, "metadata.csv"), metadata.ToString(), new UTF8Encoding(false));
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
        return new KwsCorpusSummary(
            plans.Count,
            engines.ToDictionary(e => e.Name, e => e.Voices().Count),
            plans.GroupBy(p => p.Voice?.Engine ?? "none").ToDictionary(g => g.Key, g => g.Count()),
            notes,
            clock.Elapsed);
    }

    private static (short[] Pcm, string Row) Render(Plan p, Pcm? source, NoiseSources noise)
    {
        var rng = new SeededRandom(p.Seed);
        var clip = new float[Window];
        var tempo = p.Tempo;
        var offset = 0;
        double level;
        if (p.Label != "_silence_")
        {
            var audio = source!.To(SampleRate).Samples;
            var (start, end) = AudioEffects.ActiveRegion(audio, SampleRate);
            if (end - start < SampleRate / 25)
                throw new DataFormatException($"{p.Speaker}: nothing audible for '{p.Text}' ({p.Engine?.Name ?? p.RecordingPath})");
            var speech = AudioEffects.Cut(audio, start, end, SampleRate);
            speech = AudioEffects.ChangeSpeed(speech, p.Speed, SampleRate);
            speech = AudioEffects.ChangeTempo(speech, p.Tempo, SampleRate);
            var longest = (int)(0.94 * Window);
            if (speech.Length > longest)
            {
                var squeeze = (double)speech.Length / longest;
                speech = AudioEffects.ChangeTempo(speech, squeeze, SampleRate);
                tempo *= squeeze;
            }
            var dryLength = Math.Min(speech.Length, Window);
            if (p.Rt60 > 0) speech = Fft.Convolve(speech, AudioEffects.RoomImpulse(rng, p.Rt60, p.DrrDb, SampleRate));
            offset = rng.Next(Window - dryLength + 1);
            speech.AsSpan(0, Math.Min(speech.Length, Window - offset)).CopyTo(clip.AsSpan(offset));
            var gain = Math.Pow(10, p.LevelDbfs / 20) / Math.Max(AudioEffects.Rms(clip.AsSpan(offset, dryLength)), 1e-9);
            AudioEffects.Scale(clip, gain);
            level = p.LevelDbfs;
            if (p.Noise != "none")
            {
                var n = noise.Make(p.Noise, Window, SampleRate, rng);
                var noiseGain = Math.Pow(10, (p.LevelDbfs - p.Snr!.Value) / 20);
                for (var i = 0; i < Window; i++) clip[i] += (float)(noiseGain * n[i]);
            }
        }
        else
        {
            var n = noise.Make(p.Noise, Window, SampleRate, rng);
            AudioEffects.Scale(n, Math.Pow(10, p.LevelDbfs / 20));
            n.CopyTo(clip, 0);
            level = p.LevelDbfs;
        }
        // Never clip: a clip whose peak would pass −1 dBFS is turned down as a whole (the level column says by how much).
        var peak = AudioEffects.Peak(clip);
        const double ceiling = 0.891;
        if (peak > ceiling)
        {
            AudioEffects.Scale(clip, ceiling / peak);
            level += AudioEffects.ToDb(ceiling / peak);
        }
        var inv = CultureInfo.InvariantCulture;
        var v = p.Voice;
        var row = string.Join(",",
            p.RelativePath, p.Label, p.Word, p.Text, p.Speaker, v?.Engine ?? "none", v?.Name ?? "", v?.Variant ?? "", v?.Gender ?? "",
            v?.Accent ?? "", p.Rate.ToString("0.###", inv), p.Pitch.ToString("0.###", inv), p.Speed.ToString("0.##", inv),
            tempo.ToString("0.###", inv), p.Rt60.ToString("0.##", inv), p.Noise, p.Snr?.ToString(inv) ?? "", level.ToString("0.0", inv),
            (offset * 1000 / SampleRate).ToString(inv), p.Seed.ToString(inv));
        return (AudioEffects.ToPcm16(clip), row);
    }

    /// <summary>Runs every request: festival in batches of one voice, the others one per call; results in order.</summary>
    /// <remarks>The engines' processes spend much of their short lives waiting (espeak-ng's event thread, festival loading
    /// a voice), so three run per job, on threads of their own: blocking thread-pool threads would starve the pool.</remarks>
    private static Pcm[] SynthesizeAll(IReadOnlyList<(TtsEngine Engine, TtsRequest Request)> requests, string workDir, int jobs)
    {
        var result = new Pcm[requests.Count];
        var batches = new List<(TtsEngine Engine, int[] Items)>();
        foreach (var group in requests.Select((r, i) => (r.Engine, r.Request.Voice.Name, i)).GroupBy(x => (x.Engine, x.Engine.BatchSize > 1 ? x.Name : "")))
            batches.AddRange(group.Select(x => x.i).Chunk(group.Key.Engine.BatchSize).Select(items => (group.Key.Engine, items)));
        batches = [.. batches.OrderByDescending(b => b.Items.Length)]; // long batches first, so the workers finish together
        var next = -1;
        Exception? failure = null;
        var workers = Enumerable.Range(0, Math.Min(batches.Count, 3 * Math.Max(1, jobs))).Select(_ => new Thread(() =>
        {
            try
            {
                for (int b; (b = Interlocked.Increment(ref next)) < batches.Count && Volatile.Read(ref failure) is null;)
                {
                    var (engine, items) = batches[b];
                    var audio = engine.Synthesize(items.Select(i => requests[i].Request).ToList(), workDir);
                    for (var k = 0; k < items.Length; k++) result[items[k]] = audio[k];
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (failure is not null) throw failure;
        return result;
    }

    private static Task<T> StartThread<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static List<(string Kind, double Weight)> NoiseKinds(IReadOnlyList<(string Name, float[] Samples)> recordings, bool babble, bool silence)
    {
        var kinds = new List<(string, double)>
        {
            (NoiseSources.White, 1), (NoiseSources.Pink, 1), (NoiseSources.Brown, 1), (NoiseSources.Hum, 1),
        };
        if (babble) kinds.Add((NoiseSources.Babble, silence ? 0.75 : 1.5));
        foreach (var r in recordings) kinds.Add(("background:" + r.Name, 0.75));
        return kinds;
    }

    private static string WeightedPick(SeededRandom rng, List<(string Kind, double Weight)> kinds)
    {
        var total = kinds.Sum(k => k.Weight);
        var x = rng.NextDouble() * total;
        foreach (var (kind, weight) in kinds)
        {
            x -= weight;
            if (x < 0) return kind;
        }
        return kinds[^1].Kind;
    }

    private static List<(string Name, float[] Samples)> LoadBackgroundNoise(string? shared, Action<string> note)
    {
        var dir = shared is null ? null : Path.Combine(shared, "data", "speech_commands", "_background_noise_");
        if (dir is null || !Directory.Exists(dir))
        {
            note("_background_noise_ not found: synthetic noise only");
            return [];
        }
        return Directory.GetFiles(dir, "*.wav").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), Pcm.FromWav(WavFile.Read(f)).To(SampleRate).Samples)).ToList();
    }

    private static List<string> ListDigits(string? shared, out Dictionary<string, (string Gender, string Accent)> speakers)
    {
        speakers = [];
        var root = shared is null ? null : Path.Combine(shared, "data", "spoken_digits");
        if (root is null || !Directory.Exists(Path.Combine(root, "recordings"))) return [];
        var table = Path.Combine(root, "SPEAKERS.tsv");
        if (File.Exists(table))
            foreach (var line in File.ReadAllLines(table).Skip(1))
            {
                var f = line.Split('\t');
                if (f.Length >= 3) speakers[f[0]] = (f[1], f[2].Replace(',', ';'));
            }
        return Directory.GetFiles(Path.Combine(root, "recordings"), "*.wav")
            .Where(f => Path.GetFileNameWithoutExtension(f).Split('_') is [var d, _, _] && d.Length == 1 && char.IsAsciiDigit(d[0]))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Hands out voices so that every voice is used before any repeats: engines in proportion (espeak-ng 2 : flite 1 :
    /// festival 1), and within an engine with at least three voices of each gender, female and male alternately at random.
    /// </summary>
    private sealed class VoiceCycler
    {
        private readonly List<(TtsEngine Engine, double Weight, Dictionary<string, Queue<TtsVoice>> ByGender, Dictionary<string, List<TtsVoice>> Lists)> _engines = [];
        private readonly SeededRandom _rng;

        public VoiceCycler(IReadOnlyList<TtsEngine> engines, SeededRandom rng)
        {
            _rng = rng;
            foreach (var engine in engines)
            {
                var voices = engine.Voices();
                var genders = voices.GroupBy(v => v.Gender).ToDictionary(g => g.Key, g => g.ToList());
                var balanced = genders.Count >= 2 && genders.Values.All(g => g.Count >= 3);
                var lists = balanced ? genders : new Dictionary<string, List<TtsVoice>> { ["any"] = voices.ToList() };
                _engines.Add((engine, engine is EspeakEngine ? 2 : 1, lists.ToDictionary(l => l.Key, _ => new Queue<TtsVoice>()), lists));
            }
        }

        public (TtsEngine Engine, TtsVoice Voice) Next()
        {
            var total = _engines.Sum(e => e.Weight);
            var x = _rng.NextDouble() * total;
            var pick = _engines[^1];
            foreach (var e in _engines)
            {
                x -= e.Weight;
                if (x < 0)
                {
                    pick = e;
                    break;
                }
            }
            var keys = pick.Lists.Keys.Order(StringComparer.Ordinal).ToList();
            var key = keys[_rng.Next(keys.Count)];
            var queue = pick.ByGender[key];
            if (queue.Count == 0)
            {
                var refill = pick.Lists[key].ToList();
                _rng.Shuffle(refill);
                foreach (var v in refill) queue.Enqueue(v);
            }
            return (pick.Engine, queue.Dequeue());
        }
    }
}
