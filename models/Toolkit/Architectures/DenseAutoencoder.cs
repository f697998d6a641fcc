using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Architectures;

/// <summary>
/// Autoencoder over one feature vector: Dense → BN+ReLU per hidden layer, down to a bottleneck and back up, then a
/// linear Dense to the input size. hidden = [64, 32] and bottleneck 8 give in → 64 → 32 → 8 → 32 → 64 → in.
/// </summary>
public static class DenseAutoencoder
{
    /// <summary>An untrained model (parameters zero-length: run <see cref="Nn.Initializer.Initialize"/>).</summary>
    public static FloatModel Create(int inputs, IReadOnlyList<int> hidden, int bottleneck)
    {
        if (inputs < 1 || bottleneck < 1 || hidden.Any(h => h < 1))
            throw new ModelException("autoencoder sizes must be positive");
        var layers = new List<Layer>();
        void Block(string name, int units)
        {
            layers.Add(new Dense { Name = name, Units = units });
            layers.Add(new BatchNorm { Name = name + "_bn", Activation = Activation.Relu });
        }
        for (var i = 0; i < hidden.Count; i++) Block($"encoder{i}", hidden[i]);
        Block("bottleneck", bottleneck);
        for (var i = hidden.Count - 1; i >= 0; i--) Block($"decoder{i}", hidden[i]);
        layers.Add(new Dense { Name = "reconstruction", Units = inputs });
        return new FloatModel { InputShape = [inputs], Layers = layers };
    }
}
