using System.Buffers.Binary;
using System.Text;

namespace TinyMl.Toolkit.Tflite;

/// <summary>
/// Writes a FlatBuffer back to front: children first, so every uoffset points forward (to a higher address).
/// Positions are counted from the end of the buffer while building ("offsets"); Finish pads the front so that the
/// total length is a multiple of the largest alignment used, which makes end-relative alignment start-relative.
/// Vtables are shared between tables whose layouts are identical. Little-endian throughout.
/// </summary>
public sealed class FlatBufferBuilder
{
    private byte[] _buffer;
    private int _head; // first used byte; the data is _buffer[_head..]
    private int _maxAlign = 1;

    private int[]? _fields; // per field id: the offset its value was written at, 0 = absent
    private int _tableStart;
    private readonly List<int> _vtables = [];

    public FlatBufferBuilder(int initialCapacity = 1024)
    {
        _buffer = new byte[Math.Max(initialCapacity, 64)];
        _head = _buffer.Length;
    }

    /// <summary>Bytes written so far: the offset of whatever was written last.</summary>
    public int Offset => _buffer.Length - _head;

    // ---- raw writing ----

    /// <summary>Pads so that after writing `additional` bytes the offset is a multiple of `alignment`, then reserves room.</summary>
    private void Prep(int alignment, int additional)
    {
        _maxAlign = Math.Max(_maxAlign, alignment);
        var padding = (alignment - ((Offset + additional) % alignment)) % alignment;
        Reserve(padding + additional);
        _head -= padding; // the padding bytes are already zero
    }

    private void Reserve(int bytes)
    {
        if (_head >= bytes) return;
        var used = Offset;
        var size = _buffer.Length;
        while (size - used < bytes) size = checked(size * 2);
        var grown = new byte[size];
        Array.Copy(_buffer, _head, grown, size - used, used);
        _buffer = grown;
        _head = size - used;
    }

    private Span<byte> Take(int bytes)
    {
        Reserve(bytes);
        _head -= bytes;
        return _buffer.AsSpan(_head, bytes);
    }

