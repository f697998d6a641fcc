namespace TinyMlDevice.Core.Tests;

// [ble] auth_key: 64 hex digits or nothing; a refused key is never quoted back (errors reach logs and Fault reports).
public class AuthKeyConfigTests
{
    [Fact]
    public void No_key_is_the_default()
    {
        Assert.Null(ConfigParser.Parse("").Ble.AuthKey);
        Assert.Null(ConfigParser.Parse("[ble]\nauth_key =\n").Ble.AuthKey);
    }

    [Fact]
    public void Sixty_four_hex_digits_in_either_case_are_the_key()
    {
        DeviceConfig c = ConfigParser.Parse("[ble]\nauth_key = " + UpdateRig.KeyHex.ToUpperInvariant() + "\n");
        Assert.Equal(UpdateRig.Key, c.Ble.AuthKey);
    }

    [Theory]
    [InlineData("0123456789abcdef", "64 hex digits")]
    [InlineData("zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "not a hex digit")]
    [InlineData("4141414141414141414141414141414141414141414141414141414141414141", "one byte repeated")]
    public void A_bad_key_is_refused_without_repeating_it(string value, string reason)
    {
        ConfigException e = Assert.Throws<ConfigException>(() => ConfigParser.Parse("[ble]\nauth_key = " + value + "\n"));
        string text = string.Join("\n", e.Errors.Select(x => x.ToString())) + e.Message;

        Assert.Contains(reason, text);
        Assert.DoesNotContain(value, text);
        Assert.DoesNotContain(value[..8], text);
    }

    [Fact]
    public void A_refused_key_reaches_the_Fault_report_without_its_value()
    {
        using Harness h = new();
        const string secret = "abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefab";
        h.App.ApplyConfig(Configs.Join(Configs.NoKws, Configs.NoVibration) + "\n[ble]\nauth_key = " + secret + "\n");

        FaultReport f = h.Sink.Faults.Single();
        Assert.Equal(FaultCode.ConfigRejected, f.Code);
        Assert.DoesNotContain("abcdef", f.Reason);
    }
}
