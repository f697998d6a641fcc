using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Cli;

/// <summary><c>tinyml data kws|vibration</c>: make the training corpora.</summary>
public sealed class DataVerbs : ICliVerbs
{
    public IEnumerable<Command> Commands()
    {
        var data = new Command("data", "Make corpora: synthetic keywords (Speech Commands layout) and simulated machine vibration (CSV layout)");
        data.Subcommands.Add(KwsCommand());
        data.Subcommands.Add(VibrationCommand());
        yield return data;
    }

    private static Command KwsCommand()
    {
        var output = new Option<string>("--out") { Description = "Output folder (label folders and metadata.csv; existing clips in them are replaced)", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random choice", DefaultValueFactory = _ => 1 };
        var perWord = new Option<int>("--per-word") { Description = "Clips per keyword", DefaultValueFactory = _ => 400 };
        var words = new Option<string[]>("--words") { Description = "Keywords to make (default: yes no up down left right on off stop go)", AllowMultipleArgumentsPerToken = true };
        var unknown = new Option<int?>("--unknown") { Description = "Synthesized _unknown_ clips (default 2 × per-word)" };
        var silence = new Option<int?>("--silence") { Description = "_silence_ clips (default per-word)" };
        var digits = new Option<int?>("--digits") { Description = "Real spoken digits added to _unknown_ (default per-word / 2 when ../shared has them)" };
        var engines = new Option<string[]>("--engines") { Description = "TTS engines (default: every installed one of espeak-ng flite festival)", AllowMultipleArgumentsPerToken = true };
        var shared = new Option<string?>("--shared") { Description = "Shared data folder (default: TML_SHARED_DIR or a shared/ beside the repository)" };
        var noShared = new Option<bool>("--no-shared") { Description = "Use no recorded noise or digits: a corpus from the TTS engines alone" };
        var jobs = new Option<int>("--jobs") { Description = "Parallel workers (the output does not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("kws", "Synthesize a keyword corpus with espeak-ng, flite and festival voices, perturbed and mixed with noise")
        {
            output, seed, perWord, words, unknown, silence, digits, engines, shared, noShared, jobs,
        };
        command.SetAction(parse =>
        {
            var options = new KwsCorpusOptions
            {
                OutDir = parse.GetValue(output)!,
                Seed = parse.GetValue(seed),
                PerWord = parse.GetValue(perWord),
                Words = parse.GetValue(words) is { Length: > 0 } w ? w : SpeechCommands.Labels[..10],
                Unknown = parse.GetValue(unknown),
                Silence = parse.GetValue(silence),
                Digits = parse.GetValue(digits),
                Engines = parse.GetValue(engines) is { Length: > 0 } e ? e : null,
                SharedDir = parse.GetValue(shared),
                UseShared = !parse.GetValue(noShared),
                Jobs = parse.GetValue(jobs),
            };
            return Guarded(() =>
            {
                var summary = WithProgress("synthesizing keyword clips", report => KwsCorpus.Generate(options, report, Console.Error.WriteLine));
                foreach (var (engine, count) in summary.ClipsPerEngine.OrderBy(p => p.Key, StringComparer.Ordinal))
                    Console.WriteLine($"{engine}: {count} clips" + (summary.VoicesPerEngine.TryGetValue(engine, out var v) ? $", {v} voices" : ""));
                Console.WriteLine($"clips={summary.Clips} seconds={summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} out={options.OutDir}");
            });
        });
        return command;
    }

    private static Command VibrationCommand()
    {
        var output = new Option<string>("--out") { Description = "Output folder (normal/, anomalous/, developing_fault/, metadata.csv)", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random choice", DefaultValueFactory = _ => 1 };
        var minutes = new Option<double>("--minutes") { Description = "Length of each normal file and of the developing-fault run (anomalous files: half)", DefaultValueFactory = _ => 2 };
        var sensor = new Option<string>("--sensor") { Description = "mpu6050 or lsm6ds3", DefaultValueFactory = _ => "mpu6050" };
        sensor.AcceptOnlyFromAmong("mpu6050", "lsm6ds3");
        var odr = new Option<double?>("--odr-hz") { Description = "Output data rate (default 1000 for mpu6050, 6664 for lsm6ds3)" };
        var range = new Option<int>("--range-g") { Description = "Full-scale range: 2, 4, 8 or 16 g", DefaultValueFactory = _ => 4 };
        var bandwidth = new Option<double?>("--bandwidth-hz") { Description = "Anti-alias bandwidth (default: 260 Hz mpu6050, 0.45 × ODR lsm6ds3)" };
        var rpm = new Option<double>("--rpm") { Description = "Nominal shaft speed", DefaultValueFactory = _ => 1800 };
        var spread = new Option<double>("--rpm-spread") { Description = "Relative speed spread between files", DefaultValueFactory = _ => 0.05 };
        var line = new Option<double>("--line-hz") { Description = "Mains frequency of the motor (50 or 60)", DefaultValueFactory = _ => 50 };
        var machines = new Option<int>("--machines") { Description = "Machines (each its own modes and sensor unit)", DefaultValueFactory = _ => 2 };
        var normal = new Option<int>("--normal-files") { Description = "Healthy recordings", DefaultValueFactory = _ => 4 };
        var faults = new Option<string[]>("--faults") { Description = "Faults to record (imbalance misalignment looseness outer_race inner_race ball)", AllowMultipleArgumentsPerToken = true };
        var severities = new Option<double[]>("--severities") { Description = "Severities per fault (1 = severe)", AllowMultipleArgumentsPerToken = true };
        var developing = new Option<string>("--developing-fault") { Description = "Fault appearing mid-run in developing_fault/ (none: no such run)", DefaultValueFactory = _ => "outer_race" };
        var jobs = new Option<int>("--jobs") { Description = "Parallel workers (the output does not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("vibration", "Simulate a rotating machine (healthy and faulty) as seen by an MPU-6050 or LSM6DS3")
        {
            output, seed, minutes, sensor, odr, range, bandwidth, rpm, spread, line, machines, normal, faults, severities, developing, jobs,
        };
        command.SetAction(parse => Guarded(() =>
        {
            var defaults = new VibrationCorpusOptions { OutDir = "" };
            var options = defaults with
            {
                OutDir = parse.GetValue(output)!,
                Seed = parse.GetValue(seed),
                Minutes = parse.GetValue(minutes),
                Sensor = parse.GetValue(sensor)!,
                OdrHz = parse.GetValue(odr),
                RangeG = parse.GetValue(range),
                BandwidthHz = parse.GetValue(bandwidth),
                Rpm = parse.GetValue(rpm),
                RpmSpread = parse.GetValue(spread),
                LineHz = parse.GetValue(line),
                Machines = parse.GetValue(machines),
                NormalFiles = parse.GetValue(normal),
                Faults = parse.GetValue(faults) is { Length: > 0 } f ? f.Select(FaultSpec.Parse).ToList() : defaults.Faults,
                Severities = parse.GetValue(severities) is { Length: > 0 } s ? s : defaults.Severities,
                DevelopingFault = FaultSpec.Parse(parse.GetValue(developing)!),
                Jobs = parse.GetValue(jobs),
            };
            var files = WithProgress("simulating vibration recordings", report => VibrationCorpus.Generate(options, report));
            Console.WriteLine($"files={files} out={options.OutDir}");
        }));
        return command;
    }

    // The toolkit's error contract: bad input or data → one line on stderr and a non-zero exit.
    private static int Guarded(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    // A Spectre.Console bar on a terminal; plain "title: done/total" lines (every 10 %) when output is redirected.
    private static T WithProgress<T>(string title, Func<Action<int, int>, T> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var lastTenth = -1;
            var gate = new object();
            return work((done, total) =>
            {
                lock (gate)
                {
                    var tenth = total == 0 ? 10 : done * 10 / total;
                    if (tenth == lastTenth) return;
                    lastTenth = tenth;
                    Console.WriteLine($"{title}: {done}/{total}");
                }
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(title);
                var gate = new object();
                result = work((done, total) =>
                {
                    lock (gate)
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = done;
                    }
                });
                task.Value = task.MaxValue;
            });
        return result;
    }
}
