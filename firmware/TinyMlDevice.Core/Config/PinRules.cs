namespace TinyMlDevice.Core
{
    /// <summary>Which GPIOs a target's chip has, which are wired to its flash or PSRAM, and which are input-only.</summary>
    internal static class PinRules
    {
        /// <summary>Why the pin cannot serve on this target (null when it can).</summary>
        public static string Problem(BoardTarget target, int pin, bool output)
        {
            switch (target)
            {
                case BoardTarget.Esp32C3:
                    if (pin > 21)
                    {
                        return "the ESP32-C3 has GPIO 0 to 21";
                    }

                    return pin >= 12 && pin <= 17 ? "GPIO 12 to 17 of the ESP32-C3 drive its SPI flash" : null;

                case BoardTarget.Esp32S3Quad:
                case BoardTarget.Esp32S3Octal:
                    if (pin > 48 || (pin >= 22 && pin <= 25))
                    {
                        return "the ESP32-S3 has GPIO 0 to 21 and 26 to 48";
                    }

                    if (pin >= 26 && pin <= 32)
                    {
                        return "GPIO 26 to 32 of the ESP32-S3 drive its flash and PSRAM";
                    }

                    return target == BoardTarget.Esp32S3Octal && pin >= 33 && pin <= 37
                        ? "GPIO 33 to 37 drive the octal PSRAM of ESP32_S3_OCTAL boards"
                        : null;

                default:
                    if (pin > 39 || pin == 20 || pin == 24 || (pin >= 28 && pin <= 31))
                    {
                        return "the ESP32 has GPIO 0 to 19, 21 to 23, 25 to 27 and 32 to 39";
                    }

                    if (pin >= 6 && pin <= 11)
                    {
                        return "GPIO 6 to 11 of the ESP32 drive its SPI flash";
                    }

                    return output && pin >= 34 ? "GPIO 34 to 39 of the ESP32 are input-only" : null;
            }
        }
    }
}
