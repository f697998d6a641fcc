using System;
using System.Text;
using TinyMlDevice.Core;

namespace TinyMlDevice.Embedded
{
    /// <summary>The nf.config built into the image (resource NfConfig of Resources.resx).</summary>
    public static class EmbeddedConfig
    {
        /// <summary>The text of the embedded nf.config, or null when the image has none.</summary>
        public static string Text()
        {
            byte[] bytes;
            try
            {
                bytes = Resources.GetBytes(Resources.BinaryResources.NfConfig);
            }
            catch (Exception)
            {
                return null;
            }

            if (bytes == null)
            {
                return null;
            }

            // a UTF-8 byte order mark would otherwise be the first character of the first section header
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        }

        /// <summary>The embedded configuration, validated by the core's parser. Throws ConfigException.</summary>
        public static DeviceConfig Load()
        {
            string text = Text();
            if (text == null)
            {
                throw new ConfigException(new ConfigError[]
                {
                    new ConfigError(0, null, null, "the image holds no nf.config (resource NfConfig)"),
                });
            }

            return ConfigParser.Parse(text);
        }
    }
}
