using System.Buffers.Binary;
using System.Text;

namespace TinyMlDevice.Core.Tests;

/// <summary>
/// Writes the smallest useful .tflite for the autoencoder path: one QUANTIZE operator that requantizes an int8 [1, n]
/// input to an int8 [1, n] output of another scale, so its "reconstruction" differs from its input by the rounding of
/// the coarser scale. A minimal FlatBuffers writer, front to back: a table is written, then its children after it, so
/// every offset points forward as the format requires.
/// </summary>
internal static class TinyTflite
{
    private const byte Int8 = 9;
    private const int Quantize = 114;

    public static byte[] Requantize(int n, float inputScale, float outputScale)
    {
        var writer = new Writer();
        Table Tensor(string name, float scale) => new Table()
            .Vector(0, new[] { 1, n })
            .Byte(1, Int8)
            .UInt(2, 0)
            .String(3, name)
            .Child(4, new Table().Vector(2, new[] { scale }).Vector(3, new[] { 0L }));

        Table model = new Table()
            .UInt(0, 3)
            .Tables(1, new Table().Byte(0, Quantize).Int(2, 1).Int(3, Quantize))
            .Tables(2, new Table()
                .Tables(0, Tensor("features", inputScale), Tensor("reconstruction", outputScale))
                .Vector(1, new[] { 0 })
                .Vector(2, new[] { 1 })
                .Tables(3, new Table().UInt(0, 0).Vector(1, new[] { 0 }).Vector(2, new[] { 1 })))
            .Tables(4, new Table());
        return writer.Finish(model, "TFL3");
    }

    private sealed class Table
    {
        // slot → (inline bytes, or a child to write after the table)
        public readonly SortedDictionary<int, (byte[]? Inline, Func<Writer, int>? Child)> Fields = new();

        public Table Byte(int slot, byte v) => Set(slot, new[] { v, (byte)0, (byte)0, (byte)0 });

        public Table Int(int slot, int v) => Set(slot, BitConverter.GetBytes(v));

        public Table UInt(int slot, uint v) => Set(slot, BitConverter.GetBytes(v));

        public Table String(int slot, string s) => Later(slot, w => w.Blob(Encoding.ASCII.GetBytes(s).Append((byte)0).ToArray(), s.Length, 1));

        public Table Vector(int slot, int[] values) => Later(slot, w => w.Blob(values.SelectMany(BitConverter.GetBytes).ToArray(), values.Length, 4));

        public Table Vector(int slot, float[] values) => Later(slot, w => w.Blob(values.SelectMany(BitConverter.GetBytes).ToArray(), values.Length, 4));

        public Table Vector(int slot, long[] values) => Later(slot, w => w.Blob(values.SelectMany(BitConverter.GetBytes).ToArray(), values.Length, 8));

        public Table Child(int slot, Table child) => Later(slot, w => w.Write(child));

        public Table Tables(int slot, params Table[] tables) => Later(slot, w => w.TableVector(tables));

        private Table Set(int slot, byte[] bytes)
        {
            Fields[slot] = (bytes, null);
            return this;
        }

        private Table Later(int slot, Func<Writer, int> child)
        {
            Fields[slot] = (null, child);
            return this;
        }
    }

    private sealed class Writer
    {
        private readonly List<byte> _bytes = new();

        public byte[] Finish(Table root, string identifier)
        {
            _bytes.AddRange(new byte[4]);
            _bytes.AddRange(Encoding.ASCII.GetBytes(identifier));
            Patch(0, Write(root));
            return _bytes.ToArray();
        }

        // vtable, then the table (soffset + one 4-byte cell per field), then the children; returns the table's position
        public int Write(Table table)
        {
            int slots = table.Fields.Count == 0 ? 0 : table.Fields.Keys.Max() + 1;
            int vtableBytes = 4 + 2 * slots;
            while ((_bytes.Count + vtableBytes) % 4 != 0)
            {
                _bytes.Add(0);
            }

            int vtable = _bytes.Count;
            int tableBytes = 4 + 4 * table.Fields.Count;
            AddU16(vtableBytes);
            AddU16(tableBytes);
            var cellOf = new Dictionary<int, int>();
            int next = 4;
            foreach (int slot in table.Fields.Keys)
            {
                cellOf[slot] = next;
                next += 4;
            }

            for (int slot = 0; slot < slots; slot++)
            {
                AddU16(cellOf.TryGetValue(slot, out int cell) ? cell : 0);
            }

            int start = _bytes.Count;
            _bytes.AddRange(BitConverter.GetBytes(start - vtable));
            foreach (var field in table.Fields.Values)
            {
                _bytes.AddRange(field.Inline ?? new byte[4]);
            }

            foreach (var (slot, field) in table.Fields)
            {
                if (field.Child != null)
                {
                    Patch(start + cellOf[slot], field.Child(this));
                }
            }

            return start;
        }

        public int TableVector(Table[] tables)
        {
            int vector = Blob(new byte[4 * tables.Length], tables.Length, 4);
            for (int i = 0; i < tables.Length; i++)
            {
                Patch(vector + 4 + 4 * i, Write(tables[i]));
            }

            return vector;
        }

        // a length-prefixed vector (or string) whose elements start at a multiple of align; returns the length's position
        public int Blob(byte[] elements, int count, int align)
        {
            while ((_bytes.Count + 4) % align != 0 || _bytes.Count % 4 != 0)
            {
                _bytes.Add(0);
            }

            int at = _bytes.Count;
            _bytes.AddRange(BitConverter.GetBytes(count));
            _bytes.AddRange(elements);
            return at;
        }

        // a uoffset field at position field pointing at target (always later in the buffer)
        private void Patch(int field, int target)
        {
            byte[] offset = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(offset, (uint)(target - field));
            for (int i = 0; i < 4; i++)
            {
                _bytes[field + i] = offset[i];
            }
        }

        private void AddU16(int value)
        {
            _bytes.Add((byte)value);
            _bytes.Add((byte)(value >> 8));
        }
    }
}
