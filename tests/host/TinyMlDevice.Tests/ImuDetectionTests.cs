using TinyMlDevice.Core;
using TinyMlDevice.Imu;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// Which driver runs is decided by WHO_AM_I at the addresses each part can have.
public class ImuDetectionTests
{
    [Theory]
    [InlineData(0x68)]
    [InlineData(0x69)]
    public void Auto_finds_an_MPU6050_by_WHO_AM_I_at_either_address(int address)
    {
        using Rig rig = new();
        rig.Bus.Attach(address, new Mpu6050Fake(rig.Clock));

        using FifoImu imu = ImuDetector.Detect(Configs.Imu("auto"), rig.Clock);

        Assert.IsType<Mpu6050Fifo>(imu);
        Assert.Equal(address, imu.Address);
        Assert.Equal(1000, imu.SampleRate);
    }

    [Theory]
    [InlineData(0x6A)]
    [InlineData(0x6B)]
    public void Auto_finds_an_LSM6DS3_by_WHO_AM_I_at_either_address(int address)
    {
        using Rig rig = new();
        rig.Bus.Attach(address, new Lsm6ds3Fake(rig.Clock));

        using FifoImu imu = ImuDetector.Detect(Configs.Imu("auto"), rig.Clock);

        Assert.IsType<Lsm6ds3Fifo>(imu);
        Assert.Equal(address, imu.Address);
    }

    [Fact]
    public void A_part_with_another_WHO_AM_I_is_not_taken_for_an_MPU6050_and_the_fault_says_what_answered()
    {
        using Rig rig = new();
        rig.Bus.Attach(0x68, new Mpu6050Fake(rig.Clock, whoAmI: 0x70)); // an MPU6500

        SensorFaultException fault = Assert.Throws<SensorFaultException>(() => ImuDetector.Detect(Configs.Imu("mpu6050"), rig.Clock));

        Assert.Equal("imu", fault.Sensor);
        Assert.Contains("0x68 WHO_AM_I 0x70 (MPU6050 is 0x68)", fault.Message);
        Assert.Contains("0x69 no answer", fault.Message);
    }

    [Fact]
    public void With_no_IMU_the_fault_lists_every_address_probed()
    {
        using Rig rig = new();

        SensorFaultException fault = Assert.Throws<SensorFaultException>(() => ImuDetector.Detect(Configs.Imu("auto"), rig.Clock));

        Assert.StartsWith("imu: no IMU (MPU6050 or LSM6DS3) found on I2C bus 1:", fault.Message);
        foreach (string address in new[] { "0x68", "0x69", "0x6A", "0x6B" })
        {
            Assert.Contains(address + " no answer", fault.Message);
        }
    }

    [Fact]
    public void Sensor_lsm6ds3_probes_only_the_LSM6DS3_addresses()
    {
        using Rig rig = new();
        rig.Bus.Attach(0x68, new Mpu6050Fake(rig.Clock));
        rig.Bus.Attach(0x6B, new Lsm6ds3Fake(rig.Clock));

        using FifoImu imu = ImuDetector.Detect(Configs.Imu("lsm6ds3"), rig.Clock);

        Assert.IsType<Lsm6ds3Fifo>(imu);
        Assert.DoesNotContain(rig.Bus.Transfers, t => t.Address == 0x68 || t.Address == 0x69);
    }

    [Fact]
    public void Probes_that_find_nothing_close_their_devices()
    {
        using Rig rig = new();
        rig.Bus.Attach(0x6A, new Lsm6ds3Fake(rig.Clock));

        using FifoImu imu = ImuDetector.Detect(Configs.Imu("auto"), rig.Clock);

        Assert.Equal(rig.Bus.Opened - 1, rig.Bus.Closed);
    }
}
