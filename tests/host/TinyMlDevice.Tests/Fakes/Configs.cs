using TinyMlDevice.Core;

namespace TinyMlDevice.Tests.Fakes;

/// <summary>Device configurations from nf.config text, through the core's parser (as the device gets them).</summary>
public static class Configs
{
    public static DeviceConfig Parse(string text) => ConfigParser.Parse(text);

    public static ImuSettings Imu(string sensor = "auto", int odrHz = 1000, int rangeG = 4, int axes = 3) =>
        Parse($"[imu]\nsensor = {sensor}\nodr_hz = {odrHz}\nrange_g = {rangeG}\naxes = {axes}\n").Imu;

    public static MicrophoneSettings Microphone(string microphoneInterface = "i2s") =>
        Parse($"[microphone]\ninterface = {microphoneInterface}\n").Microphone;
}
