// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattLocalService (members used).

using System;
using System.Collections;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattLocalService
    {
        private readonly Guid _uuid;
        private readonly ArrayList _characteristics = new ArrayList();

        internal GattLocalService(Guid uuid)
        {
            _uuid = uuid;
        }

        public Guid Uuid
        {
            get { return _uuid; }
        }

        public GattLocalCharacteristic[] Characteristics
        {
            get { return (GattLocalCharacteristic[])_characteristics.ToArray(typeof(GattLocalCharacteristic)); }
        }

        public GattLocalCharacteristicResult CreateCharacteristic(Guid characteristicUuid, GattLocalCharacteristicParameters parameters)
        {
            GattLocalCharacteristic characteristic = new GattLocalCharacteristic(characteristicUuid, parameters);
            _characteristics.Add(characteristic);
            return new GattLocalCharacteristicResult(characteristic, BluetoothError.Success);
        }
    }
}
