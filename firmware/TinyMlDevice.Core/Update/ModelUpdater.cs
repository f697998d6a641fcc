using System;
using System.Diagnostics;
using TinyMl;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// The model update state machine (docs/ble-protocol.md, "Model update"). Idle until a Begin whose header carries a
    /// valid tag under the device's key, a newer version and a size the store takes; then Receiving: chunks in strict
    /// offset order, each checked against its CRC-32, written to the store's staging area and hashed (SHA-256, native)
    /// on arrival. Commit checks that every byte arrived and the digest matches the header, has the installer validate
    /// the model with the engine, commits it in the store and only then swaps it into service. Every failure leaves the
    /// model in service as it was; failures that spoil the staged bytes (digest, model, storage) also discard them. A
    /// session that hears nothing for IdleTimeoutMs (the client went away) is discarded.
    /// </summary>
    public sealed class ModelUpdater
    {
        public const int IdleTimeoutMs = 120000;

        private readonly IModelStore _store;
        private readonly IModelInstaller _installer;
        private byte[] _key;
        private UpdateManifest _manifest;
        private Sha256 _sha;
        private int _received;
        private long _lastActivityMs;
        private UpdateTarget _lastTarget;

        internal ModelUpdater(IModelStore store, IModelInstaller installer)
        {
            _store = store;
            _installer = installer;
        }

        /// <summary>True while an update is being received.</summary>
        public bool Receiving => _manifest != null;

        /// <summary>The store's slot name of a target.</summary>
        public static string Slot(UpdateTarget target) => target == UpdateTarget.Kws ? "kws" : "vibration";

        /// <summary>The device key (null: every update is refused with NoKey); a new key abandons an update in progress.</summary>
        internal void SetKey(byte[] key)
        {
            if (Receiving && !SameKey(key))
            {
                Abort();
            }

            _key = key;
        }

        /// <summary>Handles one ModelUpdate write and says how it went.</summary>
        public UpdateResponse Handle(byte[] message, long nowMs)
        {
            int opcodeByte = message != null && message.Length > 1 ? message[1] : 0;
            UpdateOpcode opcode;
            try
            {
                opcode = UpdateCodec.OpcodeOf(message);
            }
            catch (ReportFormatException)
            {
                return Response(opcodeByte, opcodeByte > (int)UpdateOpcode.Abort ? CommandResult.UnknownCommand : CommandResult.Malformed);
            }

            if (_store == null)
            {
                return Response(opcodeByte, CommandResult.Unavailable);
            }

            if (Receiving)
            {
                _lastActivityMs = nowMs;
            }

            switch (opcode)
            {
                case UpdateOpcode.Begin:
                    return Response(opcodeByte, Begin(message, nowMs));
                case UpdateOpcode.Chunk:
                    return Response(opcodeByte, Chunk(message));
                case UpdateOpcode.Commit:
                    return Response(opcodeByte, Commit());
                case UpdateOpcode.Abort:
                    if (!Receiving)
                    {
                        return Response(opcodeByte, CommandResult.NotInProgress);
                    }

                    Abort();
                    return Response(opcodeByte, CommandResult.Ok);
                default:
                    return Response(opcodeByte, CommandResult.Ok);
            }
        }

        /// <summary>Discards an update nobody has talked to for IdleTimeoutMs (a client that went away).</summary>
        public void Expire(long nowMs)
        {
            if (Receiving && nowMs - _lastActivityMs > IdleTimeoutMs)
            {
                Debug.WriteLine("[update] no message for " + IdleTimeoutMs / 1000 + " s: update discarded");
                Abort();
            }
        }

        /// <summary>Drops the update in progress and its staged bytes; the model in service stays.</summary>
        public void Abort()
        {
            _manifest = null;
            _sha = null;
            _received = 0;
            try
            {
                _store.Abort();
            }
            catch (Exception e)
            {
                Debug.WriteLine("[update] staging not discarded: " + e.Message);
            }
        }

        private CommandResult Begin(byte[] message, long nowMs)
        {
            if (_key == null)
            {
                return CommandResult.NoKey;
            }

            UpdateManifest manifest;
            try
            {
                manifest = UpdateManifest.Decode(message, 2);
            }
            catch (ReportFormatException)
            {
                return CommandResult.Malformed;
            }

            if (!manifest.Verify(_key))
            {
                return CommandResult.BadTag;
            }

            if (manifest.SameAs(_manifest))
            {
                return CommandResult.Ok; // the same update again (a client that reconnected): go on from NextOffset
            }

            if (manifest.Size > _store.Capacity)
            {
                return CommandResult.Oversized;
            }

            if (manifest.ModelVersion <= _store.Version(Slot(manifest.Target)))
            {
                return CommandResult.Downgrade;
            }

            if (Receiving)
            {
                Abort(); // a new update replaces the unfinished one
            }

            try
            {
                _store.Begin(Slot(manifest.Target), manifest.Size);
            }
            catch (Exception e)
            {
                Debug.WriteLine("[update] staging failed: " + e.Message);
                Abort();
                return CommandResult.StorageFailed;
            }

            _manifest = manifest;
            _sha = new Sha256();
            _received = 0;
            _lastActivityMs = nowMs;
            _lastTarget = manifest.Target;
            return CommandResult.Ok;
        }

        private CommandResult Chunk(byte[] message)
        {
            if (!Receiving)
            {
                return CommandResult.NotInProgress;
            }

            int offset = (int)LittleEndian.ReadUInt32(message, 2);
            uint crc = LittleEndian.ReadUInt32(message, 6);
            int count = message.Length - UpdateCodec.ChunkHeaderLength;
            if (count > UpdateCodec.MaxChunkData)
            {
                return CommandResult.Oversized;
            }

            if (Crc32.Compute(message, UpdateCodec.ChunkHeaderLength, count) != crc)
            {
                return CommandResult.BadCrc;
            }

            if (offset < _received && offset >= 0)
            {
                return CommandResult.RepeatedChunk;
            }

            if (offset != _received)
            {
                return CommandResult.OutOfOrder;
            }

            if (count > _manifest.Size - _received)
            {
                return CommandResult.Oversized;
            }

            try
            {
                _store.Write(offset, message, UpdateCodec.ChunkHeaderLength, count);
            }
            catch (Exception e)
            {
                Debug.WriteLine("[update] staging write failed: " + e.Message);
                Abort();
                return CommandResult.StorageFailed;
            }

            _sha.Update(message, UpdateCodec.ChunkHeaderLength, count);
            _received += count;
            return CommandResult.Ok;
        }

        private CommandResult Commit()
        {
            if (!Receiving)
            {
                return CommandResult.NotInProgress;
            }

            if (_received < _manifest.Size)
            {
                return CommandResult.Incomplete;
            }

            byte[] digest = _sha.Finish();
            byte[] expected = _manifest.Digest;
            if (!HmacSha256.TagsEqual(digest, 0, expected, 0, expected.Length))
            {
                Debug.WriteLine("[update] SHA-256 of the received model differs from the header's: discarded");
                Abort();
                return CommandResult.BadDigest;
            }

            UpdateTarget target = _manifest.Target;
            uint version = _manifest.ModelVersion;
            byte[] model;
            object prepared;
            string problem;
            try
            {
                model = _store.ReadStaged();
                prepared = _installer.Prepare(target, model, out problem);
            }
            catch (Exception e)
            {
                Debug.WriteLine("[update] staged model unreadable: " + e.Message);
                Abort();
                return CommandResult.StorageFailed;
            }

            if (problem != null)
            {
                Debug.WriteLine("[update] model refused: " + problem);
                Abort();
                return CommandResult.BadModel;
            }

            try
            {
                _store.Commit(version);
            }
            catch (Exception e)
            {
                Debug.WriteLine("[update] commit failed: " + e.Message);
                _installer.Discard(prepared);
                Abort();
                return CommandResult.StorageFailed;
            }

            _manifest = null;
            _sha = null;
            _received = 0;
            _installer.Activate(target, prepared);
            Debug.WriteLine("[update] " + Slot(target) + " model version " + version + " in service");
            return CommandResult.Ok;
        }

        private UpdateResponse Response(int opcode, CommandResult result)
        {
            UpdateResponse r = new UpdateResponse();
            r.Opcode = opcode;
            r.Result = result;
            r.Receiving = Receiving;
            r.Target = Receiving ? _manifest.Target : _lastTarget;
            r.NextOffset = _received;
            r.Size = Receiving ? _manifest.Size : 0;
            r.InstalledVersion = _store == null || r.Target == UpdateTarget.None ? 0 : _store.Version(Slot(r.Target));
            r.MaxChunkData = UpdateCodec.MaxChunkData;
            return r;
        }

        private bool SameKey(byte[] key)
        {
            return key != null && _key != null && key.Length == _key.Length && HmacSha256.TagsEqual(key, 0, _key, 0, key.Length);
        }
    }
}
