using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// The matrix products every trainable layer reduces to: C (+)= A · B with B [k×n] and C [m×n] row-major and A read
/// through strides, so A and Aᵀ (weight gradients) need no transposed copy. Vectorized along the rows of B and C
/// (a broadcast element of A times a vector of B), so no horizontal sums. Every element of C is one chain of fused
/// multiply-adds in p order whichever kernel, tile or thread computes it: results are bit-identical from run to run
/// and independent of the thread count.
/// </summary>
internal static class Gemm
{
    private const int RowBlock = 128; // rows of C per parallel work unit
    private const int DepthBlock = 256; // p values per pass (keeps the B panel in L1, the A block in L2)
    private const long ParallelWork = 1 << 17;

    /// <summary>C [m×n] (+)= A [m×k] · B [k×n].</summary>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int n, int k, bool accumulate) =>
        Strided(a, k, 1, b, c, m, n, k, accumulate);

    /// <summary>C [m×n] (+)= Aᵀ · B with A stored [k×m] (e.g. weight gradients: outputᵀ-gradient · input).</summary>
    public static void MultiplyTransposedA(float[] a, float[] b, float[] c, int m, int n, int k, bool accumulate) =>
        Strided(a, 1, m, b, c, m, n, k, accumulate);

    /// <summary>dst [cols×rows] = src [rows×cols]ᵀ.</summary>
    public static void Transpose(float[] src, int rows, int cols, float[] dst)
    {
        for (var r = 0; r < rows; r++)
        for (var col = 0; col < cols; col++)
            dst[col * rows + r] = src[r * cols + col];
    }

    /// <summary>sums[j] = Σ over rows of a [rows×cols] column j, rows in order.</summary>
    public static void ColumnSums(float[] a, int rows, int cols, float[] sums)
    {
        var s = sums.AsSpan(0, cols);
        s.Clear();
        for (var r = 0; r < rows; r++)
            System.Numerics.Tensors.TensorPrimitives.Add(s, a.AsSpan(r * cols, cols), s);
    }

    private static void Strided(float[] a, int rowStride, int depthStride, float[] b, float[] c, int m, int n, int k, bool accumulate)
    {
        if ((long)(m - 1) * rowStride + (long)(k - 1) * depthStride >= a.Length && m > 0 && k > 0 || (long)k * n > b.Length || (long)m * n > c.Length)
            throw new ArgumentException($"buffers too small for a {m}x{k} · {k}x{n} product");
        if (m == 0 || n == 0) return;
        var w = Vector<float>.Count;
        var panels = (n + 2 * w - 1) / (2 * w);
        var rowBlocks = (m + RowBlock - 1) / RowBlock;
        var units = panels * rowBlocks;
        void Run(int u)
        {
            int panel = u % panels, block = u / panels;
            int j0 = panel * 2 * w, j1 = Math.Min(n, j0 + 2 * w);
            int i0 = block * RowBlock, i1 = Math.Min(m, i0 + RowBlock);
            if (k == 0)
            {
                if (!accumulate)
                    for (var i = i0; i < i1; i++) c.AsSpan(i * n + j0, j1 - j0).Clear();
                return;
            }
            for (var p0 = 0; p0 < k; p0 += DepthBlock)
            {
                var p1 = Math.Min(k, p0 + DepthBlock);
                var load = accumulate || p0 > 0;
                Panel(a, rowStride, depthStride, b, c, n, i0, i1, j0, j1, p0, p1, load);
            }
        }
        if ((long)m * n * k < ParallelWork || units == 1)
            for (var u = 0; u < units; u++) Run(u);
        else
            Parallel.For(0, units, Run);
    }

