using System;

namespace TinyMl
{
    // Argument checks shared by the API types: every call is checked here before it crosses into native code.
    internal static class Arguments
    {
        internal static void NotNull(object value, string paramName)
        {
            if (value == null)
            {
                throw new ArgumentNullException(paramName);
            }
        }

        internal static void InRange(int value, int count, string what, string paramName)
        {
            if (value < 0 || value >= count)
            {
                throw new ArgumentOutOfRangeException(paramName,
                    what + " " + value.ToString() + " does not exist: there are " + count.ToString() + " " + what + "s");
            }
        }

        internal static void NotNegative(int value, string paramName)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(paramName, paramName + " must not be negative");
            }
        }

        internal static void Length(Array array, int expected, string paramName)
        {
            if (array.Length != expected)
            {
                throw new ArgumentException(paramName + " must hold " + expected.ToString() + " values, not " +
                    array.Length.ToString(), paramName);
            }
        }

        // count bytes of data from offset: a part of the array.
        internal static void Range(byte[] data, int offset, int count)
        {
            NotNull(data, "data");
            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count", "bytes " + offset.ToString() + " to " + (offset + count).ToString() +
                    " are not inside the " + data.Length.ToString() + " bytes of data");
            }
        }

        internal static long Combine(int low, int high)
        {
            return ((long)high << 32) | (uint)low;
        }
    }
}
