using System.Device.I2c;
using TinyMlDevice.Core;
using TinyMlDevice.Imu;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// The MPU6050 FIFO reader against a register-level MPU6050.
public class Mpu6050FifoTests
{
    private static (Rig Rig, Mpu6050Fake Sensor, FifoImu Imu) Started(int odrHz = 1000, int rangeG = 4, int axes = 3)
    {
        Rig rig = new();
        Mpu6050Fake sensor = new(rig.Clock);
        rig.Bus.Attach(0x68, sensor);
        FifoImu imu = ImuDetector.Detect(Configs.Imu("mpu6050", odrHz, rangeG, axes), rig.Clock);
        return (rig, sensor, imu);
    }

    [Fact]
    public void Start_sets_1_kHz_at_4_g_with_only_the_accelerometer_in_the_running_FIFO()
    {
        (Rig rig, Mpu6050Fake sensor, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            Assert.Equal(1, sensor.Resets);
            Assert.Equal(0x01, sensor.Register(Mpu6050Registers.PWR_MGMT_1));
            Assert.Equal(0x00, sensor.Register(Mpu6050Registers.CONFIG));
            Assert.Equal(7, sensor.Register(Mpu6050Registers.SMPLRT_DIV));
            Assert.Equal(0x08, sensor.Register(Mpu6050Registers.ACCEL_CONFIG));
            Assert.Equal(0x08, sensor.Register(Mpu6050Registers.FIFO_EN));
            Assert.Equal(0x40, sensor.Register(Mpu6050Registers.USER_CTRL));
            Assert.Equal(0x10, sensor.Register(Mpu6050Registers.INT_ENABLE));
            Assert.Equal(1000, imu.SampleRate);
            Assert.Equal(4f, imu.FullScaleG);
            Assert.Equal(3, imu.Axes);
        }
    }

    [Theory]
    [InlineData(1000, 7)]
    [InlineData(500, 15)]
    [InlineData(333, 24)]
    [InlineData(10, 249)]
    public void The_divider_gives_the_whole_hertz_rate_of_8_kHz_over_n_nearest_the_one_asked(int asked, int divider)
    {
        Assert.Equal(divider, Mpu6050Fifo.RateDivider(asked));
    }

    [Fact]
    public void The_rate_reported_is_the_one_the_sensor_runs_at()
    {
        (Rig rig, Mpu6050Fake sensor, FifoImu imu) = Started(odrHz: 333);
        using (rig)
        using (imu)
        {
            Assert.Equal(320, imu.SampleRate);
            Assert.Equal(24, sensor.Register(Mpu6050Registers.SMPLRT_DIV));
        }
    }

    [Fact]
    public void Samples_come_out_in_order_decoded_from_big_endian()
    {
        (Rig rig, Mpu6050Fake _, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(100);
            short[] buffer = new short[3 * 512];

            int read = imu.Read(buffer, 0, 512);

            Assert.Equal(100, read);
            for (int i = 0; i < read; i++)
            {
                Assert.Equal(AccelSignal.X(i), buffer[3 * i]);
                Assert.Equal(AccelSignal.Y(i), buffer[3 * i + 1]);
                Assert.Equal(AccelSignal.Z(i), buffer[3 * i + 2]);
            }
        }
    }

    [Fact]
    public void The_FIFO_is_read_in_bursts_of_at_most_40_samples()
    {
        (Rig rig, Mpu6050Fake _, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(150);
            int before = rig.Bus.Transfers.Count;

            Assert.Equal(150, imu.Read(new short[3 * 512], 0, 512));

            var bursts = rig.Bus.Transfers.Skip(before).Where(t => t.Read > 2).Select(t => t.Read).ToArray();
            Assert.Equal(new[] { 240, 240, 240, 180 }, bursts);
        }
    }

    [Fact]
    public void Read_takes_no_more_than_asked_and_the_rest_waits_in_the_FIFO()
    {
        (Rig rig, Mpu6050Fake _, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(50);
            short[] buffer = new short[3 * 64];

            Assert.Equal(10, imu.Read(buffer, 0, 10));
            Assert.Equal(40, imu.Read(buffer, 30, 64));
            Assert.Equal(AccelSignal.X(10), buffer[30]);
        }
    }

