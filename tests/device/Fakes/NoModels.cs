namespace TinyMlDevice.Core.DeviceTests
{
    /// <summary>A model source without files: the device tests run the vibration path without an autoencoder.</summary>
    internal sealed class NoModels : IModelSource
    {
        public byte[] Load(string name) => null;
    }
}
