namespace TinyMlDevice.Core
{
    /// <summary>
    /// Where model files named in nf.config come from: resources embedded in the image on the device, files in the
    /// simulator and tests.
    /// </summary>
    public interface IModelSource
    {
        /// <summary>The bytes of the file called name (e.g. "models/kws/kws.tflite"), or null when there is none.</summary>
        byte[] Load(string name);
    }
}
