using System.Device.I2c;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Tests.Fakes;

/// <summary>A device on the fake bus: register reads and writes, the first written byte being the register address.</summary>
public abstract class RegisterDeviceFake
{
    public abstract void Write(byte register, byte[] data, int offset, int count);

    public abstract void Read(byte register, byte[] buffer, int offset, int count);
}

/// <summary>
/// An I2C controller with devices at addresses. Absent or unplugged addresses NACK; failures can be queued per address
/// (the next n transfers end with a given status). Every transfer is logged.
/// </summary>
public sealed class I2cBusFake : II2cController
{
    private readonly Dictionary<int, RegisterDeviceFake> _devices = new();
    private readonly Dictionary<int, Queue<I2cTransferStatus>> _failures = new();

    public HashSet<int> Unplugged { get; } = new();

    public List<(int Address, int Written, int Read, I2cTransferStatus Status)> Transfers { get; } = new();

    /// <summary>Every (register, value) written, per address, in order.</summary>
    public List<(int Address, byte Register, byte Value)> Writes { get; } = new();

    public int Opened { get; private set; }

    public int Closed { get; private set; }

    public void Attach(int address, RegisterDeviceFake device) => _devices[address] = device;

    public void FailNext(int address, int count, I2cTransferStatus status)
    {
        if (!_failures.TryGetValue(address, out Queue<I2cTransferStatus>? queue))
        {
            _failures[address] = queue = new Queue<I2cTransferStatus>();
        }

        for (int i = 0; i < count; i++)
        {
            queue.Enqueue(status);
        }
    }

    public II2cTarget Open(int busId, int deviceAddress, I2cBusSpeed busSpeed)
    {
        Opened++;
        return new Target(this, deviceAddress);
    }

    private I2cTransferStatus Transfer(int address, byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset,
        int readCount, out int transferred)
    {
        I2cTransferStatus status = Run(address, write, writeOffset, writeCount, read, readOffset, readCount);
        transferred = status == I2cTransferStatus.FullTransfer ? writeCount + readCount : 0;
        Transfers.Add((address, writeCount, readCount, status));
        return status;
    }

    private I2cTransferStatus Run(int address, byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset,
        int readCount)
    {
        if (_failures.TryGetValue(address, out Queue<I2cTransferStatus>? queue) && queue.Count > 0)
        {
            return queue.Dequeue();
        }

        if (Unplugged.Contains(address) || !_devices.TryGetValue(address, out RegisterDeviceFake? device))
        {
            return I2cTransferStatus.SlaveAddressNotAcknowledged;
        }

        if (writeCount == 0)
        {
            return I2cTransferStatus.UnknownError; // the adapters always address a register first
        }

        byte register = write[writeOffset];
        for (int i = 1; i < writeCount; i++)
        {
            Writes.Add((address, (byte)(register + i - 1), write[writeOffset + i]));
        }

        if (writeCount > 1)
        {
            device.Write(register, write, writeOffset + 1, writeCount - 1);
        }

        if (readCount > 0)
        {
            device.Read(register, read, readOffset, readCount);
        }

        return I2cTransferStatus.FullTransfer;
    }

    private sealed class Target(I2cBusFake bus, int address) : II2cTarget
    {
        public I2cTransferStatus Transfer(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset,
            int readCount, out int bytesTransferred) =>
            bus.Transfer(address, write, writeOffset, writeCount, read, readOffset, readCount, out bytesTransferred);

        public void Close() => bus.Closed++;
    }
}
