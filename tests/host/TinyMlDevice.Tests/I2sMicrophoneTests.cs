using System.Device.I2s;
using TinyMlDevice.Audio;
using TinyMlDevice.Core;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// The microphone adapter against the I2S driver's byte layout (Bit16 + RightLeft: two little-endian slots per frame).
public class I2sMicrophoneTests
{
    private static I2sMicrophone Microphone(Rig rig, string microphoneInterface = "i2s") =>
        new(Configs.Microphone(microphoneInterface), new I2sMicrophoneOptions(), rig.Clock);

    [Fact]
    public void A_standard_I2S_microphone_opens_in_exactly_Master_Rx_with_16_bit_stereo_frames()
    {
        using Rig rig = new();
        using I2sMicrophone microphone = Microphone(rig);

        microphone.Start();

        I2sConnectionSettings opened = rig.I2s.Opened!;
        Assert.Equal(I2sMode.Master | I2sMode.Rx, opened.Mode);
        Assert.Equal(16000, opened.SampleRate);
        Assert.Equal(I2sBitsPerSample.Bit16, opened.BitsPerSample);
        Assert.Equal(I2sChannelFormat.RightLeft, opened.ChannelFormat);
        Assert.Equal(I2sCommunicationFormat.I2S, opened.CommunicationFormat);
        Assert.Equal(1, opened.BusId);
        Assert.Equal(8 * 256 * 8, opened.BufferSize); // 8 DMA buffers of 256 32-bit stereo frames: 128 ms
    }

