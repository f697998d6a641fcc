using System;
using System.Collections;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using TinyMlDevice.Core;
using BleBuffer = nanoFramework.Device.Bluetooth.Buffer;

namespace TinyMlDevice.Ble
{
    /// <summary>The Status payload as of now (DeviceApp.EncodeStatus).</summary>
    public delegate byte[] StatusReader();

    /// <summary>The DeviceInfo payload as of now.</summary>
    public delegate byte[] InfoReader();

    /// <summary>
    /// The GATT server of <see cref="BleProtocol"/> (docs/ble-protocol.md): one primary service, one notify
    /// characteristic per <see cref="ReportChannel"/> (Status is also readable: a read asks <see cref="StatusSource"/>
    /// for the current payload, else returns the last one sent), DeviceInfo (read, from <see cref="InfoSource"/>), and the
    /// Control and ModelUpdate characteristics (write and notify). Their writes need an encrypted link whose keys came from
    /// an authenticated pairing (the stack refuses them otherwise, before any byte reaches this class); they are queued as
    /// raw bytes for the core to take from the main loop (<see cref="TakeControlWrite"/>, <see cref="TakeModelUpdateWrite"/>):
    /// the stack raises writes on its own thread, and the core runs on one. A full queue refuses the write, so the client
    /// learns to slow down. The core answers each write with a notification on the same characteristic (the
    /// ReportChannel.Control and ReportChannel.ModelUpdate channels of <see cref="Publish"/>). Only these payloads leave the
    /// device: no characteristic carries audio or vibration samples.
    /// </summary>
    public sealed class BleGattServer : IReportSink
    {
        /// <summary>Writes waiting for the core; a model update arrives as many chunks in a row.</summary>
        public const int ControlQueueCapacity = 8;

        public const int ModelUpdateQueueCapacity = 32;

        private readonly string _deviceName;
        private readonly GattProtectionLevel _writeProtection;
        private readonly GattLocalCharacteristic[] _reports = new GattLocalCharacteristic[7];
        private byte[] _lastStatus;
        private readonly ArrayList _controlWrites = new ArrayList();
        private readonly ArrayList _modelUpdateWrites = new ArrayList();
        private GattServiceProvider _provider;
        private int _notificationsLost;

        /// <param name="deviceName">nf.config [ble] device_name, advertised.</param>
        /// <param name="writeProtection">What the link must be for Control and ModelUpdate writes.</param>
        public BleGattServer(string deviceName, GattProtectionLevel writeProtection)
        {
            _deviceName = deviceName;
            _writeProtection = writeProtection;
        }

