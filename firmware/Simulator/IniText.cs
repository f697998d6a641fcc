namespace TinyMlDevice.Simulator;

/// <summary>Edits an nf.config text the way a person would: sets one key of one section, leaving everything else as it is.</summary>
public static class IniText
{
    /// <summary>The text with [section] key = value: the key's line replaced, or added at the section's end (or a new section).</summary>
    public static string Set(string text, string section, string key, string value)
    {
        List<string> lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        string current = "";
        int sectionEnd = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            string content = Content(lines[i]);
            if (content.StartsWith('[') && content.EndsWith(']'))
            {
                current = content[1..^1].Trim();
                continue;
            }

            if (current != section)
            {
                continue;
            }

            sectionEnd = i + 1;
            int equals = content.IndexOf('=');
            if (equals > 0 && content[..equals].Trim() == key)
            {
                lines[i] = $"{key} = {value}";
                return string.Join('\n', lines);
            }
        }

        if (sectionEnd < 0)
        {
            int header = lines.FindIndex(l => Content(l) == $"[{section}]");
            if (header < 0)
            {
                if (lines.Count > 0 && lines[^1].Length == 0)
                {
                    lines.RemoveAt(lines.Count - 1);
                }

                lines.Add($"[{section}]");
                lines.Add($"{key} = {value}");
                lines.Add("");
                return string.Join('\n', lines);
            }

            sectionEnd = header + 1;
        }

        lines.Insert(sectionEnd, $"{key} = {value}");
        return string.Join('\n', lines);
    }

    private static string Content(string line)
    {
        int hash = line.IndexOf('#');
        return (hash >= 0 ? line[..hash] : line).Trim();
    }
}