    // Rows [i0, i1) × columns [j0, j1) (at most two vectors wide) over depths [p0, p1).
    private static void Panel(float[] a, int rs, int ds, float[] b, float[] c, int n, int i0, int i1, int j0, int j1, int p0, int p1, bool load)
    {
        var w = Vector<float>.Count;
        ref var a0 = ref MemoryMarshal.GetArrayDataReference(a);
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(b);
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(c);
        var j = j0;
        if (j1 - j >= 2 * w)
        {
            var i = i0;
            for (; i + 4 <= i1; i += 4) Kernel4x2(ref a0, rs, ds, ref b0, ref c0, n, i, j, p0, p1, load);
            for (; i < i1; i++) Kernel1x2(ref a0, rs, ds, ref b0, ref c0, n, i, j, p0, p1, load);
            j += 2 * w;
        }
        if (j1 - j >= w)
        {
            for (var i = i0; i < i1; i++) Kernel1x1(ref a0, rs, ds, ref b0, ref c0, n, i, j, p0, p1, load);
            j += w;
        }
        for (; j < j1; j++)
            for (var i = i0; i < i1; i++)
            {
                var acc = load ? Unsafe.Add(ref c0, i * n + j) : 0f;
                for (var p = p0; p < p1; p++)
                    acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref a0, i * rs + p * ds), Unsafe.Add(ref b0, p * n + j), acc);
                Unsafe.Add(ref c0, i * n + j) = acc;
            }
    }

    private static void Kernel4x2(ref float a, int rs, int ds, ref float b, ref float c, int n, int i, int j, int p0, int p1, bool load)
    {
        var w = Vector<float>.Count;
        nuint r0 = (nuint)(i * n + j), r1 = r0 + (nuint)n, r2 = r1 + (nuint)n, r3 = r2 + (nuint)n, vw = (nuint)w;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        if (load)
        {
            c00 = Vector.LoadUnsafe(ref c, r0); c01 = Vector.LoadUnsafe(ref c, r0 + vw);
            c10 = Vector.LoadUnsafe(ref c, r1); c11 = Vector.LoadUnsafe(ref c, r1 + vw);
            c20 = Vector.LoadUnsafe(ref c, r2); c21 = Vector.LoadUnsafe(ref c, r2 + vw);
            c30 = Vector.LoadUnsafe(ref c, r3); c31 = Vector.LoadUnsafe(ref c, r3 + vw);
        }
        var ai = i * rs;
        for (var p = p0; p < p1; p++)
        {
            var bp = (nuint)(p * n + j);
            var x0 = Vector.LoadUnsafe(ref b, bp);
            var x1 = Vector.LoadUnsafe(ref b, bp + vw);
            var ap = ai + p * ds;
            var s = new Vector<float>(Unsafe.Add(ref a, ap));
            c00 = Vector.FusedMultiplyAdd(s, x0, c00); c01 = Vector.FusedMultiplyAdd(s, x1, c01);
            s = new Vector<float>(Unsafe.Add(ref a, ap + rs));
            c10 = Vector.FusedMultiplyAdd(s, x0, c10); c11 = Vector.FusedMultiplyAdd(s, x1, c11);
            s = new Vector<float>(Unsafe.Add(ref a, ap + 2 * rs));
            c20 = Vector.FusedMultiplyAdd(s, x0, c20); c21 = Vector.FusedMultiplyAdd(s, x1, c21);
            s = new Vector<float>(Unsafe.Add(ref a, ap + 3 * rs));
            c30 = Vector.FusedMultiplyAdd(s, x0, c30); c31 = Vector.FusedMultiplyAdd(s, x1, c31);
        }
        c00.StoreUnsafe(ref c, r0); c01.StoreUnsafe(ref c, r0 + vw);
        c10.StoreUnsafe(ref c, r1); c11.StoreUnsafe(ref c, r1 + vw);
        c20.StoreUnsafe(ref c, r2); c21.StoreUnsafe(ref c, r2 + vw);
        c30.StoreUnsafe(ref c, r3); c31.StoreUnsafe(ref c, r3 + vw);
    }

    private static void Kernel1x2(ref float a, int rs, int ds, ref float b, ref float c, int n, int i, int j, int p0, int p1, bool load)
    {
        var vw = (nuint)Vector<float>.Count;
        var r0 = (nuint)(i * n + j);
        var c00 = load ? Vector.LoadUnsafe(ref c, r0) : default;
        var c01 = load ? Vector.LoadUnsafe(ref c, r0 + vw) : default;
        for (var p = p0; p < p1; p++)
        {
            var bp = (nuint)(p * n + j);
            var s = new Vector<float>(Unsafe.Add(ref a, i * rs + p * ds));
            c00 = Vector.FusedMultiplyAdd(s, Vector.LoadUnsafe(ref b, bp), c00);
            c01 = Vector.FusedMultiplyAdd(s, Vector.LoadUnsafe(ref b, bp + vw), c01);
        }
        c00.StoreUnsafe(ref c, r0);
        c01.StoreUnsafe(ref c, r0 + vw);
    }

    private static void Kernel1x1(ref float a, int rs, int ds, ref float b, ref float c, int n, int i, int j, int p0, int p1, bool load)
    {
        var r0 = (nuint)(i * n + j);
        var acc = load ? Vector.LoadUnsafe(ref c, r0) : default;
        for (var p = p0; p < p1; p++)
            acc = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref a, i * rs + p * ds)), Vector.LoadUnsafe(ref b, (nuint)(p * n + j)), acc);
        acc.StoreUnsafe(ref c, r0);
    }
}
