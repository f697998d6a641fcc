using Spectre.Console;
using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Cli;

/// <summary>What every quantize/export/eval verb shares: the error contract and progress display.</summary>
internal static class CliJob
{
    /// <summary>Bad files or models → "error: reason" on stderr and exit code 1 (docs/TOOLKIT.md).</summary>
    public static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is DataFormatException or ModelException or IOException or UnauthorizedAccessException
                                      or TinyMlException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>A Spectre.Console bar on a terminal; plain "title: done/total" lines on stderr (every 10 %) otherwise.</summary>
    public static T WithProgress<T>(string title, Func<Action<int, int>, T> work)
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
                    Console.Error.WriteLine($"{title}: {done}/{total}");
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
