namespace TinyMlDevice.Core
{
    /// <summary>Which model an update replaces (update header byte 5).</summary>
    public enum UpdateTarget
    {
        None = 0,
        /// <summary>The keyword spotting model ([kws] model).</summary>
        Kws = 1,
        /// <summary>The vibration autoencoder ([vibration] model).</summary>
        Vibration = 2,
    }
}
