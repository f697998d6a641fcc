namespace TinyMlDevice.Core.Tests;

// The update state machine, interrupted at every chunk in every way the protocol names: the model in service stays
// whole and in service, and a new one serves only after a verified commit.
public class ModelUpdateTests
{
    private const int ChunkBytes = 48;
    private static readonly byte[] V1 = UpdateRig.Autoencoder(0.1f);
    private static readonly byte[] V2 = UpdateRig.Autoencoder(0.2f);

    private static int Chunks(byte[] model) => (model.Length + ChunkBytes - 1) / ChunkBytes;

    // v1 installed and running; returns the rig and the pipeline that runs v1.
    private static (UpdateRig Rig, VibrationPipeline Running) WithV1(RamModelStore? store = null)
    {
        UpdateRig rig = new(store);
        rig.Install(V1, 1);
        Assert.True(rig.App.Vibration!.UsesAutoencoder);
        return (rig, rig.App.Vibration);
    }

    private static void SendChunks(UpdateRig rig, byte[] model, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int at = i * ChunkBytes;
            Assert.Equal(CommandResult.Ok, rig.Chunk(model, at, Math.Min(ChunkBytes, model.Length - at)).Result);
        }
    }

    private static void AssertV1InService(UpdateRig rig, VibrationPipeline running)
    {
        Assert.Same(running, rig.App.Vibration);
        Assert.Equal(V1, rig.Store.Current("vibration"));
        Assert.Equal(1u, rig.Store.Version("vibration"));
        Assert.Equal(1u, rig.App.Info(-1, -1).VibrationModelVersion);
    }

    [Fact]
    public void A_verified_commit_swaps_the_new_model_into_service()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            Assert.Equal(CommandResult.Ok, rig.Begin(V2, 2).Result);
            UpdateResponse done = rig.SendAll(V2, ChunkBytes);

            Assert.Equal(CommandResult.Ok, done.Result);
            Assert.Equal(2u, done.InstalledVersion);
            Assert.NotSame(running, rig.App.Vibration);
            Assert.True(rig.App.Vibration!.UsesAutoencoder);
            Assert.Equal(V2, rig.Store.Current("vibration"));
            Assert.False(rig.Store.HasStaging);
            rig.App.Step(); // the new pipeline runs
        }
    }

    [Fact]
    public void Until_commit_the_new_model_is_nowhere_in_service()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            rig.Begin(V2, 2);
            SendChunks(rig, V2, Chunks(V2));
            AssertV1InService(rig, running);
        }
    }

    [Fact]
    public void A_disconnect_at_any_chunk_keeps_the_old_model_and_the_update_can_resume_or_expires()
    {
        for (int k = 0; k <= Chunks(V2); k++)
        {
            var (rig, running) = WithV1();
            using (rig)
            {
                rig.Begin(V2, 2);
                SendChunks(rig, V2, k); // then the link drops
                AssertV1InService(rig, running);

                UpdateResponse resumed = rig.Begin(V2, 2); // the client reconnects with the same header
                Assert.Equal(CommandResult.Ok, resumed.Result);
                Assert.Equal(Math.Min(k * ChunkBytes, V2.Length), resumed.NextOffset);

                rig.Clock.Advance(ModelUpdater.IdleTimeoutMs + 1); // or never comes back
                rig.App.Step();
                Assert.False(rig.App.Updater.Receiving);
                Assert.False(rig.Store.HasStaging);
                AssertV1InService(rig, running);
            }
        }
    }

    [Fact]
    public void Power_loss_at_any_chunk_restarts_with_the_old_model_and_discards_the_stale_staging()
    {
        for (int k = 0; k <= Chunks(V2); k++)
        {
            RamModelStore flash = new(64 * 1024); // survives the "power cut": the store outlives the app
            var (rig, _) = WithV1(flash);
            rig.Begin(V2, 2);
            SendChunks(rig, V2, k);
            Assert.True(flash.HasStaging);
            rig.Dispose(); // power gone

            using UpdateRig restarted = new(flash);
            Assert.False(flash.HasStaging);
            Assert.Equal(V1, flash.Current("vibration"));
            Assert.True(restarted.App.Vibration!.UsesAutoencoder);
            Assert.Equal(1u, restarted.App.Info(-1, -1).VibrationModelVersion);
            Assert.Equal(CommandResult.NotInProgress, restarted.Commit().Result);
        }
    }

    [Fact]
    public void A_bad_CRC_at_any_chunk_is_refused_and_the_chunk_can_be_sent_again()
    {
        for (int k = 0; k < Chunks(V2); k++)
        {
            var (rig, running) = WithV1();
            using (rig)
            {
                rig.Begin(V2, 2);
                SendChunks(rig, V2, k);
                byte[] chunk = UpdateCodec.EncodeChunk(V2, k * ChunkBytes, Math.Min(ChunkBytes, V2.Length - k * ChunkBytes));
                chunk[^1] ^= 0x40; // a bit flipped on the way

                UpdateResponse r = rig.Send(chunk);
                Assert.Equal(CommandResult.BadCrc, r.Result);
                Assert.Equal(k * ChunkBytes, r.NextOffset);
                AssertV1InService(rig, running);

                for (int at = k * ChunkBytes; at < V2.Length; at += ChunkBytes)
                {
                    Assert.Equal(CommandResult.Ok, rig.Chunk(V2, at, Math.Min(ChunkBytes, V2.Length - at)).Result);
                }

                Assert.Equal(CommandResult.Ok, rig.Commit().Result);
                Assert.Equal(V2, rig.Store.Current("vibration"));
            }
        }
    }

    [Fact]
    public void Out_of_order_repeated_and_oversized_chunks_at_any_point_are_refused_with_their_names()
    {
        for (int k = 0; k < Chunks(V2); k++)
        {
            var (rig, running) = WithV1();
            using (rig)
            {
                rig.Begin(V2, 2);
                SendChunks(rig, V2, k);
                int next = k * ChunkBytes;

                if (next + ChunkBytes < V2.Length)
                {
                    Assert.Equal(CommandResult.OutOfOrder, rig.Chunk(V2, next + ChunkBytes, 1).Result);
                }

                if (k > 0)
                {
                    Assert.Equal(CommandResult.RepeatedChunk, rig.Chunk(V2, next - ChunkBytes, ChunkBytes).Result);
                }

                byte[] beyond = new byte[V2.Length - next + 1]; // one byte past the declared size
                Assert.Equal(CommandResult.Oversized, rig.Send(UpdateCodec.EncodeChunk(beyond, 0, beyond.Length) is var c
                    ? Patch(c, next) : c).Result);
                Assert.Equal(CommandResult.Incomplete, rig.Commit().Result);
                Assert.Equal(next, rig.App.Updater.Receiving ? rig.Send(UpdateCodec.Encode(UpdateOpcode.Query)).NextOffset : -1);
                AssertV1InService(rig, running);
            }
        }
    }

    // A chunk's offset field rewritten (its CRC covers the data only).
    private static byte[] Patch(byte[] chunk, int offset)
    {
        LittleEndian.WriteUInt32(chunk, 2, (uint)offset);
        return chunk;
    }

    [Fact]
    public void A_header_signed_with_another_key_is_refused_before_any_byte_is_staged()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            byte[] otherKey = Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1)).ToArray();

            Assert.Equal(CommandResult.BadTag, rig.Begin(V2, 2, otherKey).Result);
            Assert.False(rig.Store.HasStaging);
            Assert.Equal(CommandResult.NotInProgress, rig.Chunk(V2, 0, ChunkBytes).Result);
            AssertV1InService(rig, running);
        }
    }

    [Fact]
    public void A_header_whose_signed_bytes_were_changed_is_refused()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            byte[] begin = UpdateCodec.EncodeBegin(UpdateManifest.Sign(V2, UpdateTarget.Vibration, 2, UpdateRig.Key));
            begin[2 + 8] = 99; // version 2 → 99 after signing

            Assert.Equal(CommandResult.BadTag, rig.Send(begin).Result);
            AssertV1InService(rig, running);
        }
    }

    [Fact]
    public void A_bad_tag_at_any_chunk_cannot_take_over_the_update_in_progress()
    {
        for (int k = 0; k <= Chunks(V2); k++)
        {
            var (rig, running) = WithV1();
            using (rig)
            {
                rig.Begin(V2, 2);
                SendChunks(rig, V2, k);
                byte[] forged = UpdateRig.Autoencoder(0.3f);
                Assert.Equal(CommandResult.BadTag, rig.Begin(forged, 3, new byte[32]).Result);
                Assert.Equal(Math.Min(k * ChunkBytes, V2.Length), rig.Send(UpdateCodec.Encode(UpdateOpcode.Query)).NextOffset);
                AssertV1InService(rig, running);
            }
        }
    }

    [Fact]
    public void Bytes_that_differ_from_the_signed_digest_are_discarded_at_commit()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            byte[] other = UpdateRig.Autoencoder(0.4f);
            Assert.Equal(V2.Length, other.Length);
            rig.Begin(V2, 2);

            UpdateResponse r = rig.SendAll(other, ChunkBytes); // every CRC right, the content not the signed one

            Assert.Equal(CommandResult.BadDigest, r.Result);
            Assert.False(rig.Store.HasStaging);
            AssertV1InService(rig, running);
        }
    }

    [Fact]
    public void A_signed_but_malformed_model_is_refused_by_the_engine_and_discarded()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            byte[] garbage = Enumerable.Range(0, 300).Select(i => (byte)(i * 31)).ToArray();
            rig.Begin(garbage, 2);

            UpdateResponse r = rig.SendAll(garbage, ChunkBytes);

            Assert.Equal(CommandResult.BadModel, r.Result);
            Assert.False(rig.Store.HasStaging);
            AssertV1InService(rig, running);
        }
    }

    [Fact]
    public void A_valid_model_of_the_wrong_shape_is_refused_by_the_pipeline()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            byte[] narrow = TinyTflite.Requantize(12, 0.1f, 0.1f);
            rig.Begin(narrow, 2);

            Assert.Equal(CommandResult.BadModel, rig.SendAll(narrow, ChunkBytes).Result);
            AssertV1InService(rig, running);
        }
    }

    [Fact]
    public void Versions_must_rise_and_sizes_must_fit_the_store()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            Assert.Equal(CommandResult.Downgrade, rig.Begin(V2, 1).Result);
            Assert.Equal(CommandResult.Oversized, rig.Begin(new byte[70 * 1024], 5).Result);
            AssertV1InService(rig, running);
        }
    }

    [Fact]
    public void Abort_drops_the_staged_bytes_and_keeps_the_model()
    {
        var (rig, running) = WithV1();
        using (rig)
        {
            rig.Begin(V2, 2);
            SendChunks(rig, V2, 2);

            Assert.Equal(CommandResult.Ok, rig.Send(UpdateCodec.Encode(UpdateOpcode.Abort)).Result);
            Assert.Equal(CommandResult.NotInProgress, rig.Send(UpdateCodec.Encode(UpdateOpcode.Abort)).Result);
            Assert.False(rig.Store.HasStaging);
            AssertV1InService(rig, running);
        }
    }

    [Fact]
    public void Without_a_key_every_update_is_refused()
    {
        using UpdateRig rig = new(key: null);

        Assert.Equal(CommandResult.NoKey, rig.Begin(V1, 1).Result);
        Assert.False(rig.App.Vibration!.UsesAutoencoder);
    }

    [Fact]
    public void Without_a_model_store_updates_are_unavailable()
    {
        using Harness h = new();
        h.App.ApplyConfig(Configs.Join(Configs.NoKws, Configs.NoVibration));

        Assert.Equal(CommandResult.Unavailable, UpdateCodec.DecodeResponse(h.App.ReceiveModelUpdate(UpdateCodec.Encode(UpdateOpcode.Query))).Result);
    }

    [Fact]
    public void Every_response_is_also_notified_on_the_ModelUpdate_channel()
    {
        using UpdateRig rig = new();
        byte[] response = rig.App.ReceiveModelUpdate(UpdateCodec.Encode(UpdateOpcode.Query));

        Assert.Equal(response, rig.Sink.Published.Last(p => p.Channel == ReportChannel.ModelUpdate).Payload);
    }

    [Fact]
    public void An_installed_update_replaces_the_configured_model_when_the_pipeline_restarts()
    {
        using UpdateRig rig = new();
        rig.Install(V1, 7);

        Assert.Equal(ConfigApplyResult.Applied, rig.App.ApplyConfig(Configs.Join(Configs.NoKws, Configs.SmallVibration) +
            "\n[ble]\nauth_key = " + UpdateRig.KeyHex + "\n"));
        Assert.True(rig.App.Vibration!.UsesAutoencoder);
        Assert.Equal(7u, rig.App.Info(-1, -1).VibrationModelVersion);
    }
}
