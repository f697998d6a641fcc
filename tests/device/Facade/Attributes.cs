// Facade of nanoFramework.TestFramework 3.0.80 (namespace nanoFramework.TestFramework): the attributes tests/device uses.
using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class that holds test methods.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a test method.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute
    {
    }
}
