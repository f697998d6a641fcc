namespace TinyMlDevice.Core.Tests;

// Control, ModelUpdate and DeviceInfo payloads: round trips, and rejections of every malformed shape.
public class ProtocolCodecTests
{
    private static readonly byte[] Key = UpdateRig.Key;

    [Theory]
    [InlineData(ControlOpcode.SetKwsThreshold, 4)]
    [InlineData(ControlOpcode.SetAnomalyThreshold, 4)]
    [InlineData(ControlOpcode.Recalibrate, 0)]
    [InlineData(ControlOpcode.SetPipeline, 2)]
    [InlineData(ControlOpcode.Reboot, 0)]
    public void Every_signed_command_round_trips_with_its_length(ControlOpcode opcode, int arguments)
    {
        ControlCommand c = new(opcode, 0xA1B2C3D4, 77) { Threshold = 0.75f, Pipeline = 2, Enabled = true };
        byte[] p = ControlCodec.Encode(c, Key);

        Assert.Equal(ControlCodec.HeaderLength + arguments + ControlCodec.TagLength, p.Length);
        Assert.Equal(CommandResult.Ok, ControlCodec.Read(p, Key, out ControlCommand? d));
        Assert.Equal((opcode, 0xA1B2C3D4u, 77u), (d!.Opcode, d.Session, d.Counter));
        if (arguments == 4) Assert.Equal(0.75f, d.Threshold);
        if (arguments == 2) Assert.Equal((2, true), (d.Pipeline, d.Enabled));
    }

    [Fact]
    public void The_tag_covers_every_byte_before_it()
    {
        byte[] p = ControlCodec.Encode(new ControlCommand(ControlOpcode.SetPipeline, 1, 2) { Pipeline = 1 }, Key);
        for (int i = 0; i < p.Length; i++)
        {
            byte[] q = (byte[])p.Clone();
            q[i] ^= 0x01;
            Assert.NotEqual(CommandResult.Ok, ControlCodec.Read(q, Key, out _));
        }
    }

    [Fact]
    public void Control_reads_refuse_bad_shapes_by_name()
    {
        Assert.Equal(CommandResult.Malformed, ControlCodec.Read(null!, Key, out _));
        Assert.Equal(CommandResult.Malformed, ControlCodec.Read(new byte[] { 1, 0, 0 }, Key, out _)); // a Hello is 2 bytes
        Assert.Equal(CommandResult.UnknownCommand, ControlCodec.Read(new byte[] { 1, 6 }, Key, out _));
        Assert.Equal(CommandResult.NoKey, ControlCodec.Read(ControlCodec.Encode(new ControlCommand(ControlOpcode.Reboot, 1, 1), Key), null!, out _));
        byte[] pipeline = ControlCodec.Encode(new ControlCommand(ControlOpcode.SetPipeline, 1, 1) { Pipeline = 1 }, Key);
        pipeline[ControlCodec.HeaderLength + 1] = 2; // enabled must be 0 or 1 (re-signed below)
        byte[] resigned = Resign(pipeline);
        Assert.Equal(CommandResult.InvalidArgument, ControlCodec.Read(resigned, Key, out _));
    }

    private static byte[] Resign(byte[] p)
    {
        TinyMl.HmacSha256 h = new(Key);
        h.Update("TMC1"u8.ToArray(), 0, 4);
        h.Update(p, 0, p.Length - 32);
        Array.Copy(h.Finish(), 0, p, p.Length - 32, 32);
        return p;
    }

    [Fact]
    public void Control_responses_round_trip_and_refuse_bad_shapes()
    {
        ControlResponse r = ControlCodec.DecodeResponse(ControlCodec.Encode(new ControlResponse(4, CommandResult.Replayed, 9, 12)));
        Assert.Equal((4, CommandResult.Replayed, 9u, 12u), (r.Opcode, r.Result, r.Session, r.Counter));
        Assert.True(ControlCodec.ResponseLength <= BleProtocol.DefaultNotifyBytes);
        Assert.Throws<ReportFormatException>(() => ControlCodec.DecodeResponse(new byte[10]));
        byte[] bad = ControlCodec.Encode(new ControlResponse(0, CommandResult.Ok, 0, 0));
        bad[2] = 200;
        Assert.Throws<ReportFormatException>(() => ControlCodec.DecodeResponse(bad));
    }

