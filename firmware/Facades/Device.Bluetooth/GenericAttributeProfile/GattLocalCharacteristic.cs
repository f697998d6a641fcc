// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattLocalCharacteristic (members used). Notifications go to the installed BluetoothBackend; the backend, playing the
// remote client, raises the requests and subscriptions through BluetoothBackend's client methods.

using System;
using System.Collections;
using TinyMlDevice.Facades.Backends;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattLocalCharacteristic
    {
        private readonly Guid _uuid;
        private readonly GattCharacteristicProperties _properties;
        private readonly string _userDescription;
        private readonly ArrayList _subscribedClients = new ArrayList();

        public delegate void GattLocalCharacteristicReadEventHandler(GattLocalCharacteristic sender, GattReadRequestedEventArgs ReadRequestEventArgs);

        public delegate void GattLocalCharacteristicWriteEventHandler(GattLocalCharacteristic sender, GattWriteRequestedEventArgs WriteRequestEventArgs);

        public delegate void GattLocalCharacteristicClientsChangedEventHandler(GattLocalCharacteristic sender, object args);

        internal GattLocalCharacteristic(Guid uuid, GattLocalCharacteristicParameters parameters)
        {
            _uuid = uuid;
            _properties = parameters.CharacteristicProperties;
            _userDescription = parameters.UserDescription;
        }

        public event GattLocalCharacteristicReadEventHandler ReadRequested;

        public event GattLocalCharacteristicWriteEventHandler WriteRequested;

        public event GattLocalCharacteristicClientsChangedEventHandler SubscribedClientsChanged;

        public Guid Uuid
        {
            get { return _uuid; }
        }

        public GattCharacteristicProperties CharacteristicProperties
        {
            get { return _properties; }
        }

        public string UserDescription
        {
            get { return _userDescription; }
        }

        public GattSubscribedClient[] SubscribedClients
        {
            get
            {
                lock (_subscribedClients)
                {
                    return (GattSubscribedClient[])_subscribedClients.ToArray(typeof(GattSubscribedClient));
                }
            }
        }

        /// <summary>Sends value to every subscribed client; one result per client.</summary>
        public GattClientNotificationResult[] NotifyValue(Buffer value)
        {
            GattSubscribedClient[] clients = SubscribedClients;
            GattClientNotificationResult[] results = new GattClientNotificationResult[clients.Length];
            byte[] bytes = value.ToBytes();
            for (int i = 0; i < clients.Length; i++)
            {
                bool delivered = BluetoothBackend.Require().Notify(this, clients[i].ClientId, bytes);
                results[i] = new GattClientNotificationResult(
                    delivered ? GattCommunicationStatus.Success : GattCommunicationStatus.Unreachable, clients[i]);
            }

            return results;
        }

        internal void RaiseWrite(GattWriteRequest request)
        {
            GattLocalCharacteristicWriteEventHandler handler = WriteRequested;
            if (handler == null)
            {
                request.RespondWithProtocolError(GattProtocolError.UnlikelyError);
                return;
            }

            handler(this, new GattWriteRequestedEventArgs(request));
        }

        internal void RaiseRead(GattReadRequest request)
        {
            GattLocalCharacteristicReadEventHandler handler = ReadRequested;
            if (handler == null)
            {
                request.RespondWithProtocolError(GattProtocolError.UnlikelyError);
                return;
            }

            handler(this, new GattReadRequestedEventArgs(request));
        }

        internal void SetSubscribed(int clientId, bool subscribed)
        {
            lock (_subscribedClients)
            {
                int index = -1;
                for (int i = 0; i < _subscribedClients.Count; i++)
                {
                    if (((GattSubscribedClient)_subscribedClients[i]).ClientId == clientId)
                    {
                        index = i;
                    }
                }

                if (subscribed && index < 0)
                {
                    _subscribedClients.Add(new GattSubscribedClient(clientId));
                }
                else if (!subscribed && index >= 0)
                {
                    _subscribedClients.RemoveAt(index);
                }
            }

            GattLocalCharacteristicClientsChangedEventHandler changed = SubscribedClientsChanged;
            if (changed != null)
            {
                changed(this, null);
            }
        }
    }
}
