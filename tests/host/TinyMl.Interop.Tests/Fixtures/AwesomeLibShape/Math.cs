using System.Runtime.CompilerServices;

namespace NF.AwesomeLib
{
    public class Math
    {
        public double SuperComplicatedCalculation(double value)
        {
            return NativeSuperComplicatedCalculation(value);
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern double NativeSuperComplicatedCalculation(double value);
    }
}
