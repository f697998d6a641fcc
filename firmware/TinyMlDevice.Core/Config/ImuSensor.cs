namespace TinyMlDevice.Core
{
    /// <summary>Which IMU driver runs (imu.sensor); Auto picks it by WHO_AM_I.</summary>
    public enum ImuSensor
    {
        Auto = 0,
        Mpu6050 = 1,
        Lsm6ds3 = 2,
    }
}