        /// <summary>True when a client has notifications on for at least one report characteristic.</summary>
        public bool Connected
        {
            get
            {
                for (int i = 0; i < _reports.Length; i++)
                {
                    if (_reports[i] != null && _reports[i].SubscribedClients.Length > 0)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Answers Status reads; without it a read returns the last Status published.</summary>
        public StatusReader StatusSource { get; set; }

        /// <summary>Answers DeviceInfo reads; without it a read is refused.</summary>
        public InfoReader InfoSource { get; set; }

        /// <summary>Notifications the stack could not deliver (link lost mid-notification).</summary>
        public int NotificationsLost
        {
            get { return _notificationsLost; }
        }

        /// <summary>Builds the service and starts advertising it as connectable and discoverable.</summary>
        public void Start()
        {
            BluetoothLEServer server = BluetoothLEServer.Instance;
            server.DeviceName = _deviceName;

            GattServiceProviderResult created = GattServiceProvider.Create(new Guid(BleProtocol.ServiceUuid));
            if (created.Error != BluetoothError.Success)
            {
                throw new InvalidOperationException("BLE service not created: error " + (int)created.Error);
            }

            _provider = created.ServiceProvider;
            GattLocalService service = _provider.Service;
            AddReport(service, ReportChannel.KeywordEvent, "Keyword events");
            AddReport(service, ReportChannel.AnomalyReport, "Anomaly reports");
            AddReport(service, ReportChannel.Status, "Status").ReadRequested += OnStatusRead;
            AddReport(service, ReportChannel.Fault, "Faults");

            GattLocalCharacteristic control = AddWritable(service, ReportChannel.Control, "Control");
            control.WriteRequested += OnControlWrite;
            GattLocalCharacteristic modelUpdate = AddWritable(service, ReportChannel.ModelUpdate, "Model update");
            modelUpdate.WriteRequested += OnModelUpdateWrite;
            AddInfo(service).ReadRequested += OnInfoRead;

            server.Start();
            GattServiceProviderAdvertisingParameters advertising = new GattServiceProviderAdvertisingParameters();
            advertising.IsConnectable = true;
            advertising.IsDiscoverable = true;
            _provider.StartAdvertising(advertising);
        }

        /// <summary>Notifies the channel's subscribers. Never throws for a lost link.</summary>
        public void Publish(ReportChannel channel, byte[] payload)
        {
            int index = (int)channel;
            if (index <= 0 || index >= _reports.Length || _reports[index] == null || payload == null)
            {
                return;
            }

            if (channel == ReportChannel.Status)
            {
                _lastStatus = payload;
            }

            GattLocalCharacteristic characteristic = _reports[index];
            if (characteristic.SubscribedClients.Length == 0)
            {
                return;
            }

            try
            {
                GattClientNotificationResult[] results = characteristic.NotifyValue(new BleBuffer(payload));
                for (int i = 0; i < results.Length; i++)
                {
                    if (results[i].Status != GattCommunicationStatus.Success)
                    {
                        _notificationsLost++;
                    }
                }
            }
            catch (Exception)
            {
                // the link went away under the notification: a lost report, not a device fault
                _notificationsLost++;
            }
        }

        /// <summary>The oldest Control write not yet taken, or null.</summary>
        public byte[] TakeControlWrite()
        {
            return Take(_controlWrites);
        }

        /// <summary>The oldest ModelUpdate write (one chunk) not yet taken, or null.</summary>
        public byte[] TakeModelUpdateWrite()
        {
            return Take(_modelUpdateWrites);
        }

        private GattLocalCharacteristic AddReport(GattLocalService service, ReportChannel channel, string description)
        {
            GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
            parameters.CharacteristicProperties = channel == ReportChannel.Status
                ? GattCharacteristicProperties.Read | GattCharacteristicProperties.Notify
                : GattCharacteristicProperties.Notify;
            parameters.UserDescription = description;
            GattLocalCharacteristic characteristic = Created(service.CreateCharacteristic(
                new Guid(BleProtocol.CharacteristicUuid(channel)), parameters), description);
            _reports[(int)channel] = characteristic;
            return characteristic;
        }

        // Signed writes in, responses out as notifications on the same characteristic.
        private GattLocalCharacteristic AddWritable(GattLocalService service, ReportChannel channel, string description)
        {
            GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
            parameters.CharacteristicProperties = GattCharacteristicProperties.Write | GattCharacteristicProperties.Notify;
            parameters.WriteProtectionLevel = _writeProtection;
            parameters.ReadProtectionLevel = _writeProtection;
            parameters.UserDescription = description;
            GattLocalCharacteristic characteristic = Created(service.CreateCharacteristic(
                new Guid(BleProtocol.CharacteristicUuid(channel)), parameters), description);
            _reports[(int)channel] = characteristic;
            return characteristic;
        }

        private GattLocalCharacteristic AddInfo(GattLocalService service)
        {
            GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
            parameters.CharacteristicProperties = GattCharacteristicProperties.Read;
            parameters.UserDescription = "Device info";
            return Created(service.CreateCharacteristic(new Guid(BleProtocol.DeviceInfoUuid), parameters), "Device info");
        }

        private void OnInfoRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            GattReadRequest request = args.GetRequest();
            byte[] payload;
            try
            {
                InfoReader source = InfoSource;
                payload = source != null ? source() : null;
            }
            catch (Exception)
            {
                payload = null;
            }

            if (payload == null)
            {
                request.RespondWithProtocolError(GattProtocolError.UnlikelyError);
                return;
            }

            request.RespondWithValue(new BleBuffer(payload));
        }

        private static GattLocalCharacteristic Created(GattLocalCharacteristicResult result, string description)
        {
            if (result.Error != BluetoothError.Success)
            {
                throw new InvalidOperationException("BLE characteristic '" + description + "' not created: error "
                    + (int)result.Error);
            }

            return result.Characteristic;
        }

        private void OnStatusRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            GattReadRequest request = args.GetRequest();
            byte[] payload;
            try
            {
                StatusReader source = StatusSource;
                payload = source != null ? source() : _lastStatus;
            }
            catch (Exception)
            {
                request.RespondWithProtocolError(GattProtocolError.UnlikelyError);
                return;
            }

            request.RespondWithValue(new BleBuffer(payload == null ? new byte[0] : payload));
        }

        private void OnControlWrite(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            Enqueue(args.GetRequest(), _controlWrites, ControlQueueCapacity);
        }

        private void OnModelUpdateWrite(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            Enqueue(args.GetRequest(), _modelUpdateWrites, ModelUpdateQueueCapacity);
        }

        private static void Enqueue(GattWriteRequest request, ArrayList queue, int capacity)
        {
            if (request.Offset != 0)
            {
                request.RespondWithProtocolError(GattProtocolError.InvalidOffset);
                return;
            }

            BleBuffer value = request.Value;
            if (value == null || value.Length == 0)
            {
                request.RespondWithProtocolError(GattProtocolError.InvalidAttributeValueLength);
                return;
            }

            byte[] bytes = new byte[value.Length];
            DataReader.FromBuffer(value).ReadBytes(bytes);
            lock (queue)
            {
                if (queue.Count >= capacity)
                {
                    request.RespondWithProtocolError(GattProtocolError.UnlikelyError);
                    return;
                }

                queue.Add(bytes);
            }

            request.Respond();
        }

        private static byte[] Take(ArrayList queue)
        {
            lock (queue)
            {
                if (queue.Count == 0)
                {
                    return null;
                }

                byte[] bytes = (byte[])queue[0];
                queue.RemoveAt(0);
                return bytes;
            }
        }
    }
}
