namespace TinyMl.Toolkit.Nn;

/// <summary>
/// An exponential moving average of parameter values (Polyak averaging), swappable with the live values so a network
/// can be validated or saved with the averaged weights and then train on.
/// </summary>
public sealed class WeightAverage
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly float[][] _average;
    private readonly float _decay;

    public WeightAverage(IReadOnlyList<Parameter> parameters, float decay)
    {
        _parameters = parameters;
        _decay = decay;
        _average = parameters.Select(p => (float[])p.Value.Clone()).ToArray();
    }

    public void Update()
    {
        for (var k = 0; k < _parameters.Count; k++)
        {
            float[] value = _parameters[k].Value, average = _average[k];
            for (var i = 0; i < value.Length; i++) average[i] = _decay * average[i] + (1 - _decay) * value[i];
        }
    }

    /// <summary>Exchanges the live values and the averages (call twice to restore).</summary>
    public void Swap()
    {
        for (var k = 0; k < _parameters.Count; k++)
        {
            var value = _parameters[k].Value;
            var average = _average[k];
            for (var i = 0; i < value.Length; i++) (value[i], average[i]) = (average[i], value[i]);
        }
    }
}
