using System.Collections;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// The lines of an INI text: "[section]" headers, "key = value" entries, "#" comments (anywhere on a line) and blank
    /// lines. Names are case-sensitive. Structural problems (a malformed line, a key outside any section, a repeated
    /// section or key, an unknown section) become errors; values are left to the section readers.
    /// </summary>
    internal sealed class IniDocument
    {
        private readonly ArrayList _entries = new ArrayList();

        public IniDocument(string text, string[] knownSections, ArrayList errors)
        {
            ArrayList sections = new ArrayList();
            ArrayList sectionLines = new ArrayList();
            string section = null;
            bool sectionKnown = false;
            string[] lines = text.Split(new char[] { '\n' });
            for (int i = 0; i < lines.Length; i++)
            {
                int number = i + 1;
                string line = lines[i];
                int comment = line.IndexOf('#');
                if (comment >= 0)
                {
                    line = line.Substring(0, comment);
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line[0] == '[')
                {
                    string name = line[line.Length - 1] == ']' ? line.Substring(1, line.Length - 2).Trim() : "";
                    if (!IsName(name))
                    {
                        errors.Add(new ConfigError(number, null, null,
                            "'" + line + "' is not a section header: write [name] with lower-case letters, digits or _"));
                        section = null;
                        sectionKnown = false;
                        continue;
                    }

                    section = name;
                    sectionKnown = IndexOf(knownSections, name) >= 0;
                    int previous = sections.IndexOf(name);
                    if (previous >= 0)
                    {
                        errors.Add(new ConfigError(number, name, null,
                            "section already began at line " + sectionLines[previous] + ": write each section once"));
                    }
                    else if (!sectionKnown)
                    {
                        errors.Add(new ConfigError(number, name, null,
                            "unknown section; the sections are " + Join(knownSections)));
                    }

                    sections.Add(name);
                    sectionLines.Add(number);
                    continue;
                }

                int equals = line.IndexOf('=');
                if (equals < 0)
                {
                    errors.Add(new ConfigError(number, section, null, "'" + line + "' is not a key = value line"));
                    continue;
                }

                string key = line.Substring(0, equals).Trim();
                string value = line.Substring(equals + 1).Trim();
                if (!IsName(key))
                {
                    errors.Add(new ConfigError(number, section, null,
                        "'" + key + "' is not a key: use lower-case letters, digits or _"));
                    continue;
                }

                if (section == null)
                {
                    errors.Add(new ConfigError(number, null, key, "key outside any section: put a [section] header above it"));
                    continue;
                }

                if (!sectionKnown)
                {
                    continue; // the section header already has its error
                }

                IniEntry earlier = Find(section, key);
                if (earlier != null)
                {
                    errors.Add(new ConfigError(number, section, key, "already set at line " + earlier.Line + ": set each key once"));
                    continue;
                }

                _entries.Add(new IniEntry(number, section, key, value));
            }
        }

        public IniEntry Find(string section, string key)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                IniEntry entry = (IniEntry)_entries[i];
                if (entry.Section == section && entry.Key == key)
                {
                    return entry;
                }
            }

            return null;
        }

        /// <summary>Entries of known sections that no reader took, in file order.</summary>
        public IniEntry[] Unused()
        {
            int count = 0;
            for (int i = 0; i < _entries.Count; i++)
            {
                count += ((IniEntry)_entries[i]).Used ? 0 : 1;
            }

            IniEntry[] unused = new IniEntry[count];
            int next = 0;
            for (int i = 0; i < _entries.Count; i++)
            {
                IniEntry entry = (IniEntry)_entries[i];
                if (!entry.Used)
                {
                    unused[next++] = entry;
                }
            }

            return unused;
        }

        internal static int IndexOf(string[] names, string name)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        internal static string Join(string[] names)
        {
            string text = "";
            for (int i = 0; i < names.Length; i++)
            {
                text += (i == 0 ? "" : ", ") + names[i];
            }

            return text;
        }

        private static bool IsName(string name)
        {
            if (name.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
