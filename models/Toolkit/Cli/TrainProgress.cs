using System.Globalization;
using Spectre.Console;
using TinyMl.Toolkit.Nn;

namespace TinyMl.Toolkit.Cli;

/// <summary>
/// Shows a training: Spectre.Console bars (loading, the whole training, the running epoch) with a line per finished epoch on a
/// terminal; plain lines otherwise (loading every 10 % on stderr, one line per epoch on stdout).
/// </summary>
internal static class TrainProgress
{
    public static T Run<T>(int epochs, Func<TrainingProgress, T> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var lastTenth = -1;
            var gate = new object();
            return work(new TrainingProgress
            {
                Loading = (done, total) =>
                {
                    lock (gate)
                    {
                        var tenth = total == 0 ? 10 : done * 10 / total;
                        if (tenth == lastTenth) return;
                        lastTenth = tenth;
                        Console.Error.WriteLine($"loading: {done}/{total}");
                    }
                },
                Message = Console.WriteLine,
                Epoch = report => Console.WriteLine(Line(report, epochs)),
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var gate = new object();
                ProgressTask? loading = null, overall = null, epoch = null;
                result = work(new TrainingProgress
                {
                    Loading = (done, total) =>
                    {
                        lock (gate)
                        {
                            loading ??= context.AddTask("loading");
                            loading.MaxValue = Math.Max(1, total);
                            loading.Value = done;
                        }
                    },
                    Message = m => AnsiConsole.WriteLine(m),
                    Batch = (e, done, total) =>
                    {
                        lock (gate)
                        {
                            overall ??= context.AddTask("training", maxValue: epochs);
                            epoch ??= context.AddTask("epoch");
                            epoch.Description = $"epoch {e}/{epochs}";
                            epoch.MaxValue = Math.Max(1, total);
                            epoch.Value = done;
                            overall.Value = e - 1 + (double)done / Math.Max(1, total);
                        }
                    },
                    Epoch = report => AnsiConsole.WriteLine(Line(report, epochs)),
                });
            });
        return result;
    }

    private static string Line(EpochReport r, int epochs)
    {
        var inv = CultureInfo.InvariantCulture;
        string F(double v) => double.IsNaN(v) ? "-" : v.ToString("F4", inv);
        return $"epoch {r.Epoch}/{epochs}: loss {F(r.Loss)} accuracy {F(r.Accuracy)} validation_loss {F(r.ValidationLoss)} " +
               $"validation_accuracy {F(r.ValidationAccuracy)} lr {r.LearningRate.ToString("G3", inv)} " +
               $"{r.Seconds.ToString("F1", inv)} s ({(r.Samples / r.Seconds).ToString("F0", inv)} samples/s)";
    }
}
