namespace TinyMlDevice.Core.Tests.Fakes;

/// <summary>State that survives a "reboot" (a new DeviceApp given the same store).</summary>
internal sealed class MemoryStateStore : IStateStore
{
    public Dictionary<string, byte[]> Blobs { get; } = new();

    public bool FailSaves { get; set; }

    public void Save(string name, byte[] data)
    {
        if (FailSaves)
        {
            throw new IOException("flash write failed");
        }

        Blobs[name] = (byte[])data.Clone();
    }

    public byte[] Load(string name) => Blobs.TryGetValue(name, out byte[]? data) ? (byte[])data.Clone() : null!;

    public void Delete(string name) => Blobs.Remove(name);
}
