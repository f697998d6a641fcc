namespace TinyMlDevice.Core
{
    /// <summary>One problem in an nf.config text: where it is (line, section, key) and what is wrong.</summary>
    public sealed class ConfigError
    {
        public ConfigError(int line, string section, string key, string message)
        {
            Line = line;
            Section = section;
            Key = key;
            Message = message;
        }

        /// <summary>1-based line number; 0 when the problem is a key that is absent (its default was used).</summary>
        public int Line { get; }

        /// <summary>The section without brackets, or null for a line outside every section.</summary>
        public string Section { get; }

        /// <summary>The key, or null for a problem with a whole line or section.</summary>
        public string Key { get; }

        public string Message { get; }

        public override string ToString()
        {
            string where = Line > 0 ? "line " + Line : "(default)";
            if (Section != null)
            {
                where += " [" + Section + "]";
            }

            if (Key != null)
            {
                where += " " + Key;
            }

            return where + ": " + Message;
        }
    }
}
