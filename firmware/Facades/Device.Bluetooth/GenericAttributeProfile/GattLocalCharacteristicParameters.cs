// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattLocalCharacteristicParameters (members used).

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattLocalCharacteristicParameters
    {
        private string _userDescription = "";

        public GattLocalCharacteristicParameters()
        {
        }

        public GattCharacteristicProperties CharacteristicProperties { get; set; }

        public string UserDescription
        {
            get { return _userDescription; }
            set { _userDescription = value; }
        }

        public GattProtectionLevel ReadProtectionLevel { get; set; }

        public GattProtectionLevel WriteProtectionLevel { get; set; }
    }
}
