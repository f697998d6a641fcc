using System.Reflection;

[assembly: AssemblyTitle("TinyMlDevice")]
[assembly: AssemblyDescription("TinyMlDevice firmware: entry point and adapters (IMU FIFO, I2S/PDM microphone, BLE GATT server, LED)")]
[assembly: AssemblyProduct("TinyMlDevice")]
[assembly: AssemblyVersion("1.0.0.0")]
