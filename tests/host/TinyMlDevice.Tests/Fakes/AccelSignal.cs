namespace TinyMlDevice.Tests.Fakes;

/// <summary>What a fake accelerometer measures at sample index i: distinct, signed, with both bytes in play.</summary>
public static class AccelSignal
{
    public static short X(long i) => unchecked((short)(0x1234 + i * 3));

    public static short Y(long i) => unchecked((short)(-0x0102 - i * 5));

    public static short Z(long i) => unchecked((short)(i * 257));

    public static short Axis(long i, int axis) => axis switch { 0 => X(i), 1 => Y(i), _ => Z(i) };
}
