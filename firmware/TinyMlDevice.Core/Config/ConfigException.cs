using System;

namespace TinyMlDevice.Core
{
    /// <summary>An nf.config text was refused; Errors lists every problem found, Message names them line by line.</summary>
    public class ConfigException : Exception
    {
        public ConfigException(ConfigError[] errors)
            : base(Describe(errors))
        {
            Errors = errors;
        }

        public ConfigError[] Errors { get; }

        private static string Describe(ConfigError[] errors)
        {
            string text = "nf.config refused (" + errors.Length + (errors.Length == 1 ? " error)" : " errors)");
            for (int i = 0; i < errors.Length; i++)
            {
                text += "\n  " + errors[i].ToString();
            }

            return text;
        }
    }
}
