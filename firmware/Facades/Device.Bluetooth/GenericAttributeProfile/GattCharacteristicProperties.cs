// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattCharacteristicProperties.

using System;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    [Flags]
    public enum GattCharacteristicProperties : uint
    {
        None = 0,
        Broadcast = 1,
        Read = 2,
        WriteWithoutResponse = 4,
        Write = 8,
        Notify = 16,
        Indicate = 32,
        AuthenticatedSignedWrites = 64,
        ExtendedProperties = 128,
        ReliableWrites = 256,
        WritableAuxiliaries = 512,
    }
}
