using System.Collections;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// Reads the typed values of one section. An absent key gives its default; a malformed or out-of-range value gives
    /// an error naming its line and key (and the default, so reading can go on and report every problem at once).
    /// </summary>
    internal sealed class SectionReader
    {
        private readonly IniDocument _document;
        private readonly string _section;
        private readonly ArrayList _errors;
        private readonly ArrayList _keys;

        public SectionReader(IniDocument document, string section, ArrayList errors, ArrayList keys)
        {
            _document = document;
            _section = section;
            _errors = errors;
            _keys = keys;
        }

        /// <summary>"[section]".</summary>
        public string SectionName => "[" + _section + "]";

        /// <summary>The line the key is on, or 0 when it is absent.</summary>
        public int LineOf(string key)
        {
            IniEntry entry = _document.Find(_section, key);
            return entry == null ? 0 : entry.Line;
        }

        public void Error(string key, string message) =>
            _errors.Add(new ConfigError(LineOf(key), _section, key, message));

        public bool Bool(string key, bool fallback)
        {
            IniEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            if (entry.Value == "true")
            {
                return true;
            }

            if (entry.Value == "false")
            {
                return false;
            }

            Fail(entry, "'" + entry.Value + "' is not true or false");
            return fallback;
        }

        public int Int(string key, int fallback, int min, int max)
        {
            IniEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            if (!NumberText.TryParseInt(entry.Value, out int value))
            {
                Fail(entry, "'" + entry.Value + "' is not a whole number");
                return fallback;
            }

            if (value < min || value > max)
            {
                Fail(entry, value + " is outside " + min + ".." + max);
                return fallback;
            }

            return value;
        }

        public float Number(string key, float fallback, double min, double max)
        {
            IniEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            if (!NumberText.TryParseDecimal(entry.Value, out double value))
            {
                Fail(entry, "'" + entry.Value + "' is not a number (digits, optionally a '.' and more digits)");
                return fallback;
            }

            if (value < min || value > max)
            {
                Fail(entry, entry.Value + " is outside " + Text(min) + ".." + Text(max));
                return fallback;
            }

            return (float)value;
        }

        /// <summary>The index of the value in names.</summary>
        public int Choice(string key, int fallback, string[] names)
        {
            IniEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            int index = IniDocument.IndexOf(names, entry.Value);
            if (index < 0)
            {
                Fail(entry, "'" + entry.Value + "' is not one of " + IniDocument.Join(names));
                return fallback;
            }

            return index;
        }

        /// <summary>A choice among whole numbers, e.g. the accelerometer ranges.</summary>
        public int OneOf(string key, int fallback, int[] allowed)
        {
            int value = Int(key, fallback, int.MinValue + 1, int.MaxValue);
            for (int i = 0; i < allowed.Length; i++)
            {
                if (allowed[i] == value)
                {
                    return value;
                }
            }

            string list = "";
            for (int i = 0; i < allowed.Length; i++)
            {
                list += (i == 0 ? "" : ", ") + allowed[i];
            }

            Error(key, value + " is not one of " + list);
            return fallback;
        }

        /// <summary>A GPIO number, or -1 (none) when allowed; what the board supports is checked later, per target.</summary>
        public int Pin(string key, int fallback, bool optional) =>
            Int(key, fallback, optional ? -1 : 0, 63);

        /// <summary>Printable ASCII of minLength..maxLength characters.</summary>
        public string Text(string key, string fallback, int minLength, int maxLength)
        {
            IniEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            string value = entry.Value;
            if (value.Length < minLength || value.Length > maxLength)
            {
                Fail(entry, "'" + value + "' has " + value.Length + " characters; " + minLength + " to " + maxLength + " are allowed");
                return fallback;
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < ' ' || value[i] > '~')
                {
                    Fail(entry, "only printable ASCII characters are allowed");
                    return fallback;
                }
            }

            return value;
        }

        /// <summary>
        /// A relative file name ending in extension ("a/b.tflite"): letters, digits, '.', '_', '-' and '/', no leading '/',
        /// no empty or ".." parts; or "" when optional.
        /// </summary>
        public string FileName(string key, string fallback, string extension, bool optional)
        {
            IniEntry entry = Take(key);
            if (entry == null)
            {
                return fallback;
            }

            string value = entry.Value;
            if (value.Length == 0)
            {
                if (!optional)
                {
                    Fail(entry, "a file name is required");
                    return fallback;
                }

                return value;
            }

            string problem = FileNameProblem(value, extension);
            if (problem != null)
            {
                Fail(entry, "'" + value + "' " + problem);
                return fallback;
            }

            return value;
        }

        /// <summary>
        /// A key of exactly bytes bytes written as 2 × bytes hex digits, or null when the key is absent or empty. Errors
        /// never quote the value: a key must not reach a log or a Fault report, not even a mistyped one.
        /// </summary>
        public byte[] SecretKey(string key, int bytes)
        {
            IniEntry entry = Take(key);
            if (entry == null || entry.Value.Length == 0)
            {
                return null;
            }

            string value = entry.Value;
            if (value.Length != 2 * bytes)
            {
                Fail(entry, "must be " + 2 * bytes + " hex digits (" + bytes + " bytes), not " + value.Length + " characters");
                return null;
            }

            byte[] result = new byte[bytes];
            int distinct = 0;
            for (int i = 0; i < bytes; i++)
            {
                int high = HexDigit(value[2 * i]);
                int low = HexDigit(value[2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    Fail(entry, "holds a character that is not a hex digit (0-9, a-f, A-F) at position " + (high < 0 ? 2 * i + 1 : 2 * i + 2));
                    return null;
                }

                result[i] = (byte)(high * 16 + low);
                if (result[i] != result[0])
                {
                    distinct++;
                }
            }

            if (distinct == 0)
            {
                Fail(entry, "is one byte repeated: generate a random key (e.g. openssl rand -hex " + bytes + ")");
                return null;
            }

            return result;
        }

        /// <summary>Comma-separated names (letters, digits, '_'), each unique; minCount..maxCount of them.</summary>
        public string[] List(string key, string fallback, int minCount, int maxCount)
        {
            IniEntry entry = Take(key);
            string text = entry == null ? fallback : entry.Value;
            string[] items = text.Length == 0 ? new string[0] : text.Split(new char[] { ',' });
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = items[i].Trim();
            }

            if (entry == null)
            {
                return items;
            }

            if (items.Length < minCount || items.Length > maxCount)
            {
                Fail(entry, items.Length + " names; " + minCount + " to " + maxCount + " are allowed");
                return List(null, fallback, 0, int.MaxValue);
            }

            for (int i = 0; i < items.Length; i++)
            {
                if (!IsLabel(items[i]))
                {
                    Fail(entry, "'" + items[i] + "' is not a name: 1 to 32 letters, digits or _");
                    return List(null, fallback, 0, int.MaxValue);
                }

                for (int j = 0; j < i; j++)
                {
                    if (items[j] == items[i])
                    {
                        Fail(entry, "'" + items[i] + "' appears twice");
                        return List(null, fallback, 0, int.MaxValue);
                    }
                }
            }

            return items;
        }

        private IniEntry Take(string key)
        {
            if (key == null)
            {
                return null;
            }

            string name = _section + "." + key;
            if (!_keys.Contains(name))
            {
                _keys.Add(name);
            }

            IniEntry entry = _document.Find(_section, key);
            if (entry != null)
            {
                entry.Used = true;
            }

            return entry;
        }

        private void Fail(IniEntry entry, string message) =>
            _errors.Add(new ConfigError(entry.Line, _section, entry.Key, message));

        private static string FileNameProblem(string value, string extension)
        {
            if (value.Length > 96)
            {
                return "is longer than 96 characters";
            }

            if (value.Length <= extension.Length || value.Substring(value.Length - extension.Length) != extension)
            {
                return "does not end in " + extension;
            }

            string[] parts = value.Split(new char[] { '/' });
            for (int i = 0; i < parts.Length; i++)
            {
                if (parts[i].Length == 0 || parts[i] == "." || parts[i] == "..")
                {
                    return "is not a relative path without empty, '.' or '..' parts";
                }

                for (int j = 0; j < parts[i].Length; j++)
                {
                    char c = parts[i][j];
                    if (!(IsAlphanumeric(c) || c == '.' || c == '_' || c == '-'))
                    {
                        return "holds '" + c + "': use letters, digits, '.', '_', '-' and '/'";
                    }
                }
            }

            return null;
        }

        private static bool IsLabel(string name)
        {
            if (name.Length < 1 || name.Length > 32)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                if (!(IsAlphanumeric(name[i]) || name[i] == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        private static int HexDigit(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        private static bool IsAlphanumeric(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        // Whole bounds print without a fraction ("0..1", not "0.0..1.0").
        private static string Text(double value) =>
            value == (int)value ? ((int)value).ToString() : value.ToString();
    }
}
