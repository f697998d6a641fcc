using System;

namespace TinyMlDevice.Core
{
    /// <summary>A payload (report or stored record) was refused: wrong version, length or field value; Message says which.</summary>
    public class ReportFormatException : Exception
    {
        public ReportFormatException(string message)
            : base(message)
        {
        }
    }
}
