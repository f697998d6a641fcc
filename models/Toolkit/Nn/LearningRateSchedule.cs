namespace TinyMl.Toolkit.Nn;

/// <summary>
/// Linear warm-up from 0 to the peak over the first steps, then a half cosine from the peak down to
/// peak · finalFraction at the last step.
/// </summary>
public sealed class LearningRateSchedule(float peak, int warmupSteps, int totalSteps, float finalFraction = 0.01f)
{
    public float Peak { get; } = peak;

    public float At(int step)
    {
        if (step < warmupSteps) return Peak * (step + 1) / warmupSteps;
        var span = Math.Max(1, totalSteps - warmupSteps);
        var t = Math.Clamp((double)(step - warmupSteps) / span, 0, 1);
        var floor = Peak * finalFraction;
        return (float)(floor + (Peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * t)));
    }
}
