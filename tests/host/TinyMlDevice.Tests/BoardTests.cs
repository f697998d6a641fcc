using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
using TinyMlDevice.Board;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// Pin routing from nf.config and the status LED.
public class BoardTests
{
    [Fact]
    public void The_default_config_routes_I2C1_and_the_I2S_microphone_to_nf_configs_pins()
    {
        using Rig rig = new();

        BoardPins.Apply(Configs.Parse(File.ReadAllText(Repo.Path("nf.config"))));

        Assert.Equal(new Dictionary<int, DeviceFunction>
        {
            [18] = DeviceFunction.I2C1_DATA,
            [19] = DeviceFunction.I2C1_CLOCK,
            [26] = DeviceFunction.I2S1_BCK,
            [25] = DeviceFunction.I2S1_WS,
            [33] = DeviceFunction.I2S1_MDATA_IN,
        }, rig.PinFunctions.Functions);
    }

    [Fact]
    public void A_PDM_microphone_takes_its_clock_on_WS_and_gets_no_bit_clock()
    {
        using Rig rig = new();

        BoardPins.Apply(Configs.Parse("[microphone]\ninterface = pdm\nws_pin = 22\ndata_pin = 21\n"));

        Assert.Equal(DeviceFunction.I2S1_WS, rig.PinFunctions.Functions[22]);
        Assert.Equal(DeviceFunction.I2S1_MDATA_IN, rig.PinFunctions.Functions[21]);
        Assert.DoesNotContain(DeviceFunction.I2S1_BCK, rig.PinFunctions.Functions.Values);
    }

    [Fact]
    public void The_IMU_on_bus_2_uses_the_I2C2_functions()
    {
        using Rig rig = new();

        BoardPins.Apply(Configs.Parse("[imu]\ni2c_bus = 2\ndata_pin = 4\nclock_pin = 5\n"));

        Assert.Equal(DeviceFunction.I2C2_DATA, rig.PinFunctions.Functions[4]);
        Assert.Equal(DeviceFunction.I2C2_CLOCK, rig.PinFunctions.Functions[5]);
    }

    [Fact]
    public void The_LED_flashes_50_ms_a_second_when_healthy_and_blinks_fast_on_a_fault()
    {
        using Rig rig = new();
        using StatusLed led = new(2);

        bool[] healthy = new[] { 0L, 49, 50, 999, 1000 }.Select(t => { led.Update(t, false); return led.IsOn; }).ToArray();
        bool[] faulted = new[] { 0L, 149, 150, 299, 300 }.Select(t => { led.Update(t, true); return led.IsOn; }).ToArray();

        Assert.Equal(new[] { true, true, false, false, true }, healthy);
        Assert.Equal(new[] { true, true, false, false, true }, faulted);
        Assert.Equal(PinMode.Output, rig.Gpio.Modes[2]);
    }

    [Fact]
    public void The_LED_pin_is_written_only_when_its_state_changes()
    {
        using Rig rig = new();
        using StatusLed led = new(2);

        for (long t = 0; t < 2000; t += 10)
        {
            led.Update(t, false);
        }

        // the initial Low, then on and off twice
        Assert.Equal(5, rig.Gpio.Written.Count);
    }

    [Fact]
    public void Without_an_LED_pin_no_GPIO_is_touched()
    {
        using Rig rig = new();
        using StatusLed led = new(-1);

        led.Update(0, true);

        Assert.Empty(rig.Gpio.Modes);
        Assert.Empty(rig.Gpio.Written);
    }

    [Fact]
    public void The_memory_report_names_the_managed_free_bytes_and_the_internal_native_heap()
    {
        using Rig rig = new();

        Assert.Equal("memory: managed free 31000 B; native internal 90000 B free of 200000 B, largest block 60000 B",
            MemoryReport.Line());
        Assert.Equal(1, rig.Memory.Collections);
    }
}
