using System.Device.Gpio;
using System.Device.I2c;
using System.Device.I2s;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Hardware.Esp32;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// The facades compile the firmware on Linux; without a backend every call that would reach hardware says so.
public class FacadeTests
{
    [Fact]
    public void Without_an_I2C_backend_creating_a_device_says_only_the_simulator_provides_one()
    {
        NotSupportedException e = Assert.Throws<NotSupportedException>(
            () => I2cDevice.Create(new I2cConnectionSettings(1, 0x68, I2cBusSpeed.FastMode)));

        Assert.Equal("no I2C backend: this facade only compiles firmware on Linux; the simulator installs one", e.Message);
    }

    [Fact]
    public void Without_backends_the_other_peripherals_refuse_the_same_way()
    {
        Assert.StartsWith("no I2S backend:", Assert.Throws<NotSupportedException>(() => new I2sDevice(new I2sConnectionSettings(1))).Message);
        Assert.StartsWith("no GPIO backend:", Assert.Throws<NotSupportedException>(() => new GpioController().OpenPin(2, PinMode.Output)).Message);
        Assert.StartsWith("no ESP32 pin configuration backend:",
            Assert.Throws<NotSupportedException>(() => Configuration.SetPinFunction(18, DeviceFunction.I2C1_DATA)).Message);
        Assert.StartsWith("no Bluetooth backend:", Assert.Throws<NotSupportedException>(() => BluetoothLEServer.Instance.Start()).Message);
        Assert.StartsWith("no resource backend:", Assert.Throws<NotSupportedException>(
            () => nanoFramework.Runtime.Native.ResourceUtility.GetObject(
                new System.Resources.ResourceManager("TinyMlDevice.Resources", typeof(Program).Assembly), I2cBusSpeed.FastMode)).Message);
    }

    [Fact]
    public void A_backend_installed_for_a_scope_is_gone_after_it()
    {
        using (new Rig())
        {
            Assert.NotNull(Facades.Backends.I2cBackend.Current);
        }

        Assert.Null(Facades.Backends.I2cBackend.Current);
    }

    [Fact]
    public void WriteRead_is_one_transaction_and_its_result_carries_status_and_byte_count()
    {
        using Rig rig = new();
        rig.Bus.Attach(0x68, new Mpu6050Fake(rig.Clock));
        using I2cDevice device = I2cDevice.Create(new I2cConnectionSettings(1, 0x68, I2cBusSpeed.FastMode));
        byte[] read = new byte[1];

        I2cTransferResult result = device.WriteRead(new byte[] { 0x75 }, read);

        Assert.Equal(I2cTransferStatus.FullTransfer, result.Status);
        Assert.Equal(2u, result.BytesTransferred);
        Assert.Equal(0x68, read[0]);
        Assert.Single(rig.Bus.Transfers);
    }

    [Fact]
    public void SpanByte_slices_address_the_underlying_array()
    {
        byte[] bytes = { 0, 1, 2, 3, 4, 5 };
        SpanByte span = new(bytes, 1, 4);

        SpanByte tail = span.Slice(2);
        tail[0] = 99;

        Assert.Equal(2, tail.Length);
        Assert.Equal(99, bytes[3]);
        Assert.Equal(new byte[] { 1, 2 }, span.Slice(0, 2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpanByte(bytes, 1, 4).Slice(3, 2));
    }
}
