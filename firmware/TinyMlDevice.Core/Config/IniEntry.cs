namespace TinyMlDevice.Core
{
    /// <summary>One "key = value" line of an INI text.</summary>
    internal sealed class IniEntry
    {
        public IniEntry(int line, string section, string key, string value)
        {
            Line = line;
            Section = section;
            Key = key;
            Value = value;
        }

        public int Line { get; }

        public string Section { get; }

        public string Key { get; }

        public string Value { get; }

        /// <summary>Set once a section reader took the entry; entries left over are unknown keys.</summary>
        public bool Used { get; set; }
    }
}
