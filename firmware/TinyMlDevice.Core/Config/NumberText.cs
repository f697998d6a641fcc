namespace TinyMlDevice.Core
{
    /// <summary>
    /// Strict, culture-free number parsing for configuration text: "-12", "0.75". No exponents, signs on
    /// decimals other than '-', thousands separators, hex, NaN or infinities: what nf.config documents and nothing
    /// else, identically on the device and the host.
    /// </summary>
    internal static class NumberText
    {
        /// <summary>Optional '-' then 1 to 9 digits (so the value always fits an int).</summary>
        public static bool TryParseInt(string text, out int value)
        {
            value = 0;
            int start = text.Length > 0 && text[0] == '-' ? 1 : 0;
            int digits = text.Length - start;
            if (digits < 1 || digits > 9)
            {
                return false;
            }

            int result = 0;
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                result = result * 10 + (c - '0');
            }

            value = start == 1 ? -result : result;
            return true;
        }

        /// <summary>Optional '-', digits, optionally '.' and more digits (at least one digit on each side of the '.').</summary>
        public static bool TryParseDecimal(string text, out double value)
        {
            value = 0;
            int dot = text.IndexOf('.');
            string whole = dot < 0 ? text : text.Substring(0, dot);
            bool negative = whole.Length > 0 && whole[0] == '-';
            if (!TryParseInt(whole, out int integer))
            {
                return false;
            }

            double magnitude = negative ? -(double)integer : integer;
            if (dot >= 0)
            {
                string fraction = text.Substring(dot + 1);
                if (fraction.Length < 1 || fraction.Length > 9 || fraction[0] == '-' ||
                    !TryParseInt(fraction, out int digits))
                {
                    return false;
                }

                double scale = 1;
                for (int i = 0; i < fraction.Length; i++)
                {
                    scale *= 10;
                }

                magnitude += digits / scale;
            }

            value = negative ? -magnitude : magnitude;
            return true;
        }
    }
}