    [Fact]
    public void A_PDM_microphone_opens_in_Master_Rx_Pdm()
    {
        using Rig rig = new();

        Assert.Equal(I2sMode.Master | I2sMode.Rx | I2sMode.Pdm,
            I2sMicrophone.ConnectionSettings(Configs.Microphone("pdm"), new I2sMicrophoneOptions()).Mode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Start_keeps_the_slot_the_microphone_drives_and_Read_drops_the_other(int slot)
    {
        using Rig rig = new();
        rig.I2s.Signal = (frame, s) => s == slot ? (short)(frame * 37 % 20000 - 10000) : (short)0;
        using I2sMicrophone microphone = Microphone(rig);
        microphone.Start();
        long frameAfterProbe = 16000 * 250 / 1000;

        rig.Clock.Advance(20);
        short[] pcm = new short[1024];
        int read = microphone.Read(pcm, 0, pcm.Length);

        Assert.Equal(slot, microphone.Slot);
        Assert.Equal(320, read);
        for (int i = 0; i < read; i++)
        {
            Assert.Equal(rig.I2s.Signal(frameAfterProbe + i, slot), pcm[i]);
        }
    }

    [Fact]
    public void Start_measures_the_rate_the_DMA_delivers()
    {
        using Rig rig = new();
        using I2sMicrophone microphone = Microphone(rig);

        microphone.Start();

        Assert.Equal(250, rig.Clock.Milliseconds);
        Assert.Equal(16000, microphone.MeasuredRateHz);
    }

    [Fact]
    public void A_rate_far_from_16_kHz_fails_start_up_with_the_measured_figure()
    {
        using Rig rig = new();
        rig.I2s.RateFactor = 0.5; // a driver that fills the DMA with half the frames asked for
        using I2sMicrophone microphone = Microphone(rig);

        SensorFaultException fault = Assert.Throws<SensorFaultException>(() => microphone.Start());

        Assert.Equal("microphone", fault.Sensor);
        Assert.StartsWith("microphone: i2s-rate: measured 8000 Hz, expected 16000 Hz", fault.Message);
        Assert.False(microphone.Running);
        Assert.Equal(1, rig.I2s.Closed);
    }

    [Fact]
    public void PDM_without_data_within_the_probe_is_the_named_pdm_no_data_fault()
    {
        using Rig rig = new();
        rig.I2s.DataPinDropped = true; // what the firmware does to Master|Rx|Pdm: the data-in pin is not routed
        using I2sMicrophone microphone = Microphone(rig, "pdm");

        SensorFaultException fault = Assert.Throws<SensorFaultException>(() => microphone.Start());

        Assert.StartsWith("microphone: pdm-no-data: no signal within 250 ms in Master|Rx|Pdm mode", fault.Message);
    }

    [Fact]
    public void An_I2S_microphone_without_data_is_the_i2s_no_data_fault()
    {
        using Rig rig = new();
        rig.I2s.DataPinDropped = true;
        using I2sMicrophone microphone = Microphone(rig);

        SensorFaultException fault = Assert.Throws<SensorFaultException>(() => microphone.Start());

        Assert.StartsWith("microphone: i2s-no-data", fault.Message);
    }

    [Fact]
    public void Read_never_waits_for_the_DMA_it_takes_what_the_clock_says_is_there()
    {
        using Rig rig = new();
        using I2sMicrophone microphone = Microphone(rig);
        microphone.Start();
        short[] pcm = new short[1024];
        long now = rig.Clock.Milliseconds;

        Assert.Equal(0, microphone.Read(pcm, 0, pcm.Length));
        rig.Clock.Advance(5);
        Assert.Equal(80, microphone.Read(pcm, 0, pcm.Length));
        rig.Clock.Advance(50);
        Assert.Equal(I2sMicrophone.ChunkFrames, microphone.Read(pcm, 0, pcm.Length)); // at most 20 ms per call
        Assert.Equal(320, microphone.Read(pcm, 0, pcm.Length));
        Assert.Equal(160, microphone.Read(pcm, 0, pcm.Length));
        Assert.Equal(0, microphone.Read(pcm, 0, pcm.Length));
        Assert.Equal(now + 55, rig.Clock.Milliseconds);
    }

    [Fact]
    public void Reading_later_than_the_DMA_holds_is_an_overrun_fault_then_the_stream_goes_on()
    {
        using Rig rig = new();
        using I2sMicrophone microphone = Microphone(rig);
        microphone.Start();
        short[] pcm = new short[1024];

        rig.Clock.Advance(200);
        SensorFaultException fault = Assert.Throws<SensorFaultException>(() => microphone.Read(pcm, 0, pcm.Length));

        Assert.StartsWith("microphone: i2s-overrun: read 72 ms late", fault.Message);
        Assert.Equal(320, microphone.Read(pcm, 0, pcm.Length));
    }

    [Fact]
    public void Coming_late_again_before_any_audio_was_taken_is_the_same_gap_and_not_reported_twice()
    {
        using Rig rig = new();
        using I2sMicrophone microphone = Microphone(rig);
        microphone.Start();
        short[] pcm = new short[1024];

        rig.Clock.Advance(200);
        Assert.Throws<SensorFaultException>(() => microphone.Read(pcm, 0, pcm.Length));
        rig.Clock.Advance(1000); // the caller backed off

        Assert.Equal(320, microphone.Read(pcm, 0, pcm.Length));
        rig.Clock.Advance(200);
        Assert.Throws<SensorFaultException>(() => microphone.Read(pcm, 0, pcm.Length)); // a new gap is reported
    }

    [Fact]
    public void DiscardBacklog_resumes_without_an_overrun()
    {
        using Rig rig = new();
        using I2sMicrophone microphone = Microphone(rig);
        microphone.Start();
        rig.Clock.Advance(1000);

        microphone.DiscardBacklog();

        Assert.Equal(0, microphone.Read(new short[1024], 0, 1024));
        rig.Clock.Advance(10);
        Assert.Equal(160, microphone.Read(new short[1024], 0, 1024));
    }

    [Fact]
    public void A_microphone_that_goes_dead_is_reported_after_a_second_without_change()
    {
        using Rig rig = new();
        using I2sMicrophone microphone = Microphone(rig);
        microphone.Start();
        rig.I2s.DataPinDropped = true;
        short[] pcm = new short[1024];

        SensorFaultException? fault = null;
        for (int step = 0; step < 60 && fault == null; step++)
        {
            rig.Clock.Advance(20);
            try
            {
                microphone.Read(pcm, 0, pcm.Length);
            }
            catch (SensorFaultException e)
            {
                fault = e;
            }
        }

        Assert.NotNull(fault);
        Assert.Equal("microphone: no-data: the microphone's samples have not changed for 1000 ms", fault.Message);
    }

    [Fact]
    public void A_microphone_that_failed_to_start_is_started_again_by_the_next_read()
    {
        using Rig rig = new();
        rig.I2s.DataPinDropped = true;
        using I2sMicrophone microphone = Microphone(rig);
        Assert.Throws<SensorFaultException>(() => microphone.Start());
        Assert.Throws<SensorFaultException>(() => microphone.Read(new short[16], 0, 16));

        rig.I2s.DataPinDropped = false;
        Assert.Equal(0, microphone.Read(new short[16], 0, 16));

        Assert.True(microphone.Running);
    }
}