    private void PutUInt32(uint v) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), v);

    // ---- tables ----

    public void StartTable(int fieldCount)
    {
        if (_fields is not null) throw new InvalidOperationException("a table is already open");
        _fields = new int[fieldCount];
        _tableStart = Offset;
    }

    public void AddByte(int field, byte value) => AddScalar(field, 1, s => s[0] = value);

    public void AddSByte(int field, sbyte value) => AddScalar(field, 1, s => s[0] = (byte)value);

    public void AddBool(int field, bool value) => AddByte(field, value ? (byte)1 : (byte)0);

    public void AddInt32(int field, int value) => AddScalar(field, 4, s => BinaryPrimitives.WriteInt32LittleEndian(s, value));

    public void AddUInt32(int field, uint value) => AddScalar(field, 4, s => BinaryPrimitives.WriteUInt32LittleEndian(s, value));

    public void AddInt64(int field, long value) => AddScalar(field, 8, s => BinaryPrimitives.WriteInt64LittleEndian(s, value));

    public void AddFloat(int field, float value) => AddScalar(field, 4, s => BinaryPrimitives.WriteSingleLittleEndian(s, value));

    /// <summary>A reference (uoffset) to a table, vector or string written earlier.</summary>
    public void AddOffset(int field, int target)
    {
        RequireTable(field);
        Prep(4, 0);
        PutUInt32((uint)(Offset + 4 - target));
        _fields![field] = Offset;
    }

    /// <summary>Closes the table: writes its soffset and its vtable (or reuses an identical one); returns its offset.</summary>
    public int EndTable()
    {
        var fields = _fields ?? throw new InvalidOperationException("no table is open");
        Prep(4, 4);
        PutUInt32(0); // soffset to the vtable, patched below
        var table = Offset;

        var used = fields.Length;
        while (used > 0 && fields[used - 1] == 0) used--;
        var vtable = new byte[4 + 2 * used];
        BinaryPrimitives.WriteUInt16LittleEndian(vtable, (ushort)vtable.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(vtable.AsSpan(2), checked((ushort)(table - _tableStart)));
        for (var id = 0; id < used; id++)
        {
            var at = fields[id] == 0 ? 0 : table - fields[id];
            BinaryPrimitives.WriteUInt16LittleEndian(vtable.AsSpan(4 + 2 * id), checked((ushort)at));
        }

        var existing = _vtables.FirstOrDefault(v => Bytes(v, vtable.Length).SequenceEqual(vtable), -1);
        int vtableOffset;
        if (existing >= 0)
        {
            vtableOffset = existing;
        }
        else
        {
            vtable.CopyTo(Take(vtable.Length)); // right before the table
            vtableOffset = Offset;
            _vtables.Add(vtableOffset);
        }
        // soffset = table address − vtable address; addresses grow as offsets shrink.
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - table), vtableOffset - table);
        _fields = null;
        return table;
    }

    // ---- vectors and strings ----

    /// <summary>A vector of little-endian scalars already encoded as bytes; the first element starts at a multiple of `alignment`.</summary>
    public int CreateVector(ReadOnlySpan<byte> elements, int count, int elementSize, int alignment)
    {
        RequireNoTable();
        if (elements.Length != count * elementSize) throw new ArgumentException("element bytes do not match the count");
        Prep(4, elements.Length);
        Prep(Math.Max(alignment, elementSize), elements.Length);
        elements.CopyTo(Take(elements.Length));
        Prep(4, 0);
        PutUInt32((uint)count);
        return Offset;
    }

    public int CreateInt32Vector(IReadOnlyList<int> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return CreateVector(bytes, values.Count, 4, 4);
    }

    public int CreateInt64Vector(IReadOnlyList<long> values)
    {
        var bytes = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        return CreateVector(bytes, values.Count, 8, 8);
    }

    public int CreateFloatVector(IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return CreateVector(bytes, values.Count, 4, 4);
    }

    public int CreateByteVector(ReadOnlySpan<byte> values, int alignment = 1) => CreateVector(values, values.Length, 1, alignment);

    /// <summary>A vector of references to tables or strings written earlier (each uoffset relative to its own slot).</summary>
    public int CreateOffsetVector(IReadOnlyList<int> targets)
    {
        RequireNoTable();
        Prep(4, 4 * targets.Count);
        for (var i = targets.Count - 1; i >= 0; i--)
        {
            Prep(4, 0);
            PutUInt32((uint)(Offset + 4 - targets[i]));
        }
        PutUInt32((uint)targets.Count);
        return Offset;
    }

    /// <summary>UTF-8 bytes, a terminating 0 that the length does not count.</summary>
    public int CreateString(string value)
    {
        RequireNoTable();
        var bytes = Encoding.UTF8.GetBytes(value);
        Prep(4, bytes.Length + 1);
        Take(1)[0] = 0;
        bytes.CopyTo(Take(bytes.Length));
        PutUInt32((uint)bytes.Length);
        return Offset;
    }

    // ---- finishing ----

    /// <summary>The finished buffer: root uoffset, the 4-character file identifier, then everything written.</summary>
    public byte[] Finish(int root, string fileIdentifier)
    {
        RequireNoTable();
        if (fileIdentifier.Length != 4) throw new ArgumentException("a file identifier has 4 characters", nameof(fileIdentifier));
        Prep(_maxAlign, 8);
        Encoding.ASCII.GetBytes(fileIdentifier).CopyTo(Take(4));
        PutUInt32((uint)(Offset + 4 - root));
        return _buffer.AsSpan(_head).ToArray();
    }

    private ReadOnlySpan<byte> Bytes(int offset, int length) =>
        offset < length ? ReadOnlySpan<byte>.Empty : _buffer.AsSpan(_buffer.Length - offset, length);

    private void AddScalar(int field, int size, SpanAction write)
    {
        RequireTable(field);
        Prep(size, 0);
        write(Take(size));
        _fields![field] = Offset;
    }

    private delegate void SpanAction(Span<byte> destination);

    private void RequireTable(int field)
    {
        if (_fields is null) throw new InvalidOperationException("no table is open");
        if ((uint)field >= (uint)_fields.Length) throw new ArgumentOutOfRangeException(nameof(field), field, "field id beyond the table's field count");
    }

    private void RequireNoTable()
    {
        if (_fields is not null) throw new InvalidOperationException("finish the open table first");
    }
}
