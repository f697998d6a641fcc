using System;
using System.Device.I2c;
using TinyMlDevice.Core;

namespace TinyMlDevice.Imu
{
    /// <summary>
    /// Register access to one I2C sensor with bounded retries: every transfer is checked (a NACK, clock-stretch timeout,
    /// partial transfer or bus error), retried up to <see cref="Attempts"/> times a millisecond apart, and then reported
    /// as a <see cref="SensorFaultException"/> that names the status, the register and the address.
    /// </summary>
    public sealed class RegisterBus : IDisposable
    {
        public const int Attempts = 3;

        private readonly int _busId;
        private readonly int _address;
        private readonly I2cBusSpeed _speed;
        private readonly IDeviceClock _clock;
        private readonly string _sensor;
        private readonly byte[] _register = new byte[1];
        private readonly byte[] _pair = new byte[2];
        private I2cDevice _device;

        public RegisterBus(int busId, int address, I2cBusSpeed speed, IDeviceClock clock, string sensor)
        {
            _busId = busId;
            _address = address;
            _speed = speed;
            _clock = clock;
            _sensor = sensor;
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address, speed));
        }

        public int Address
        {
            get { return _address; }
        }

        public byte Read(byte register)
        {
            Read(register, _pair, 0, 1);
            return _pair[0];
        }

        /// <summary>count bytes from register on (one write-then-read transaction with a repeated start).</summary>
        public void Read(byte register, byte[] buffer, int offset, int count)
        {
            _register[0] = register;
            for (int attempt = 1; ; attempt++)
            {
                I2cTransferStatus status = Transfer(true, buffer, offset, count);
                if (status == I2cTransferStatus.FullTransfer)
                {
                    return;
                }

                Retry(attempt, status, "reading", register);
            }
        }

        public void Write(byte register, byte value)
        {
            _pair[0] = register;
            _pair[1] = value;
            for (int attempt = 1; ; attempt++)
            {
                I2cTransferStatus status = Transfer(false, null, 0, 0);
                if (status == I2cTransferStatus.FullTransfer)
                {
                    return;
                }

                Retry(attempt, status, "writing", register);
            }
        }

        /// <summary>Closes and reopens the device (after the sensor was unplugged or the bus was stuck).</summary>
        public void Reopen()
        {
            CloseDevice();
            _device = I2cDevice.Create(new I2cConnectionSettings(_busId, _address, _speed));
        }

        public void Dispose()
        {
            CloseDevice();
        }

        private I2cTransferStatus Transfer(bool read, byte[] buffer, int offset, int count)
        {
            try
            {
                I2cTransferResult result = read
                    ? _device.WriteRead(new SpanByte(_register), new SpanByte(buffer, offset, count))
                    : _device.Write(new SpanByte(_pair));
                return result.Status;
            }
            catch (Exception)
            {
                // the native driver throws for a bus it cannot drive at all: same handling as a failed transfer
                return I2cTransferStatus.UnknownError;
            }
        }

        private void Retry(int attempt, I2cTransferStatus status, string what, byte register)
        {
            if (attempt >= Attempts)
            {
                throw new SensorFaultException(_sensor, "i2c " + StatusName(status) + " after " + Attempts + " attempts "
                    + what + " register 0x" + register.ToString("X2") + " at address 0x" + _address.ToString("X2"));
            }

            _clock.Sleep(1);
        }

        private void CloseDevice()
        {
            I2cDevice device = _device;
            _device = null;
            if (device != null)
            {
                try
                {
                    device.Dispose();
                }
                catch (Exception)
                {
                    // a device that cannot close is being replaced anyway
                }
            }
        }

        // enum names are not stored on nanoFramework (ToString gives the number): spell them here
        private static string StatusName(I2cTransferStatus status)
        {
            switch (status)
            {
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return "address-nack";
                case I2cTransferStatus.PartialTransfer:
                    return "partial-transfer";
                case I2cTransferStatus.ClockStretchTimeout:
                    return "clock-stretch-timeout";
                default:
                    return "bus-error";
            }
        }
    }
}
