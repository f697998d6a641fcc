// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattCommunicationStatus.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public enum GattCommunicationStatus
    {
        Success = 0,
        Unreachable = 1,
        ProtocolError = 2,
        AccessDenied = 3,
    }
}
