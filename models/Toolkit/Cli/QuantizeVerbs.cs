using System.CommandLine;
using System.Globalization;
using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Quantization;

namespace TinyMl.Toolkit.Cli;

/// <summary><c>tinyml quantize</c>: float model (.tmf) + calibration data → int8 plan (.tqm).</summary>
public sealed class QuantizeVerbs : ICliVerbs
{
    public IEnumerable<Command> Commands()
    {
        var model = new Option<string>("--model") { Description = "Float model (.tmf)", Required = true };
        var data = new Option<string>("--data") { Description = "Calibration data: a Speech Commands folder (kws) or a vibration CSV folder (its normal/ files)", Required = true };
        var output = new Option<string>("--out") { Description = "Int8 plan to write (.tqm)", Required = true };
        var features = new Option<string?>("--features") { Description = "kws or vibration (default: the model's \"features\" metadata)" };
        var calibration = new Option<int>("--calibration") { Description = "Calibration samples (at most)", DefaultValueFactory = _ => 500 };
        var method = new Option<string>("--ranges") { Description = "minmax (extremes over all samples) or mean (mean of each sample's extremes)", DefaultValueFactory = _ => "minmax" };
        method.AcceptOnlyFromAmong("minmax", "mean");
        var densePerChannel = new Option<bool>("--dense-per-channel") { Description = "One weight scale per Dense output unit (default: one per layer)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the calibration sample choice", DefaultValueFactory = _ => 1 };
        var command = new Command("quantize", "Post-training int8 quantization: fold batch norms, quantize weights per channel, calibrate activation ranges")
        {
            model, data, output, features, calibration, method, densePerChannel, seed,
        };
        command.SetAction(parse => CliJob.Guarded(() =>
        {
            var path = parse.GetValue(model)!;
            var floatModel = FloatModel.Load(path);
            var kind = parse.GetValue(features) ?? CalibrationSources.KindOf(floatModel)
                ?? throw new ModelException($"{path}: no \"features\" metadata; say --features kws or vibration");
            var source = CalibrationSources.For(kind, parse.GetValue(data)!);
            var samples = CliJob.WithProgress("computing calibration features",
                report => source.Samples(floatModel, parse.GetValue(calibration), parse.GetValue(seed), report));
            if (samples.Count == 0) throw new ModelException($"{source.Description}: no calibration samples");
            var options = new QuantizeOptions
            {
                Method = parse.GetValue(method) == "mean" ? RangeMethod.MeanMinMax : RangeMethod.MinMax,
                InputQuantization = source.InputQuantization,
                DensePerChannel = parse.GetValue(densePerChannel),
                Source = source.Description,
            };
            var plan = CliJob.WithProgress("calibrating activation ranges",
                report => Quantizer.Quantize(floatModel, samples, options, done => report(done, samples.Count)));
            QuantizedModelFile.Save(plan, parse.GetValue(output)!);
            var inv = CultureInfo.InvariantCulture;
            foreach (var op in plan.Operators)
            {
                var q = plan.Tensors[op.Outputs[0]].Quantization!;
                Console.WriteLine($"{op.Op,-16} {op.Layer,-20} out scale {q.Scale.ToString("G6", inv)} zero point {q.ZeroPoint}");
            }
            var input = plan.Input.Quantization!;
            Console.WriteLine($"samples={samples.Count} input_scale={input.Scale.ToString("G6", inv)} input_zero_point={input.ZeroPoint} " +
                              $"constant_bytes={plan.ConstantBytes} out={parse.GetValue(output)}");
            return 0;
        }));
        yield return command;
    }
}
