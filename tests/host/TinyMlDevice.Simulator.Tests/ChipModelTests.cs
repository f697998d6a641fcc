using System.Device.I2c;
using TinyMlDevice.Simulator.Bus;
using TinyMlDevice.Simulator.Sensors;

namespace TinyMlDevice.Simulator.Tests;

// The simulated chips register by register, as a FIFO reader sees them over the bus.
public class ChipModelTests
{
    // 1000 Hz, x = 0.5 g, y = −0.25 g, z = 1 g + a ramp of 1 mg per sample
    private static VibrationRecording Ramp(double rateHz) => VibrationRecording.Parse(new StringReader(
        $"# sample_rate_hz={rateHz}\nx,y,z\n" + string.Concat(Enumerable.Range(0, 4000).Select(i => $"0.5,-0.25,{1 + i * 0.001}\n"))), "ramp");

    private static byte Read(SimulatedI2cBus bus, int address, byte register)
    {
        byte[] value = new byte[1];
        Transfer(bus, address, new[] { register }, value);
        return value[0];
    }

    private static void Write(SimulatedI2cBus bus, int address, byte register, byte value) =>
        Assert.Equal(I2cTransferStatus.FullTransfer, Transfer(bus, address, new[] { register, value }, Array.Empty<byte>()));

    private static I2cTransferStatus Transfer(SimulatedI2cBus bus, int address, byte[] write, byte[] read) =>
        bus.Open(1, address, I2cBusSpeed.FastMode).Transfer(write, 0, write.Length, read, 0, read.Length, out _);

    [Fact]
    public void MPU6050_answers_WHO_AM_I_and_fills_its_FIFO_big_endian_at_the_sample_rate()
    {
        VirtualClock clock = new();
        SimulatedI2cBus bus = new(clock, 0);
        bus.Attach(0x68, new Mpu6050Model(clock, Ramp(1000)));
        Assert.Equal(0x68, Read(bus, 0x68, 0x75));

        Write(bus, 0x68, 0x6B, 0x01); // awake
        Write(bus, 0x68, 0x1A, 0x00); // DLPF off: 8 kHz base
        Write(bus, 0x68, 0x19, 7); // ÷ 8 = 1 kHz
        Write(bus, 0x68, 0x1C, 0x08); // ±4 g: 8192 LSB/g
        Write(bus, 0x68, 0x23, 0x08); // accel into the FIFO
        Write(bus, 0x68, 0x6A, 0x44); // FIFO on, reset
        clock.Advance(10_000);

        byte[] count = new byte[2];
        Transfer(bus, 0x68, new byte[] { 0x72 }, count);
        Assert.Equal(60, (count[0] << 8) | count[1]); // 10 samples of 6 bytes
        byte[] sample = new byte[6];
        Transfer(bus, 0x68, new byte[] { 0x74 }, sample);
        Assert.Equal(4096, (short)((sample[0] << 8) | sample[1]));
        Assert.Equal(-2048, (short)((sample[2] << 8) | sample[3]));
        Assert.Equal(8192 + 8, (short)((sample[4] << 8) | sample[5])); // sample 1 at 1 ms: 1.001 g
    }

    [Fact]
    public void MPU6050_FIFO_overflows_after_170_samples_and_says_so_once_in_INT_STATUS()
    {
        VirtualClock clock = new();
        SimulatedI2cBus bus = new(clock, 0);
        Mpu6050Model chip = new(clock, Ramp(1000));
        bus.Attach(0x68, chip);
        Write(bus, 0x68, 0x6B, 0x01);
        Write(bus, 0x68, 0x19, 7);
        Write(bus, 0x68, 0x38, 0x10); // overflow interrupt on
        Write(bus, 0x68, 0x23, 0x08);
        Write(bus, 0x68, 0x6A, 0x44);

        clock.Advance(170_000);
        Assert.Equal(0, Read(bus, 0x68, 0x3A) & 0x10);
        clock.Advance(1_000);
        Assert.Equal(0x10, Read(bus, 0x68, 0x3A) & 0x10);
        Assert.Equal(0, Read(bus, 0x68, 0x3A) & 0x10); // cleared by the read
        Assert.Equal(1024, chip.FifoBytes);
        Assert.Equal(1, chip.Overflows);
    }

