// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattLocalCharacteristicResult.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattLocalCharacteristicResult
    {
        private readonly GattLocalCharacteristic _characteristic;
        private readonly BluetoothError _error;

        internal GattLocalCharacteristicResult(GattLocalCharacteristic characteristic, BluetoothError error)
        {
            _characteristic = characteristic;
            _error = error;
        }

        public GattLocalCharacteristic Characteristic
        {
            get { return _characteristic; }
        }

        public BluetoothError Error
        {
            get { return _error; }
        }
    }
}
