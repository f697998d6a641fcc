// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattProtocolError (the ATT error codes the firmware answers with).

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public static class GattProtocolError
    {
        public static byte InvalidOffset
        {
            get { return 7; }
        }

        public static byte InvalidAttributeValueLength
        {
            get { return 13; }
        }

        public static byte UnlikelyError
        {
            get { return 14; }
        }
    }
}