    [Fact]
    public void The_update_header_round_trips_and_verifies_only_under_its_key()
    {
        byte[] model = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        UpdateManifest m = UpdateManifest.Sign(model, UpdateTarget.Kws, 42, Key);
        UpdateManifest d = UpdateManifest.Decode(m.ToBytes(), 0);

        Assert.Equal((UpdateTarget.Kws, 42u, 1000), (d.Target, d.ModelVersion, d.Size));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(model), d.Digest);
        Assert.True(d.Verify(Key));
        Assert.False(d.Verify(new byte[32]));
        Assert.True(d.SameAs(m));
    }

    [Fact]
    public void Update_headers_refuse_bad_magic_version_target_reserved_bytes_and_size()
    {
        byte[] good = UpdateManifest.Sign(new byte[10], UpdateTarget.Vibration, 1, Key).ToBytes();
        foreach ((int at, byte value) in new[] { (0, (byte)'X'), (4, (byte)2), (5, (byte)3), (5, (byte)0), (6, (byte)1) })
        {
            byte[] bad = (byte[])good.Clone();
            bad[at] = value;
            Assert.Throws<ReportFormatException>(() => UpdateManifest.Decode(bad, 0));
        }

        byte[] empty = (byte[])good.Clone();
        LittleEndian.WriteUInt32(empty, 12, 0);
        Assert.Throws<ReportFormatException>(() => UpdateManifest.Decode(empty, 0));
        Assert.Throws<ReportFormatException>(() => UpdateManifest.Decode(good[..79], 0));
    }

    [Fact]
    public void A_bundle_is_the_header_then_the_model()
    {
        byte[] model = { 1, 2, 3 };
        byte[] bundle = UpdateManifest.Package(model, UpdateTarget.Kws, 2, Key);

        Assert.Equal(UpdateManifest.Length + 3, bundle.Length);
        Assert.Equal(model, bundle[UpdateManifest.Length..]);
        Assert.True(UpdateManifest.Decode(bundle, 0).Verify(Key));
    }

    [Fact]
    public void Update_messages_have_the_documented_shapes()
    {
        byte[] model = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        byte[] chunk = UpdateCodec.EncodeChunk(model, 40, 20);

        Assert.Equal(UpdateCodec.ChunkHeaderLength + 20, chunk.Length);
        Assert.Equal(40u, LittleEndian.ReadUInt32(chunk, 2));
        Assert.Equal(TinyMl.Crc32.Compute(model, 40, 20), LittleEndian.ReadUInt32(chunk, 6));
        Assert.Equal(UpdateOpcode.Chunk, UpdateCodec.OpcodeOf(chunk));
        Assert.Equal(UpdateOpcode.Begin, UpdateCodec.OpcodeOf(UpdateCodec.EncodeBegin(UpdateManifest.Sign(model, UpdateTarget.Kws, 1, Key))));
        Assert.Equal(UpdateOpcode.Commit, UpdateCodec.OpcodeOf(UpdateCodec.Encode(UpdateOpcode.Commit)));
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 2, 3 })]
    [InlineData(new byte[] { 1, 5 })]
    [InlineData(new byte[] { 1, 3, 0 })]
    [InlineData(new byte[] { 1, 2, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 1, 0 })]
    public void Update_writes_of_the_wrong_shape_are_refused(byte[] p)
    {
        Assert.Throws<ReportFormatException>(() => UpdateCodec.OpcodeOf(p));
    }

    [Fact]
    public void Update_responses_round_trip_fit_a_default_notification_and_refuse_bad_shapes()
    {
        UpdateResponse r = new()
        {
            Opcode = 2, Result = CommandResult.OutOfOrder, Receiving = true, Target = UpdateTarget.Vibration,
            NextOffset = 4096, Size = 30000, InstalledVersion = 3, MaxChunkData = 234,
        };
        UpdateResponse d = UpdateCodec.DecodeResponse(UpdateCodec.Encode(r));

        Assert.Equivalent(r, d);
        Assert.True(UpdateCodec.ResponseLength <= BleProtocol.DefaultNotifyBytes);
        byte[] bad = UpdateCodec.Encode(r);
        bad[3] = 2;
        Assert.Throws<ReportFormatException>(() => UpdateCodec.DecodeResponse(bad));
        Assert.Throws<ReportFormatException>(() => UpdateCodec.DecodeResponse(bad[..18]));
    }

    [Fact]
    public void DeviceInfo_round_trips_and_saturates()
    {
        DeviceInfo i = new()
        {
            KeySet = true, UpdateReceiving = true, FirmwareMajor = 1, FirmwareMinor = 2, KwsModelVersion = 5,
            VibrationModelVersion = 6, KwsArenaBytes = 22_000, VibrationArenaBytes = 100_000, ManagedFreeKiB = 80, NativeFreeKiB = 120,
        };
        DeviceInfo d = ReportCodec.DecodeDeviceInfo(ReportCodec.Encode(i));

        Assert.Equal(65535, d.VibrationArenaBytes);
        d.VibrationArenaBytes = 100_000;
        Assert.Equivalent(i, d);
        byte[] bad = ReportCodec.Encode(i);
        bad[1] = 4;
        Assert.Throws<ReportFormatException>(() => ReportCodec.DecodeDeviceInfo(bad));
        Assert.Throws<ReportFormatException>(() => ReportCodec.DecodeDeviceInfo(bad[..19]));
    }

    [Fact]
    public void Chunk_sizes_follow_the_ATT_MTU()
    {
        Assert.Equal(10, BleProtocol.ChunkDataBytes(BleProtocol.DefaultAttMtu));
        Assert.Equal(234, BleProtocol.ChunkDataBytes(247));
        Assert.Equal(UpdateCodec.MaxChunkData, BleProtocol.ChunkDataBytes(517));
        Assert.Equal(502, UpdateCodec.MaxChunkData);
    }
}
