using TinyMlDevice.Core;
using TinyMlDevice.Imu;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// The LSM6DS3 FIFO reader against a register-level LSM6DS3.
public class Lsm6ds3FifoTests
{
    private static (Rig Rig, Lsm6ds3Fake Sensor, FifoImu Imu) Started(int odrHz = 1666, int rangeG = 16)
    {
        Rig rig = new();
        Lsm6ds3Fake sensor = new(rig.Clock);
        rig.Bus.Attach(0x6A, sensor);
        FifoImu imu = ImuDetector.Detect(Configs.Imu("lsm6ds3", odrHz, rangeG), rig.Clock);
        return (rig, sensor, imu);
    }

    [Fact]
    public void Start_sets_rate_and_range_and_runs_the_FIFO_continuously_with_the_accelerometer_only()
    {
        (Rig rig, Lsm6ds3Fake sensor, FifoImu imu) = Started(odrHz: 6664, rangeG: 16);
        using (rig)
        using (imu)
        {
            Assert.Equal(0x44, sensor.Register(Lsm6ds3Registers.CTRL3_C));
            Assert.Equal((10 << 4) | 0x04, sensor.Register(Lsm6ds3Registers.CTRL1_XL));
            Assert.Equal(0x00, sensor.Register(Lsm6ds3Registers.CTRL2_G));
            Assert.Equal(0x01, sensor.Register(Lsm6ds3Registers.FIFO_CTRL3));
            Assert.Equal((10 << 3) | 0x06, sensor.Register(Lsm6ds3Registers.FIFO_CTRL5));
            Assert.Equal(6664, imu.SampleRate);
        }
    }

    [Theory]
    [InlineData(1000, 833)]
    [InlineData(1300, 1666)]
    [InlineData(1250, 1666)]
    [InlineData(10, 26)]
    [InlineData(6664, 6664)]
    public void The_rate_is_the_output_data_rate_nearest_the_one_asked(int asked, int rate)
    {
        Lsm6ds3Fifo.RateCode(asked, out int actual);
        Assert.Equal(rate, actual);
    }

    [Theory]
    [InlineData(2, 0x00)]
    [InlineData(4, 0x08)]
    [InlineData(8, 0x0C)]
    [InlineData(16, 0x04)]
    public void Ranges_use_the_parts_own_FS_XL_codes(int rangeG, int bits)
    {
        Assert.Equal(bits, Lsm6ds3Fifo.RangeBits(rangeG));
    }

    [Fact]
    public void Samples_come_out_in_order_decoded_from_little_endian_words()
    {
        (Rig rig, Lsm6ds3Fake sensor, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(30);
            short[] buffer = new short[3 * 512];

            int read = imu.Read(buffer, 0, 512);

            Assert.Equal(sensor.SamplesProduced, read);
            Assert.InRange(read, 49, 50);
            for (int i = 0; i < read; i++)
            {
                Assert.Equal(AccelSignal.X(i), buffer[3 * i]);
                Assert.Equal(AccelSignal.Y(i), buffer[3 * i + 1]);
                Assert.Equal(AccelSignal.Z(i), buffer[3 * i + 2]);
            }
        }
    }

    [Fact]
    public void One_status_read_then_bursts_from_FIFO_DATA_OUT_L()
    {
        (Rig rig, Lsm6ds3Fake _, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(30);
            int before = rig.Bus.Transfers.Count;

            int read = imu.Read(new short[3 * 512], 0, 512);

            var reads = rig.Bus.Transfers.Skip(before).Select(t => t.Read).ToArray();
            Assert.Equal(4, reads[0]);
            Assert.Equal(read * 6, reads.Skip(1).Sum());
            Assert.All(reads.Skip(1), r => Assert.True(r <= 240));
        }
    }

    [Fact]
    public void An_overrun_is_reported_once_and_the_stream_resumes_from_an_emptied_FIFO()
    {
        (Rig rig, Lsm6ds3Fake sensor, FifoImu imu) = Started(odrHz: 6664);
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(300); // about 2000 samples into a FIFO of 1365
            short[] buffer = new short[3 * 512];

            SensorFaultException fault = Assert.Throws<SensorFaultException>(() => imu.Read(buffer, 0, 512));
            Assert.StartsWith("imu: LSM6DS3 fifo-overflow: 8 KB FIFO overran", fault.Message);

            long first = sensor.SamplesProduced;
            rig.Clock.Advance(3);
            int read = imu.Read(buffer, 0, 512);
            Assert.Equal(sensor.SamplesProduced - first, read);
            Assert.True(read > 0);
            Assert.Equal(AccelSignal.X(first), buffer[0]);
        }
    }

    [Fact]
    public void A_FIFO_out_of_step_is_restarted_rather_than_read_with_the_axes_shifted()
    {
        (Rig rig, Lsm6ds3Fake sensor, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(10);
            sensor.DropOneWord();
            short[] buffer = new short[3 * 64];

            SensorFaultException fault = Assert.Throws<SensorFaultException>(() => imu.Read(buffer, 0, 64));
            Assert.Contains("out of step", fault.Message);

            long first = sensor.SamplesProduced;
            rig.Clock.Advance(10);
            int read = imu.Read(buffer, 0, 64);
            Assert.True(read > 0);
            Assert.Equal(AccelSignal.X(first), buffer[0]);
            Assert.Equal(AccelSignal.Y(first), buffer[1]);
        }
    }
}
