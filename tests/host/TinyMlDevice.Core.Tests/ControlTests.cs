namespace TinyMlDevice.Core.Tests;

// Control commands on the DeviceApp: each one does what it says once its tag, session and counter pass; replays,
// forgeries, stale sessions and bad arguments are refused by name.
public class ControlTests
{
    private static ControlCommand Command(ControlOpcode opcode, uint counter, uint session = UpdateRig.Session) =>
        new(opcode, session, counter);

    [Fact]
    public void Hello_tells_the_session_and_the_last_counter_without_a_tag()
    {
        using UpdateRig rig = new();
        ControlResponse r = ControlCodec.DecodeResponse(rig.App.ReceiveControl(ControlCodec.EncodeHello()));

        Assert.Equal((CommandResult.Ok, UpdateRig.Session, 0u), (r.Result, r.Session, r.Counter));
    }

    [Fact]
    public void A_replayed_command_is_refused_and_changes_nothing()
    {
        using UpdateRig rig = new();
        byte[] signed = ControlCodec.Encode(new ControlCommand(ControlOpcode.SetAnomalyThreshold, UpdateRig.Session, 1) { Threshold = 5 }, UpdateRig.Key);

        Assert.Equal(CommandResult.Ok, ControlCodec.DecodeResponse(rig.App.ReceiveControl(signed)).Result);
        rig.Control(new ControlCommand(ControlOpcode.SetAnomalyThreshold, UpdateRig.Session, 2) { Threshold = 9 });
        ControlResponse replay = ControlCodec.DecodeResponse(rig.App.ReceiveControl(signed));

        Assert.Equal(CommandResult.Replayed, replay.Result);
        Assert.Equal(2u, replay.Counter);
        Assert.Equal(9f, rig.App.Vibration!.Threshold);
    }

    [Fact]
    public void Counters_must_rise_but_may_skip()
    {
        using UpdateRig rig = new();

        Assert.Equal(CommandResult.Ok, rig.Control(Command(ControlOpcode.Recalibrate, 10)).Result);
        Assert.Equal(CommandResult.Replayed, rig.Control(Command(ControlOpcode.Recalibrate, 9)).Result);
        Assert.Equal(CommandResult.Replayed, rig.Control(Command(ControlOpcode.Recalibrate, 10)).Result);
        Assert.Equal(CommandResult.Ok, rig.Control(Command(ControlOpcode.Recalibrate, 11)).Result);
    }

    [Fact]
    public void A_command_signed_for_an_earlier_boot_is_refused()
    {
        using UpdateRig rig = new();

        ControlResponse r = rig.Control(Command(ControlOpcode.Reboot, 1, session: UpdateRig.Session + 1));

        Assert.Equal(CommandResult.WrongSession, r.Result);
        Assert.Equal(UpdateRig.Session, r.Session);
        Assert.False(rig.App.RebootRequested);
    }

    [Fact]
    public void A_command_signed_with_another_key_or_altered_after_signing_is_refused()
    {
        using UpdateRig rig = new();
        byte[] other = new byte[32];
        other[0] = 1;

        Assert.Equal(CommandResult.BadTag, rig.Control(Command(ControlOpcode.Reboot, 1), other).Result);
        byte[] altered = ControlCodec.Encode(new ControlCommand(ControlOpcode.SetKwsThreshold, UpdateRig.Session, 2) { Threshold = 0.5f }, UpdateRig.Key);
        altered[ControlCodec.HeaderLength] ^= 1;
        Assert.Equal(CommandResult.BadTag, ControlCodec.DecodeResponse(rig.App.ReceiveControl(altered)).Result);
        Assert.False(rig.App.RebootRequested);
        Assert.Equal(0u, ControlCodec.DecodeResponse(rig.App.ReceiveControl(ControlCodec.EncodeHello())).Counter);
    }

    [Fact]
    public void Without_a_key_signed_commands_are_refused()
    {
        using UpdateRig rig = new(key: null);

        Assert.Equal(CommandResult.NoKey, rig.Control(Command(ControlOpcode.Reboot, 1)).Result);
        Assert.False(rig.App.RebootRequested);
    }

