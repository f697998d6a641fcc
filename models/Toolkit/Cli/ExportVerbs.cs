using System.CommandLine;
using TinyMl.Toolkit.Evaluation;
using TinyMl.Toolkit.Quantization;
using TinyMl.Toolkit.Tflite;

namespace TinyMl.Toolkit.Cli;

/// <summary><c>tinyml export</c>: int8 plan (.tqm) → .tflite, checked by loading it in the engine.</summary>
public sealed class ExportVerbs : ICliVerbs
{
    public IEnumerable<Command> Commands()
    {
        var model = new Option<string>("--model") { Description = "Int8 plan (.tqm) from tinyml quantize", Required = true };
        var output = new Option<string>("--out") { Description = ".tflite file to write", Required = true };
        var floatIo = new Option<bool>("--float-io") { Description = "Float32 input and output (QUANTIZE / DEQUANTIZE around the int8 graph)" };
        var description = new Option<string?>("--description") { Description = "The model's description string" };
        var command = new Command("export", "Write an int8 plan as a TFLite FlatBuffer (checked by loading it in the engine)")
        {
            model, output, floatIo, description,
        };
        command.SetAction(parse => CliJob.Guarded(() =>
        {
            var plan = QuantizedModelFile.Load(parse.GetValue(model)!);
            var options = new ExportOptions { FloatIo = parse.GetValue(floatIo) };
            if (parse.GetValue(description) is { } d) options.Description = d;
            var bytes = TfliteWriter.Write(plan, options);
            var path = parse.GetValue(output)!;
            using (var engine = new EngineRunner(bytes, path))
            {
                var m = engine.Model;
                Console.WriteLine(string.Join(" ", Enumerable.Range(0, m.OperatorCount).Select(m.OperatorName)));
                File.WriteAllBytes(path, bytes);
                Console.WriteLine($"flash_bytes={bytes.Length} arena_bytes={m.ArenaBytes} macs={m.Macs} out={path}");
            }
            return 0;
        }));
        yield return command;
    }
}
