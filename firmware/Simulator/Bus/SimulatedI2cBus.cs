using System.Device.I2c;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Simulator.Bus;

/// <summary>
/// The ESP32's I2C controller as the System.Device.I2c facade sees it: chips at 7-bit addresses, each transfer taking
/// its time on the wire in virtual time (start, address, bytes and acknowledge bits at the configured clock), and the
/// ways a real bus fails: an absent or unplugged chip does not acknowledge its address; injected faults make the next
/// transfers to an address end in a NACK or a clock-stretch timeout.
/// </summary>
public sealed class SimulatedI2cBus : II2cController
{
    /// <summary>How long the ESP32 driver waits for a stretched clock before giving up.</summary>
    public const int ClockStretchTimeoutUs = 13_000;

    private readonly VirtualClock _clock;
    private readonly int _clockHz;
    private readonly Dictionary<int, RegisterDevice> _devices = new();
    private readonly HashSet<int> _unplugged = new();
    private readonly Dictionary<int, Queue<I2cTransferStatus>> _injected = new();

    /// <param name="clockHz">SCL frequency; 0 makes transfers take no time.</param>
    public SimulatedI2cBus(VirtualClock clock, int clockHz)
    {
        _clock = clock;
        _clockHz = clockHz;
    }

    public long Transfers { get; private set; }

    public long FailedTransfers { get; private set; }

    public long BytesMoved { get; private set; }

    /// <summary>Virtual time the wire was busy, µs.</summary>
    public long BusyMicroseconds { get; private set; }

    public void Attach(int address, RegisterDevice device) => _devices[address] = device;

    public bool IsUnplugged(int address) => _unplugged.Contains(address);

    /// <summary>The chip at address loses power and stops answering.</summary>
    public void Unplug(int address)
    {
        if (_unplugged.Add(address) && _devices.TryGetValue(address, out RegisterDevice? device))
        {
            device.PowerCycle(); // what it held is gone; it measures nothing until it is powered again
        }
    }

    /// <summary>The chip at address is powered again, in its power-on state.</summary>
    public void PlugIn(int address)
    {
        if (_unplugged.Remove(address) && _devices.TryGetValue(address, out RegisterDevice? device))
        {
            device.PowerCycle();
        }
    }

    /// <summary>The next count transfers to address end with status (SlaveAddressNotAcknowledged, ClockStretchTimeout, …).</summary>
    public void FailNext(int address, int count, I2cTransferStatus status)
    {
        if (!_injected.TryGetValue(address, out Queue<I2cTransferStatus>? queue))
        {
            _injected[address] = queue = new Queue<I2cTransferStatus>();
        }

        for (int i = 0; i < count; i++)
        {
            queue.Enqueue(status);
        }
    }

    public II2cTarget Open(int busId, int deviceAddress, I2cBusSpeed busSpeed) => new Target(this, deviceAddress);

    private I2cTransferStatus Transfer(int address, byte[]? write, int writeOffset, int writeCount, byte[]? read,
        int readOffset, int readCount, out int transferred)
    {
        Transfers++;
        transferred = 0;
        if (_injected.TryGetValue(address, out Queue<I2cTransferStatus>? queue) && queue.Count > 0)
        {
            I2cTransferStatus status = queue.Dequeue();
            Wire(status == I2cTransferStatus.ClockStretchTimeout ? ClockStretchTimeoutUs : BitsMicroseconds(10));
            FailedTransfers++;
            return status;
        }

        if (_unplugged.Contains(address) || !_devices.TryGetValue(address, out RegisterDevice? device))
        {
            Wire(BitsMicroseconds(10)); // start, address byte, the missing acknowledge
            FailedTransfers++;
            return I2cTransferStatus.SlaveAddressNotAcknowledged;
        }

        if (writeCount == 0 || write == null)
        {
            // a bare read has no register address: the drivers never do it, so neither does this model
            Wire(BitsMicroseconds(10));
            FailedTransfers++;
            return I2cTransferStatus.UnknownError;
        }

        // start + address + bytes, each byte 9 bits with its acknowledge; a read adds a repeated start and address
        int bytes = 1 + writeCount + (readCount > 0 ? 1 + readCount : 0);
        Wire(BitsMicroseconds(bytes * 9 + 2));
        byte register = write[writeOffset];
        if (writeCount > 1)
        {
            device.Write(register, write, writeOffset + 1, writeCount - 1);
        }

        if (readCount > 0 && read != null)
        {
            device.Read(register, read, readOffset, readCount);
        }

        BytesMoved += writeCount + readCount;
        transferred = writeCount + readCount;
        return I2cTransferStatus.FullTransfer;
    }

    private long BitsMicroseconds(int bits) => _clockHz <= 0 ? 0 : (bits * 1_000_000L + _clockHz - 1) / _clockHz;

    private void Wire(long microseconds)
    {
        BusyMicroseconds += microseconds;
        _clock.Advance(microseconds);
    }

    private sealed class Target(SimulatedI2cBus bus, int address) : II2cTarget
    {
        public I2cTransferStatus Transfer(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset,
            int readCount, out int bytesTransferred) =>
            bus.Transfer(address, write, writeOffset, writeCount, read, readOffset, readCount, out bytesTransferred);

        public void Close()
        {
        }
    }
}
