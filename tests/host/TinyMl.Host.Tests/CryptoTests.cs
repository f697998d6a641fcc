using System.Security.Cryptography;
using System.Text;

namespace TinyMl.Host.Tests;

// The engine's SHA-256, HMAC-SHA-256 and CRC-32 through the host binding: the published vectors, then agreement with
// .NET's own implementations on random inputs of every length around the block boundaries.
public class CryptoTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void Sha256_gives_the_FIPS_180_4_digests()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(Sha256.Hash(Ascii("abc"), 0, 3)));
        byte[] two = Ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", Hex(Sha256.Hash(two, 0, two.Length)));
    }

    [Fact]
    public void HmacSha256_gives_RFC_4231_case_2_and_case_6()
    {
        byte[] data = Ascii("what do ya want for nothing?");
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            Hex(HmacSha256.Compute(Ascii("Jefe"), data, 0, data.Length)));
        byte[] six = Ascii("Test Using Larger Than Block-Size Key - Hash Key First");
        Assert.Equal("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            Hex(HmacSha256.Compute(Enumerable.Repeat((byte)0xaa, 131).ToArray(), six, 0, six.Length)));
    }

    [Fact]
    public void Crc32_gives_the_check_value_and_continues_from_a_finished_value()
    {
        byte[] data = Ascii("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
        Assert.Equal(0xCBF43926u, Crc32.Update(Crc32.Compute(data, 0, 4), data, 4, 5));
        Assert.Equal(0u, Crc32.Compute(data, 3, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(70_001)]
    public void Sha256_and_HmacSha256_agree_with_dotnet_on_random_data_in_random_pieces(int length)
    {
        Random random = new(length);
        byte[] data = new byte[length];
        random.NextBytes(data);
        byte[] key = new byte[random.Next(0, 100)];
        random.NextBytes(key);
        Sha256 sha = new();
        HmacSha256 hmac = new(key);
        for (int at = 0; at < length;)
        {
            int piece = Math.Min(length - at, random.Next(0, 300));
            sha.Update(data, at, piece);
            hmac.Update(data, at, piece);
            at += piece;
        }

        Assert.Equal(SHA256.HashData(data), sha.Finish());
        Assert.Equal(HMACSHA256.HashData(key, data), hmac.Finish());
    }

    [Fact]
    public void Finish_starts_over_so_one_instance_serves_many_messages()
    {
        byte[] key = Ascii("key");
        HmacSha256 hmac = new(key);
        Sha256 sha = new();
        foreach (string text in new[] { "first", "second" })
        {
            byte[] m = Ascii(text);
            hmac.Update(m, 0, m.Length);
            sha.Update(m, 0, m.Length);
            Assert.Equal(HMACSHA256.HashData(key, m), hmac.Finish());
            Assert.Equal(SHA256.HashData(m), sha.Finish());
        }
    }

    [Fact]
    public void Crc32_agrees_with_the_IEEE_definition_on_random_data()
    {
        Random random = new(7);
        byte[] data = new byte[5000];
        random.NextBytes(data);
        uint reference = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            reference ^= b;
            for (int i = 0; i < 8; i++)
            {
                reference = (reference >> 1) ^ ((reference & 1) != 0 ? 0xEDB88320u : 0);
            }
        }

        Assert.Equal(~reference, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void TagsEqual_compares_the_given_ranges()
    {
        byte[] a = { 1, 2, 3, 4 };
        byte[] b = { 9, 2, 3, 4, 9 };
        Assert.True(HmacSha256.TagsEqual(a, 1, b, 1, 3));
        Assert.False(HmacSha256.TagsEqual(a, 0, b, 0, 4));
    }

    [Fact]
    public void Ranges_outside_the_array_are_refused_before_native_code()
    {
        byte[] data = new byte[8];
        Assert.Throws<ArgumentOutOfRangeException>(() => Crc32.Compute(data, 4, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sha256().Update(data, -1, 2));
        Assert.Throws<ArgumentNullException>(() => new HmacSha256(null!));
    }
}
