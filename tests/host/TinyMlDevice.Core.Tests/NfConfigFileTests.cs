using System.Text.RegularExpressions;

namespace TinyMlDevice.Core.Tests;

// nf.config at the repository root is the one file the device and every tool read: it must parse, repeat the parser's
// defaults exactly, and document every key the parser reads.
public class NfConfigFileTests
{
    private static readonly string Text = File.ReadAllText(Repository.PathOf("nf.config"));

    [Fact]
    public void ParsesWithoutErrors() => ConfigParser.Parse(Text);

    [Fact]
    public void StatesTheParsersDefaults()
    {
        DeviceConfig file = ConfigParser.Parse(Text);
        DeviceConfig defaults = DeviceConfig.Defaults;
        foreach (var (section, fileValue, defaultValue) in new (string, object, object)[]
        {
            ("board", file.Board, defaults.Board), ("microphone", file.Microphone, defaults.Microphone),
            ("imu", file.Imu, defaults.Imu), ("kws", file.Kws, defaults.Kws), ("vibration", file.Vibration, defaults.Vibration),
            ("ble", file.Ble, defaults.Ble),
        })
        {
            foreach (var property in fileValue.GetType().GetProperties())
            {
                object? a = property.GetValue(fileValue), b = property.GetValue(defaultValue);
                if (a is string[] list)
                {
                    Assert.Equal((string[])b!, list);
                }
                else
                {
                    Assert.True(Equals(a, b), $"[{section}] {property.Name}: nf.config gives {a}, the parser's default is {b}");
                }
            }
        }
    }

    [Fact]
    public void WritesAndDocumentsEveryKey()
    {
        string[] lines = Text.Split('\n');
        string section = "";
        var documented = new HashSet<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            Match header = Regex.Match(line, @"^\[(\w+)\]");
            if (header.Success)
            {
                section = header.Groups[1].Value;
                continue;
            }

            Match entry = Regex.Match(line, @"^(\w+)\s*=");
            if (entry.Success)
            {
                // a comment on the line itself or on the lines right above it
                bool commented = line.Contains('#') || (i > 0 && lines[i - 1].TrimStart().StartsWith('#'));
                Assert.True(commented, $"nf.config line {i + 1}: [{section}] {entry.Groups[1].Value} has no comment");
                documented.Add(section + "." + entry.Groups[1].Value);
            }
        }

        Assert.Equal(ConfigParser.Keys().OrderBy(k => k), documented.OrderBy(k => k));
    }
}
