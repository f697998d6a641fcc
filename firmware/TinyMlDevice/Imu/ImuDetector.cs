using System;
using System.Device.I2c;
using TinyMlDevice.Core;

namespace TinyMlDevice.Imu
{
    /// <summary>
    /// Finds the IMU of nf.config [imu] by WHO_AM_I: an MPU6050 answers 0x68 in register 0x75 at address 0x68 or 0x69,
    /// an LSM6DS3 answers 0x69 in register 0x0F at 0x6A or 0x6B (the address ranges do not overlap). sensor = auto
    /// tries the MPU6050 first, then the LSM6DS3; the error lists what every address answered.
    /// </summary>
    public static class ImuDetector
    {
        /// <summary>400 kHz: both parts support it, and FIFO bursts need it above a few hundred hertz.</summary>
        public const I2cBusSpeed BusSpeed = I2cBusSpeed.FastMode;

        /// <summary>The driver for the sensor found, configured and streaming. Throws SensorFaultException.</summary>
        public static FifoImu Detect(ImuSettings settings, IDeviceClock clock)
        {
            string answers = "";
            if (settings.Sensor != ImuSensor.Lsm6ds3)
            {
                FifoImu found = Probe(settings, clock, Mpu6050Registers.DefaultAddress, ImuSensor.Mpu6050, ref answers);
                if (found == null)
                {
                    found = Probe(settings, clock, Mpu6050Registers.AlternateAddress, ImuSensor.Mpu6050, ref answers);
                }

                if (found != null)
                {
                    return Started(found);
                }
            }

            if (settings.Sensor != ImuSensor.Mpu6050)
            {
                FifoImu found = Probe(settings, clock, Lsm6ds3Registers.DefaultAddress, ImuSensor.Lsm6ds3, ref answers);
                if (found == null)
                {
                    found = Probe(settings, clock, Lsm6ds3Registers.AlternateAddress, ImuSensor.Lsm6ds3, ref answers);
                }

                if (found != null)
                {
                    return Started(found);
                }
            }

            throw new SensorFaultException(FifoImu.SensorName, "no " + PartName(settings.Sensor) + " found on I2C bus "
                + settings.I2cBus + ":" + answers);
        }

        private static FifoImu Probe(ImuSettings settings, IDeviceClock clock, int address, ImuSensor part, ref string answers)
        {
            byte register = part == ImuSensor.Mpu6050 ? Mpu6050Registers.WHO_AM_I : Lsm6ds3Registers.WHO_AM_I;
            byte expected = part == ImuSensor.Mpu6050 ? Mpu6050Registers.WhoAmIValue : Lsm6ds3Registers.WhoAmIValue;
            RegisterBus bus = new RegisterBus(settings.I2cBus, address, BusSpeed, clock, FifoImu.SensorName);
            byte identity;
            try
            {
                identity = bus.Read(register);
            }
            catch (SensorFaultException)
            {
                bus.Dispose();
                answers += " 0x" + address.ToString("X2") + " no answer;";
                return null;
            }

            if (identity != expected)
            {
                bus.Dispose();
                answers += " 0x" + address.ToString("X2") + " WHO_AM_I 0x" + identity.ToString("X2") + " (" + PartName(part)
                    + " is 0x" + expected.ToString("X2") + ");";
                return null;
            }

            try
            {
                if (part == ImuSensor.Mpu6050)
                {
                    return new Mpu6050Fifo(bus, clock, settings.OdrHz, settings.RangeG, settings.Axes);
                }

                return new Lsm6ds3Fifo(bus, clock, settings.OdrHz, settings.RangeG, settings.Axes);
            }
            catch (Exception)
            {
                bus.Dispose();
                throw;
            }
        }

        private static FifoImu Started(FifoImu imu)
        {
            try
            {
                imu.Start();
            }
            catch (Exception)
            {
                imu.Dispose();
                throw;
            }

            return imu;
        }

        private static string PartName(ImuSensor sensor)
        {
            switch (sensor)
            {
                case ImuSensor.Mpu6050:
                    return "MPU6050";
                case ImuSensor.Lsm6ds3:
                    return "LSM6DS3";
                default:
                    return "IMU (MPU6050 or LSM6DS3)";
            }
        }
    }
}