    [Fact]
    public void Malformed_and_unknown_writes_are_named()
    {
        using UpdateRig rig = new();
        byte[] signed = ControlCodec.Encode(Command(ControlOpcode.Recalibrate, 1), UpdateRig.Key);

        Assert.Equal(CommandResult.Malformed, ControlCodec.DecodeResponse(rig.App.ReceiveControl(signed[..^1])).Result);
        Assert.Equal(CommandResult.Malformed, ControlCodec.DecodeResponse(rig.App.ReceiveControl(new byte[] { 2, 0 })).Result);
        Assert.Equal(CommandResult.Malformed, ControlCodec.DecodeResponse(rig.App.ReceiveControl(new byte[] { 1 })).Result);
        Assert.Equal(CommandResult.UnknownCommand, ControlCodec.DecodeResponse(rig.App.ReceiveControl(new byte[] { 1, 77 })).Result);
    }

    [Fact]
    public void Thresholds_change_the_running_pipelines_and_bad_values_are_refused()
    {
        using UpdateRig rig = new();

        Assert.Equal(CommandResult.Ok, rig.Control(new ControlCommand(ControlOpcode.SetAnomalyThreshold, UpdateRig.Session, 1) { Threshold = 3.5f }).Result);
        Assert.Equal(3.5f, rig.App.Vibration!.Threshold);
        Assert.Equal(CommandResult.InvalidArgument, rig.Control(new ControlCommand(ControlOpcode.SetAnomalyThreshold, UpdateRig.Session, 2) { Threshold = float.NaN }).Result);
        Assert.Equal(CommandResult.InvalidArgument, rig.Control(new ControlCommand(ControlOpcode.SetKwsThreshold, UpdateRig.Session, 3) { Threshold = 1.5f }).Result);
        Assert.Equal(CommandResult.Ok, rig.Control(new ControlCommand(ControlOpcode.SetAnomalyThreshold, UpdateRig.Session, 4) { Threshold = 0 }).Result);
        Assert.Equal(0f, rig.App.Vibration.ThresholdOverride);
    }

    [Fact]
    public void A_keyword_threshold_reaches_the_smoother_of_a_running_keyword_pipeline()
    {
        using UpdateRig rig = new();
        // no microphone in this rig: the value waits for the pipeline and is accepted
        Assert.Equal(CommandResult.Ok, rig.Control(new ControlCommand(ControlOpcode.SetKwsThreshold, UpdateRig.Session, 1) { Threshold = 0.65f }).Result);
    }

    [Fact]
    public void A_pipeline_can_be_switched_off_and_on_and_Status_follows()
    {
        using UpdateRig rig = new();

        Assert.Equal(CommandResult.Ok, rig.Control(new ControlCommand(ControlOpcode.SetPipeline, UpdateRig.Session, 1) { Pipeline = 2, Enabled = false }).Result);
        Assert.Null(rig.App.Vibration);
        Assert.False(rig.App.Status().VibrationEnabled);
        rig.Clock.Advance(120_000);
        rig.App.Step();
        Assert.Null(rig.App.Vibration); // stays off: no restart

        Assert.Equal(CommandResult.Ok, rig.Control(new ControlCommand(ControlOpcode.SetPipeline, UpdateRig.Session, 2) { Pipeline = 2, Enabled = true }).Result);
        Assert.NotNull(rig.App.Vibration);
        Assert.True(rig.App.Status().VibrationRunning);
        Assert.Equal(CommandResult.Unavailable, rig.Control(new ControlCommand(ControlOpcode.SetPipeline, UpdateRig.Session, 3) { Pipeline = 1, Enabled = true }).Result);
        Assert.Equal(CommandResult.InvalidArgument, rig.Control(new ControlCommand(ControlOpcode.SetPipeline, UpdateRig.Session, 4) { Pipeline = 9, Enabled = true }).Result);
    }

    [Fact]
    public void Recalibrate_starts_the_learn_normal_phase_again_and_Reboot_is_requested()
    {
        using UpdateRig rig = new();

        Assert.Equal(CommandResult.Ok, rig.Control(Command(ControlOpcode.Recalibrate, 1)).Result);
        Assert.Equal(0, rig.App.Vibration!.CalibrationPercent);
        Assert.Equal(CommandResult.Ok, rig.Control(Command(ControlOpcode.Reboot, 2)).Result);
        Assert.True(rig.App.RebootRequested);
    }

    [Fact]
    public void Every_response_is_also_notified_on_the_Control_channel()
    {
        using UpdateRig rig = new();
        byte[] response = rig.App.ReceiveControl(ControlCodec.EncodeHello());

        Assert.Equal(response, rig.Sink.Published.Last(p => p.Channel == ReportChannel.Control).Payload);
    }
}
