namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>
/// One second of 16 kHz audio with its class (index into the model's labels) and the group it must stay with when
/// splitting (the speaker; the file itself when the name carries no speaker, e.g. _silence_ clips).
/// </summary>
public sealed record KeywordClip(short[] Samples, int Label, string Group, string Path);
