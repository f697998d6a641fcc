namespace TinyMl.Toolkit.Nn;

/// <summary>Mean over every value of the batch of (output − target)² (the autoencoder's reconstruction loss).</summary>
public static class MeanSquaredError
{
    /// <summary>Returns the loss; writes ∂loss/∂output into gradient unless it is null. Also: per-sample errors.</summary>
    public static float Compute(float[] output, float[] target, int batch, int size, float[]? gradient, float[]? perSample = null)
    {
        double total = 0;
        var scale = 2f / ((float)batch * size);
        for (var b = 0; b < batch; b++)
        {
            double sample = 0;
            for (var i = b * size; i < (b + 1) * size; i++)
            {
                var d = output[i] - target[i];
                sample += (double)d * d;
                if (gradient is not null) gradient[i] = scale * d;
            }
            if (perSample is not null) perSample[b] = (float)(sample / size);
            total += sample;
        }
        return (float)(total / ((double)batch * size));
    }
}
