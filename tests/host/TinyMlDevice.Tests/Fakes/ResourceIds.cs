namespace TinyMlDevice.Tests.Fakes;

/// <summary>
/// The 16-bit id nanoFramework's resource tools give a resource name (written here from the algorithm of the Visual
/// Studio extension's resx generator): dots become underscores; two 32-bit djb2-style xor hashes run over the even and
/// the odd characters from 5381·65537; they combine as h1 + h2·1566083941; the id is the xor of that sum's halves.
/// </summary>
public static class ResourceIds
{
    public static short Of(string name)
    {
        string s = name.Replace('.', '_');
        int even = unchecked((5381 << 16) + 5381);
        int odd = even;
        for (int i = 0; i < s.Length; i++)
        {
            if (i % 2 == 0)
            {
                even = unchecked(((even << 5) + even) ^ s[i]);
            }
            else
            {
                odd = unchecked(((odd << 5) + odd) ^ s[i]);
            }
        }

        int sum = unchecked(even + odd * 1566083941);
        return unchecked((short)((short)(sum >> 16) ^ (short)sum));
    }
}
