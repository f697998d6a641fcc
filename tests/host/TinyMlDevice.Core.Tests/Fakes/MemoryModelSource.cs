namespace TinyMlDevice.Core.Tests.Fakes;

/// <summary>Model files by name.</summary>
internal sealed class MemoryModelSource : IModelSource
{
    public Dictionary<string, byte[]> Files { get; } = new();

    public byte[] Load(string name) => Files.TryGetValue(name, out byte[]? data) ? data : null!;
}
