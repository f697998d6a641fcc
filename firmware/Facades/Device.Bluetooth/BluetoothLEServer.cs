// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.BluetoothLEServer (members used).
// Start goes to the installed TinyMlDevice.Facades.Backends.BluetoothBackend.

using System.Collections;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using TinyMlDevice.Facades.Backends;

namespace nanoFramework.Device.Bluetooth
{
    public class BluetoothLEServer
    {
        private static BluetoothLEServer _instance;

        // every GattServiceProvider created, in creation order (the real server keeps the same list)
        internal static ArrayList Providers = new ArrayList();

        private string _deviceName = "nanoFramework";

        private BluetoothLEServer()
        {
        }

        public static BluetoothLEServer Instance
        {
            get
            {
                if (_instance == null)
                {
                    _instance = new BluetoothLEServer();
                }

                return _instance;
            }
        }

        public string DeviceName
        {
            get { return _deviceName; }
            set { _deviceName = value; }
        }

        public void Start()
        {
            BluetoothBackend.Require().StartServer(_deviceName);
        }

        internal static void Forget()
        {
            _instance = null;
            Providers = new ArrayList();
        }

        internal static GattServiceProvider[] AllProviders()
        {
            return (GattServiceProvider[])Providers.ToArray(typeof(GattServiceProvider));
        }
    }
}
