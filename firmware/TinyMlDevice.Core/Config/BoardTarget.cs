namespace TinyMlDevice.Core
{
    /// <summary>nanoFramework firmware targets with BLE (board.target); the names in nf.config are in ConfigNames.</summary>
    public enum BoardTarget
    {
        Esp32BleRev0 = 0,
        Esp32BleRev3 = 1,
        Esp32C3 = 2,
        Esp32S3Quad = 3,
        Esp32S3Octal = 4,
    }
}