    [Theory]
    [InlineData(1, new[] { 2 })]
    [InlineData(2, new[] { 0, 1 })]
    public void Fewer_axes_keep_z_alone_or_x_and_y(int axes, int[] expectedAxes)
    {
        (Rig rig, Mpu6050Fake _, FifoImu imu) = Started(axes: axes);
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(20);
            short[] buffer = new short[64];

            int read = imu.Read(buffer, 0, 20);

            Assert.Equal(axes, imu.Axes);
            for (int i = 0; i < read; i++)
            {
                for (int a = 0; a < axes; a++)
                {
                    Assert.Equal(AccelSignal.Axis(i, expectedAxes[a]), buffer[i * axes + a]);
                }
            }
        }
    }

    [Fact]
    public void An_overflow_is_reported_once_and_the_stream_resumes_from_an_emptied_FIFO()
    {
        (Rig rig, Mpu6050Fake sensor, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(300); // 1800 bytes into a 1024-byte FIFO
            short[] buffer = new short[3 * 512];

            SensorFaultException fault = Assert.Throws<SensorFaultException>(() => imu.Read(buffer, 0, 512));
            Assert.StartsWith("imu: MPU6050 fifo-overflow:", fault.Message);
            Assert.Equal(0, sensor.FifoBytes);
            Assert.False(imu.Faulted);

            long first = sensor.SamplesProduced;
            rig.Clock.Advance(20);
            int read = imu.Read(buffer, 0, 512);
            Assert.Equal(20, read);
            Assert.Equal(AccelSignal.X(first), buffer[0]);
            Assert.Equal(AccelSignal.Z(first + 19), buffer[3 * 19 + 2]);
        }
    }

    [Fact]
    public void An_overflow_found_again_before_any_sample_was_taken_is_the_same_gap_and_not_reported_twice()
    {
        (Rig rig, Mpu6050Fake sensor, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            short[] buffer = new short[3 * 512];
            rig.Clock.Advance(300);
            Assert.Throws<SensorFaultException>(() => imu.Read(buffer, 0, 512));

            rig.Clock.Advance(1000); // the caller backed off for a second: the FIFO overflowed again
            Assert.Equal(0, imu.Read(buffer, 0, 512));
            Assert.Equal(0, sensor.FifoBytes);

            rig.Clock.Advance(20);
            Assert.Equal(20, imu.Read(buffer, 0, 512));
            rig.Clock.Advance(300);
            Assert.Throws<SensorFaultException>(() => imu.Read(buffer, 0, 512)); // a new gap is reported
        }
    }

    [Fact]
    public void DiscardBacklog_empties_the_FIFO_without_a_fault()
    {
        (Rig rig, Mpu6050Fake sensor, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(500);

            imu.DiscardBacklog();

            Assert.Equal(0, sensor.FifoBytes);
            rig.Clock.Advance(10);
            Assert.Equal(10, imu.Read(new short[3 * 64], 0, 64));
        }
    }

    [Fact]
    public void A_NACK_that_clears_within_three_attempts_is_retried_unseen()
    {
        (Rig rig, Mpu6050Fake _, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Clock.Advance(10);
            rig.Bus.FailNext(0x68, 2, I2cTransferStatus.SlaveAddressNotAcknowledged);
            short[] buffer = new short[3 * 64];

            int read = imu.Read(buffer, 0, 64);

            Assert.Equal(12, read); // the two 1 ms pauses between attempts let two more samples in
            Assert.Equal(AccelSignal.X(11), buffer[3 * 11]);
            Assert.False(imu.Faulted);
        }
    }

    [Fact]
    public void A_bus_error_that_persists_through_three_attempts_is_a_named_fault()
    {
        (Rig rig, Mpu6050Fake _, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            rig.Bus.FailNext(0x68, 3, I2cTransferStatus.ClockStretchTimeout);

            SensorFaultException fault = Assert.Throws<SensorFaultException>(() => imu.Read(new short[192], 0, 64));

            Assert.Equal("imu: i2c clock-stretch-timeout after 3 attempts reading register 0x3A at address 0x68", fault.Message);
            Assert.True(imu.Faulted);
        }
    }

    [Fact]
    public void An_unplugged_sensor_is_reported_then_reinitialised_once_it_answers_again()
    {
        (Rig rig, Mpu6050Fake sensor, FifoImu imu) = Started();
        using (rig)
        using (imu)
        {
            short[] buffer = new short[3 * 64];
            rig.Bus.Unplugged.Add(0x68);
            Assert.Throws<SensorFaultException>(() => imu.Read(buffer, 0, 64));

            int transfers = rig.Bus.Transfers.Count;
            rig.Clock.Advance(500);
            Assert.Equal(0, imu.Read(buffer, 0, 64)); // inside the re-init interval: quiet, no bus traffic
            Assert.Equal(transfers, rig.Bus.Transfers.Count);

            rig.Clock.Advance(500);
            SensorFaultException again = Assert.Throws<SensorFaultException>(() => imu.Read(buffer, 0, 64));
            Assert.Contains("address-nack", again.Message);

            rig.Bus.Unplugged.Clear();
            rig.Clock.Advance(1000);
            Assert.Equal(0, imu.Read(buffer, 0, 64)); // re-initialised: a fresh FIFO
            Assert.False(imu.Faulted);
            Assert.Equal(2, sensor.Resets);

            rig.Clock.Advance(20);
            Assert.Equal(20, imu.Read(buffer, 0, 64));
        }
    }

    [Fact]
    public void A_range_the_part_lacks_is_refused_before_the_bus_is_touched()
    {
        SensorFaultException fault = Assert.Throws<SensorFaultException>(() => Mpu6050Fifo.RangeBits(3));
        Assert.Equal("imu: MPU6050 has no ±3 g range (2, 4, 8 or 16)", fault.Message);
    }
}