    [Fact]
    public void LSM6DS3_FIFO_bursts_little_endian_words_rolling_back_from_0x3F_to_0x3E()
    {
        VirtualClock clock = new();
        SimulatedI2cBus bus = new(clock, 0);
        bus.Attach(0x6A, new Lsm6ds3Model(clock, Ramp(1666)));
        Assert.Equal(0x69, Read(bus, 0x6A, 0x0F));

        Write(bus, 0x6A, 0x10, 0x84); // 1.66 kHz, ±16 g (0.488 mg/LSB)
        Write(bus, 0x6A, 0x08, 0x01); // accelerometer into the FIFO
        Write(bus, 0x6A, 0x0A, (8 << 3) | 0x06); // FIFO at 1.66 kHz, continuous
        clock.Advance(3_000);

        byte[] status = new byte[4];
        Transfer(bus, 0x6A, new byte[] { 0x3A }, status);
        Assert.Equal(12, status[0]); // samples 1 to 4 × 3 words (sample 0 came before the FIFO ran)
        Assert.Equal(0x00, status[1] & 0x70);
        byte[] burst = new byte[12];
        Transfer(bus, 0x6A, new byte[] { 0x3E }, burst);
        Assert.Equal(1025, BitConverter.ToInt16(burst, 0)); // 0.5 g / 0.488 mg
        Assert.Equal(-512, BitConverter.ToInt16(burst, 2));
        Assert.Equal(2051, BitConverter.ToInt16(burst, 4)); // 1.001 g
        Assert.Equal(1025, BitConverter.ToInt16(burst, 6)); // the next sample's x
    }

    [Fact]
    public void LSM6DS3_continuous_FIFO_overruns_after_4096_words_and_bypass_empties_it()
    {
        VirtualClock clock = new();
        SimulatedI2cBus bus = new(clock, 0);
        Lsm6ds3Model chip = new(clock, Ramp(6664));
        bus.Attach(0x6A, chip);
        Write(bus, 0x6A, 0x10, 0xA4);
        Write(bus, 0x6A, 0x08, 0x01);
        Write(bus, 0x6A, 0x0A, (10 << 3) | 0x06);

        clock.Advance(210_000); // 1399 samples > 1365
        Assert.Equal(0x40, Read(bus, 0x6A, 0x3B) & 0x40);
        Assert.True(chip.SamplesOverwritten > 0);
        Write(bus, 0x6A, 0x0A, 0x00);
        Assert.Equal(0x10, Read(bus, 0x6A, 0x3B) & 0x70); // empty, no overrun
    }

    [Fact]
    public void An_unplugged_chip_NACKs_and_comes_back_in_its_power_on_state()
    {
        VirtualClock clock = new();
        SimulatedI2cBus bus = new(clock, 400_000);
        bus.Attach(0x6A, new Lsm6ds3Model(clock, null));
        Write(bus, 0x6A, 0x10, 0xA4);

        bus.Unplug(0x6A);
        Assert.Equal(I2cTransferStatus.SlaveAddressNotAcknowledged, Transfer(bus, 0x6A, new byte[] { 0x0F }, new byte[1]));
        bus.PlugIn(0x6A);

        Assert.Equal(0x00, Read(bus, 0x6A, 0x10));
        Assert.Equal(0x69, Read(bus, 0x6A, 0x0F));
        long before = clock.Microseconds;
        Read(bus, 0x6A, 0x0F);
        Assert.Equal(95, clock.Microseconds - before); // address, register, address again, data: 4 × 9 bits + 2 at 400 kHz
    }
}
