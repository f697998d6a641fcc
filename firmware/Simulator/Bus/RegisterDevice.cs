namespace TinyMlDevice.Simulator.Bus;

/// <summary>
/// A chip on the simulated I2C bus, addressed register by register: every transfer the firmware makes starts with the
/// register address, then either data to write or (after a repeated start) bytes to read. The chip decides how its
/// register pointer moves (auto-increment, FIFO ports that do not advance).
/// </summary>
public abstract class RegisterDevice
{
    public abstract void Write(byte register, byte[] data, int offset, int count);

    public abstract void Read(byte register, byte[] buffer, int offset, int count);

    /// <summary>Power removed and restored: every register back to its power-on value.</summary>
    public abstract void PowerCycle();
}
