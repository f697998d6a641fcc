// Facade of nanoFramework.TestFramework 3.0.80 (namespace nanoFramework.TestFramework): the Assert members tests/device
// uses, with the package's signatures (a message parameter with a default; typed AreEqual overloads, no float delta;
// ThrowsException(Type, Action) requiring the exact type) and the package's behaviour: AssertFailedException on failure.
using System;

namespace nanoFramework.TestFramework
{
    public sealed class Assert
    {
        private Assert()
        {
        }

        public static void AreEqual(int expected, int actual, string message = "") => Check(expected == actual, "AreEqual", expected, actual, message);

        public static void AreEqual(long expected, long actual, string message = "") => Check(expected == actual, "AreEqual", expected, actual, message);

        public static void AreEqual(uint expected, uint actual, string message = "") => Check(expected == actual, "AreEqual", expected, actual, message);

        public static void AreEqual(ushort expected, ushort actual, string message = "") => Check(expected == actual, "AreEqual", expected, actual, message);

        public static void AreEqual(byte expected, byte actual, string message = "") => Check(expected == actual, "AreEqual", expected, actual, message);

        public static void AreEqual(sbyte expected, sbyte actual, string message = "") => Check(expected == actual, "AreEqual", expected, actual, message);

        public static void AreEqual(short expected, short actual, string message = "") => Check(expected == actual, "AreEqual", expected, actual, message);

        public static void AreEqual(bool expected, bool actual, string message = "") => Check(expected == actual, "AreEqual", expected, actual, message);

        public static void AreEqual(float expected, float actual, string message = "") => Check(expected.Equals(actual), "AreEqual", expected, actual, message);

        public static void AreEqual(string expected, string actual, string message = "") => Check(string.Equals(expected, actual), "AreEqual", expected, actual, message);

        public static void AreEqual(object expected, object actual, string message = "") => Check(Equals(expected, actual), "AreEqual", expected, actual, message);

        public static void AreNotEqual(int notExpected, int actual, string message = "") => Check(notExpected != actual, "AreNotEqual", notExpected, actual, message);

        public static void IsTrue(bool condition, string message = "") => Check(condition, "IsTrue", true, condition, message);

        public static void IsFalse(bool condition, string message = "") => Check(!condition, "IsFalse", false, condition, message);

        public static void IsNull(object value, string message = "") => Check(value == null, "IsNull", null, value, message);

        public static void IsNotNull(object value, string message = "") => Check(value != null, "IsNotNull", "(not null)", value, message);

        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() == exceptionType)
                {
                    return;
                }

                throw new AssertFailedException("Assert.ThrowsException failed. Threw " + e.GetType().Name + ", but " +
                    exceptionType.Name + " was expected. " + message + "\r\nException Message: " + e.Message);
            }

            throw new AssertFailedException("Assert.ThrowsException failed. No exception thrown. " + exceptionType.Name +
                " exception was expected. " + message);
        }

        private static void Check(bool ok, string assertion, object expected, object actual, string message)
        {
            if (!ok)
            {
                throw new AssertFailedException("Assert." + assertion + " failed. Expected:<" + (expected ?? "(null)") +
                    ">. Actual:<" + (actual ?? "(null)") + ">. " + message);
            }
        }
    }
}
