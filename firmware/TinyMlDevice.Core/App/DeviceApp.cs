using System;
using System.Diagnostics;
using TinyMl;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// The device application without its hardware: owns the keyword and vibration pipelines, polls the sensors, spends
    /// a bounded slice of engine work per Step, publishes reports, and survives every fault it can name — a sensor
    /// failure is reported and retried with backoff, an engine failure restarts its pipeline, a bad configuration or
    /// model is refused while the last good one stays. Call Step in a loop (sleep a little when it returns false).
    /// Thread-safe: Step, ApplyConfig, Status and Recalibrate may be called from different threads. Control and ModelUpdate
    /// writes come in through ReceiveControl and ReceiveModelUpdate (signed, docs/ble-protocol.md); each is answered on
    /// the report sink's Control or ModelUpdate channel.
    /// </summary>
    public sealed class DeviceApp : IDisposable
    {
        /// <summary>Most audio samples one Step reads (64 ms at 16 kHz: more than real time at any sane Step rate).</summary>
        public const int AudioChunkSamples = 1024;

        /// <summary>Most IMU samples one Step reads.</summary>
        public const int MotionChunkSamples = 512;

        /// <summary>Model operators (native calls) one Step runs.</summary>
        public const int OperatorsPerStep = 2;

        public const int RetryInitialMs = 1000;
        public const int RetryMaxMs = 60000;

        /// <summary>The firmware's version as DeviceInfo reports it.</summary>
        public const int FirmwareMajor = 1;

        public const int FirmwareMinor = 1;

        private readonly object _gate = new object();
        private readonly IAudioInput _audio;
        private readonly IMotionInput _motion;
        private readonly IReportSink _sink;
        private readonly IClock _clock;
        private readonly IStateStore _store;
        private readonly IModelSource _models;
        private readonly short[] _pcm = new short[AudioChunkSamples];
        private readonly ushort[] _sequences = new ushort[7];
        private readonly RetryBackoff _microphoneRetry = new RetryBackoff(RetryInitialMs, RetryMaxMs);
        private readonly RetryBackoff _imuRetry = new RetryBackoff(RetryInitialMs, RetryMaxMs);
        private readonly RetryBackoff _kwsRestart = new RetryBackoff(RetryInitialMs, RetryMaxMs);
        private readonly RetryBackoff _vibrationRestart = new RetryBackoff(RetryInitialMs, RetryMaxMs);

        private DeviceConfig _config;
        private KwsPipeline _kws;
        private VibrationPipeline _vibration;
        private bool _kwsTurn = true;
        private long _nextStatusMs;
        private long _nextSummaryMs;
        private int _keywordEvents;
        private long _kwsInferences;
        private long _alarmsRaised;
        private int _faults;
        private FaultCode _lastFault;

        // Control: the session signed commands must name (new at every boot) and the last counter accepted in it.
        private readonly uint _session;
        private uint _lastCounter;
        private readonly IModelStore _modelStore;
        private readonly ModelUpdater _updater;

        // What Control changed until the next configuration: pipelines switched on or off, thresholds (0: the configured one).
        private bool _kwsEnabled;
        private bool _vibrationEnabled;
        private float _kwsThreshold;
        private float _anomalyThreshold;

        /// <param name="audio">The microphone, or null when the board has none.</param>
        /// <param name="motion">The IMU, or null when the board has none.</param>
        public DeviceApp(IAudioInput audio, IMotionInput motion, IReportSink sink, IClock clock, IStateStore store,
            IModelSource models)
            : this(audio, motion, sink, clock, store, models, null, 0)
        {
        }

        /// <param name="audio">The microphone, or null when the board has none.</param>
        /// <param name="motion">The IMU, or null when the board has none.</param>
        /// <param name="modelStore">Where model updates are staged and installed, or null: updates are refused (Unavailable).</param>
        /// <param name="controlSession">A value that differs from boot to boot (random): signed Control commands name it,
        /// so commands recorded before a reboot do not replay after it.</param>
        public DeviceApp(IAudioInput audio, IMotionInput motion, IReportSink sink, IClock clock, IStateStore store,
            IModelSource models, IModelStore modelStore, uint controlSession)
        {
            if (sink == null || clock == null || store == null || models == null)
            {
                throw new ArgumentNullException(sink == null ? "sink" : clock == null ? "clock" : store == null ? "store" : "models");
            }

            _audio = audio;
            _motion = motion;
            _sink = sink;
            _clock = clock;
            _store = store;
            _models = models;
            _modelStore = modelStore;
            _session = controlSession;
            _updater = new ModelUpdater(modelStore, new Installer(this));
            if (modelStore != null && modelStore.HasStaging)
            {
                // power went while an update was staged: the models in service are whole, the partial one goes
                Debug.WriteLine("[update] a staged update from before the restart was discarded");
                _updater.Abort();
            }
        }

        /// <summary>A Reboot command was accepted: the device restarts once its response is out.</summary>
        public bool RebootRequested { get; private set; }

        /// <summary>The session signed Control commands must name.</summary>
        public uint ControlSession => _session;

        /// <summary>The model update state machine.</summary>
        public ModelUpdater Updater => _updater;

        /// <summary>The configuration in force (the last good one); null until one was applied.</summary>
        public DeviceConfig Config => _config;

        /// <summary>The running keyword pipeline, or null.</summary>
        public KwsPipeline Kws => _kws;

        /// <summary>The running vibration pipeline, or null.</summary>
        public VibrationPipeline Vibration => _vibration;

        /// <summary>
        /// Validates the text and starts the pipelines it enables. Refused text, or a pipeline that cannot start while a
        /// last good configuration runs, leaves everything as it was (Rejected); at the first configuration a pipeline
        /// that cannot start stays off (Degraded). Each problem is published as a Fault report.
        /// </summary>
        public ConfigApplyResult ApplyConfig(string text)
        {
            lock (_gate)
            {
                long now = _clock.Milliseconds;
                DeviceConfig candidate;
                try
                {
                    candidate = ConfigParser.Parse(text);
                }
                catch (ConfigException e)
                {
                    Debug.WriteLine("[core] " + e.Message);
                    PublishFault(new FaultReport(FaultCode.ConfigRejected, FaultSource.Config, (uint)now, 0, 1,
                        e.Errors[0].ToString()));
                    return ConfigApplyResult.Rejected;
                }

                string kwsProblem = null;
                string vibrationProblem = null;
                KwsPipeline kws = candidate.Kws.Enabled ? BuildKws(candidate, out kwsProblem) : null;
                VibrationPipeline vibration = candidate.Vibration.Enabled ? BuildVibration(candidate, out vibrationProblem) : null;
                bool failed = kwsProblem != null || vibrationProblem != null;
                if (kwsProblem != null)
                {
                    PublishFault(new FaultReport(FaultCode.ModelRejected, FaultSource.Kws, (uint)now, 0, 1, kwsProblem));
                }

                if (vibrationProblem != null)
                {
                    PublishFault(new FaultReport(FaultCode.ModelRejected, FaultSource.Vibration, (uint)now, 0, 1, vibrationProblem));
                }

                if (failed && _config != null)
                {
                    Dispose(kws, vibration);
                    Debug.WriteLine("[core] configuration refused; the last good one stays");
                    return ConfigApplyResult.Rejected;
                }

                Retire(_kws, _vibration);
                _kws = kws;
                _vibration = vibration;
                _config = candidate;
                _kwsEnabled = candidate.Kws.Enabled;
                _vibrationEnabled = candidate.Vibration.Enabled;
                _kwsThreshold = 0; // a new configuration drops what Control changed
                _anomalyThreshold = 0;
                if (_kws != null)
                {
                    _kws.Smoother.Threshold = candidate.Kws.Threshold;
                }

                if (_vibration != null)
                {
                    _vibration.ThresholdOverride = 0;
                }

                _updater.SetKey(candidate.Ble.AuthKey);
                _kwsRestart.Succeeded();
                _vibrationRestart.Succeeded();
                _nextStatusMs = now + candidate.Ble.StatusIntervalS * 1000L;
                _nextSummaryMs = now + candidate.Vibration.SummaryIntervalS * 1000L;
                PublishPendingFault(now);
                return failed ? ConfigApplyResult.Degraded : ConfigApplyResult.Applied;
            }
        }

        /// <summary>
        /// One round: read what the sensors have ready (bounded), run one slice of engine work (the features of one window
        /// or OperatorsPerStep model operators, alternating between the pipelines), send what is due. Never throws.
        /// Returns true when work is left (call again at once), false when idle.
        /// </summary>
        public bool Step()
        {
            lock (_gate)
            {
                if (_config == null)
                {
                    return false;
                }

                long now = _clock.Milliseconds;
                bool busy = false;
                try
                {
                    busy |= PollAudio(now);
                    busy |= PollMotion(now);
                    busy |= Compute(now);
                    Periodic(now);
                    _updater.Expire(now);
                }
                catch (Exception e)
                {
                    // a bug, not a fault the pipelines know: report it and keep running
                    PublishFault(new FaultReport(FaultCode.Internal, FaultSource.App, (uint)now, 0, 1, e.Message));
                }

                return busy;
            }
        }

        /// <summary>Forgets the anomaly baseline (also the stored one) and learns normal again.</summary>
        public void Recalibrate()
        {
            lock (_gate)
            {
                if (_vibration != null)
                {
                    _vibration.Recalibrate();
                    PublishPendingFault(_clock.Milliseconds);
                }
            }
        }

        /// <summary>A snapshot of the device for the Status characteristic.</summary>
        public StatusReport Status()
        {
            lock (_gate)
            {
                StatusReport s = new StatusReport();
                s.UptimeS = (uint)(_clock.Milliseconds / 1000);
                s.KwsEnabled = _config != null && _kwsEnabled;
                s.KwsRunning = _kws != null;
                s.VibrationEnabled = _config != null && _vibrationEnabled;
                s.VibrationRunning = _vibration != null;
                s.Calibrated = _vibration != null && _vibration.Calibrated;
                s.AlarmActive = _vibration != null && _vibration.Alarm.Active;
                s.UsesAutoencoder = _vibration != null && _vibration.UsesAutoencoder;
                s.KeywordEvents = _keywordEvents;
                s.AlarmsRaised = (int)(_alarmsRaised + (_vibration != null ? _vibration.AlarmsRaised : 0));
                s.KwsLatencyMs = _kws != null ? _kws.LastLatencyMs : 0;
                s.Faults = _faults;
                s.LastFault = _lastFault;
                s.CalibrationPercent = _vibration != null ? _vibration.CalibrationPercent : 0;
                s.KwsInferences = (uint)(_kwsInferences + (_kws != null ? _kws.Inferences : 0));
                return s;
            }
        }

        /// <summary>Versions and memory for the DeviceInfo characteristic; the device measures the free heaps (-1: unknown).</summary>
        public DeviceInfo Info(int managedFreeKiB, int nativeFreeKiB)
        {
            lock (_gate)
            {
                DeviceInfo d = new DeviceInfo();
                d.KeySet = _config != null && _config.Ble.AuthKey != null;
                d.UpdateReceiving = _updater.Receiving;
                d.FirmwareMajor = FirmwareMajor;
                d.FirmwareMinor = FirmwareMinor;
                d.KwsModelVersion = _modelStore != null ? _modelStore.Version(ModelUpdater.Slot(UpdateTarget.Kws)) : 0;
                d.VibrationModelVersion = _modelStore != null ? _modelStore.Version(ModelUpdater.Slot(UpdateTarget.Vibration)) : 0;
                d.KwsArenaBytes = _kws != null ? _kws.ArenaBytes : 0;
                d.VibrationArenaBytes = _vibration != null ? _vibration.ArenaBytes : 0;
                d.ManagedFreeKiB = managedFreeKiB < 0 ? 65535 : managedFreeKiB;
                d.NativeFreeKiB = nativeFreeKiB < 0 ? 65535 : nativeFreeKiB;
                return d;
            }
        }

        /// <summary>
        /// One Control write: checks format, tag, session and counter (a replay is refused), then runs the command.
        /// Publishes the response on the Control channel and returns it encoded.
        /// </summary>
        public byte[] ReceiveControl(byte[] message)
        {
            lock (_gate)
            {
                int opcode = message != null && message.Length > 1 ? message[1] : 0;
                CommandResult result = ControlCodec.Read(message, _config != null ? _config.Ble.AuthKey : null,
                    out ControlCommand command);
                if (result == CommandResult.Ok && command.Opcode != ControlOpcode.Hello)
                {
                    result = command.Session != _session ? CommandResult.WrongSession
                        : command.Counter <= _lastCounter ? CommandResult.Replayed
                        : CommandResult.Ok;
                    if (result == CommandResult.Ok)
                    {
                        _lastCounter = command.Counter; // spent, whatever the command does
                        result = Execute(command);
                    }
                }

                if (result != CommandResult.Ok)
                {
                    Debug.WriteLine("[control] opcode " + opcode + " refused: " + (int)result);
                }

                byte[] response = ControlCodec.Encode(new ControlResponse(opcode, result, _session, _lastCounter));
                Publish(ReportChannel.Control, response);
                return response;
            }
        }

        /// <summary>One ModelUpdate write (ModelUpdater); publishes the response on the ModelUpdate channel and returns it encoded.</summary>
        public byte[] ReceiveModelUpdate(byte[] message)
        {
            lock (_gate)
            {
                byte[] response = UpdateCodec.Encode(_updater.Handle(message, _clock.Milliseconds));
                Publish(ReportChannel.ModelUpdate, response);
                return response;
            }
        }

        /// <summary>The Status payload, e.g. for a BLE read request.</summary>
        public byte[] EncodeStatus() => ReportCodec.Encode(Status());

        /// <summary>Notifies the Status payload now (it is also sent every status_interval_s).</summary>
        public void PublishStatus()
        {
            byte[] payload = EncodeStatus();
            lock (_gate)
            {
                Publish(ReportChannel.Status, payload);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                Dispose(_kws, _vibration);
                _kws = null;
                _vibration = null;
            }
        }

        private bool PollAudio(long now)
        {
            if (_kws == null)
            {
                RestartKws(now);
                return false;
            }

            if (!_microphoneRetry.Due(now))
            {
                return false;
            }

            int read = 0;
            try
            {
                // up to a chunk, in as many calls as the driver needs (the I2S adapter hands over 20 ms per call)
                int got;
                while (read < _pcm.Length && (got = _audio.Read(_pcm, read, _pcm.Length - read)) > 0)
                {
                    read += got;
                }
            }
            catch (SensorFaultException e)
            {
                int delay = e.StreamResumed ? _microphoneRetry.Resumed(now) : _microphoneRetry.Failed(now);
                PublishFault(new FaultReport(FaultCode.SensorFailed, FaultSource.Microphone, (uint)now, delay,
                    _microphoneRetry.Failures, e.Message));
                ResetKwsStream(now); // the samples after the gap do not belong with those before it
                return false;
            }

            if (read <= 0)
            {
                return false;
            }

            if (_microphoneRetry.Failing)
            {
                _microphoneRetry.Succeeded();
                PublishFault(new FaultReport(FaultCode.SensorRecovered, FaultSource.Microphone, (uint)now, 0, 0, "delivering again"));
            }

            try
            {
                _kws.AcceptSamples(_pcm, 0, read > _pcm.Length ? _pcm.Length : read);
            }
            catch (Exception e)
            {
                KwsFailed(now, e);
                return false;
            }

            return read >= _pcm.Length;
        }

        private bool PollMotion(long now)
        {
            if (_vibration == null)
            {
                RestartVibration(now);
                return false;
            }

            if (!_imuRetry.Due(now))
            {
                return false;
            }

            int read;
            try
            {
                read = _vibration.Fill(_motion, MotionChunkSamples);
            }
            catch (SensorFaultException e)
            {
                int delay = e.StreamResumed ? _imuRetry.Resumed(now) : _imuRetry.Failed(now);
                PublishFault(new FaultReport(FaultCode.SensorFailed, FaultSource.Imu, (uint)now, delay, _imuRetry.Failures,
                    e.Message));
                _vibration.ResetStream(); // no window may span the gap
                return false;
            }

            if (read > 0 && _imuRetry.Failing)
            {
                _imuRetry.Succeeded();
                PublishFault(new FaultReport(FaultCode.SensorRecovered, FaultSource.Imu, (uint)now, 0, 0, "delivering again"));
            }

            return read >= MotionChunkSamples;
        }

        // One slice of engine work; the pipelines take turns when both have some.
        private bool Compute(long now)
        {
            bool kwsWork = _kws != null && _kws.HasWork;
            bool vibrationWork = _vibration != null && _vibration.HasWork;
            if (!kwsWork && !vibrationWork)
            {
                return false;
            }

            bool kwsNow = kwsWork && (!vibrationWork || _kwsTurn);
            _kwsTurn = !kwsNow;
            if (kwsNow)
            {
                try
                {
                    KeywordEvent e = _kws.Advance(OperatorsPerStep, now);
                    if (e != null)
                    {
                        _keywordEvents++;
                        e.Sequence = NextSequence(ReportChannel.KeywordEvent);
                        Debug.WriteLine("[core] keyword " + e.Label + " " + e.Confidence);
                        Publish(ReportChannel.KeywordEvent, ReportCodec.Encode(e));
                    }
                }
                catch (Exception e)
                {
                    KwsFailed(now, e);
                }
            }
            else
            {
                try
                {
                    AnomalyReport report = _vibration.Advance(OperatorsPerStep, now);
                    if (report != null)
                    {
                        PublishAnomaly(report);
                    }

                    PublishPendingFault(now);
                }
                catch (Exception e)
                {
                    VibrationFailed(now, e);
                }
            }

            return (_kws != null && _kws.HasWork) || (_vibration != null && _vibration.HasWork);
        }

        private void Periodic(long now)
        {
            if (now >= _nextStatusMs)
            {
                _nextStatusMs = Next(_nextStatusMs, now, _config.Ble.StatusIntervalS);
                Publish(ReportChannel.Status, ReportCodec.Encode(Status()));
            }

            if (now >= _nextSummaryMs)
            {
                _nextSummaryMs = Next(_nextSummaryMs, now, _config.Vibration.SummaryIntervalS);
                AnomalyReport summary = _vibration != null ? _vibration.Summary(now) : null;
                if (summary != null)
                {
                    PublishAnomaly(summary);
                }
            }
        }

        // Keeps a steady period; after a long stall, starts again from now rather than firing a burst.
        private static long Next(long due, long now, int periodS)
        {
            long next = due + periodS * 1000L;
            return next > now ? next : now + periodS * 1000L;
        }

        private void RestartKws(long now)
        {
            if (!_kwsEnabled || !_kwsRestart.Failing || !_kwsRestart.Due(now))
            {
                return;
            }

            _kws = BuildKws(_config, out string problem);
            if (_kws != null)
            {
                _kwsRestart.Succeeded();
                Debug.WriteLine("[core] keyword pipeline restarted");
                return;
            }

            int delay = _kwsRestart.Failed(now);
            PublishFault(new FaultReport(FaultCode.EngineFailed, FaultSource.Kws, (uint)now, delay, _kwsRestart.Failures, problem));
        }

        private void RestartVibration(long now)
        {
            if (!_vibrationEnabled || !_vibrationRestart.Failing || !_vibrationRestart.Due(now))
            {
                return;
            }

            _vibration = BuildVibration(_config, out string problem);
            if (_vibration != null)
            {
                _vibrationRestart.Succeeded();
                PublishPendingFault(now);
                Debug.WriteLine("[core] vibration pipeline restarted");
                return;
            }

            int delay = _vibrationRestart.Failed(now);
            PublishFault(new FaultReport(FaultCode.EngineFailed, FaultSource.Vibration, (uint)now, delay,
                _vibrationRestart.Failures, problem));
        }

        private void ResetKwsStream(long now)
        {
            try
            {
                _kws.ResetStream();
            }
            catch (Exception e)
            {
                KwsFailed(now, e);
            }
        }

        private void KwsFailed(long now, Exception e)
        {
            Retire(_kws, null);
            _kws = null;
            int delay = _kwsRestart.Failed(now);
            PublishFault(new FaultReport(FaultCode.EngineFailed, FaultSource.Kws, (uint)now, delay, _kwsRestart.Failures, e.Message));
        }

        private void VibrationFailed(long now, Exception e)
        {
            Retire(null, _vibration);
            _vibration = null;
            int delay = _vibrationRestart.Failed(now);
            PublishFault(new FaultReport(FaultCode.EngineFailed, FaultSource.Vibration, (uint)now, delay,
                _vibrationRestart.Failures, e.Message));
        }

        private KwsPipeline BuildKws(DeviceConfig config, out string problem)
        {
            problem = null;
            string name = config.Kws.Model;
            if (_audio == null)
            {
                problem = "no microphone on this board";
                return null;
            }

            if (_audio.SampleRate != ConfigParser.MicrophoneRateHz)
            {
                problem = "the microphone runs at " + _audio.SampleRate + " Hz, not 16000";
                return null;
            }

            try
            {
                byte[] model = ModelBytes(UpdateTarget.Kws, name);
                if (model == null)
                {
                    problem = name + ": no such model file";
                    return null;
                }

                KwsPipeline kws = new KwsPipeline(config.Kws, model);
                if (_kwsThreshold > 0)
                {
                    kws.Smoother.Threshold = _kwsThreshold;
                }

                return kws;
            }
            catch (Exception e)
            {
                problem = name + ": " + e.Message;
                return null;
            }
        }

        private VibrationPipeline BuildVibration(DeviceConfig config, out string problem)
        {
            problem = null;
            string name = config.Vibration.Model;
            if (_motion == null)
            {
                problem = "no IMU on this board";
                return null;
            }

            try
            {
                byte[] autoencoder = ModelBytes(UpdateTarget.Vibration, name);
                if (autoencoder == null && name.Length > 0)
                {
                    problem = name + ": no such model file";
                    return null;
                }

                return NewVibration(config, autoencoder);
            }
            catch (Exception e)
            {
                problem = (name.Length > 0 ? name + ": " : "vibration: ") + e.Message;
                return null;
            }
        }

        private VibrationPipeline NewVibration(DeviceConfig config, byte[] autoencoder)
        {
            VibrationPipeline vibration = new VibrationPipeline(config.Vibration, _motion.SampleRate, _motion.Axes,
                _motion.FullScaleG, autoencoder, _store);
            vibration.ThresholdOverride = _anomalyThreshold;
            return vibration;
        }

        // An installed update takes the place of the model the configuration names.
        private byte[] ModelBytes(UpdateTarget target, string name)
        {
            byte[] installed = _modelStore != null ? _modelStore.Current(ModelUpdater.Slot(target)) : null;
            if (installed != null)
            {
                return installed;
            }

            return name.Length > 0 ? _models.Load(name) : null;
        }

        private CommandResult Execute(ControlCommand c)
        {
            long now = _clock.Milliseconds;
            switch (c.Opcode)
            {
                case ControlOpcode.SetKwsThreshold:
                    if (!(c.Threshold >= 0.01f && c.Threshold <= 1))
                    {
                        return CommandResult.InvalidArgument;
                    }

                    _kwsThreshold = c.Threshold;
                    if (_kws != null)
                    {
                        _kws.Smoother.Threshold = c.Threshold;
                    }

                    return CommandResult.Ok;
                case ControlOpcode.SetAnomalyThreshold:
                    if (!(c.Threshold >= 0) || float.IsInfinity(c.Threshold))
                    {
                        return CommandResult.InvalidArgument;
                    }

                    _anomalyThreshold = c.Threshold;
                    if (_vibration != null)
                    {
                        _vibration.ThresholdOverride = c.Threshold;
                    }

                    return CommandResult.Ok;
                case ControlOpcode.Recalibrate:
                    if (_vibration == null)
                    {
                        return CommandResult.Unavailable;
                    }

                    Recalibrate();
                    return CommandResult.Ok;
                case ControlOpcode.SetPipeline:
                    return SetPipeline(c.Pipeline, c.Enabled, now);
                case ControlOpcode.Reboot:
                    RebootRequested = true;
                    return CommandResult.Ok;
                default:
                    return CommandResult.UnknownCommand;
            }
        }

        private CommandResult SetPipeline(int pipeline, bool enabled, long now)
        {
            if (pipeline == 1)
            {
                if (!enabled)
                {
                    Retire(_kws, null);
                    _kws = null;
                    _kwsEnabled = false;
                    return CommandResult.Ok;
                }

                if (_kws == null)
                {
                    _kws = BuildKws(_config, out string problem);
                    if (_kws == null)
                    {
                        PublishFault(new FaultReport(FaultCode.ModelRejected, FaultSource.Kws, (uint)now, 0, 1, problem));
                        return CommandResult.Unavailable;
                    }

                    _kwsRestart.Succeeded();
                }

                _kwsEnabled = true;
                return CommandResult.Ok;
            }

            if (pipeline == 2)
            {
                if (!enabled)
                {
                    Retire(null, _vibration);
                    _vibration = null;
                    _vibrationEnabled = false;
                    return CommandResult.Ok;
                }

                if (_vibration == null)
                {
                    _vibration = BuildVibration(_config, out string problem);
                    if (_vibration == null)
                    {
                        PublishFault(new FaultReport(FaultCode.ModelRejected, FaultSource.Vibration, (uint)now, 0, 1, problem));
                        return CommandResult.Unavailable;
                    }

                    _vibrationRestart.Succeeded();
                    PublishPendingFault(now);
                }

                _vibrationEnabled = true;
                return CommandResult.Ok;
            }

            return CommandResult.InvalidArgument;
        }

        // Validates an update's model by building the pipeline that will run it (the engine loads and plans it, the pipeline
        // checks its shapes), and swaps that pipeline in once the store has committed the model.
        private sealed class Installer : IModelInstaller
        {
            private readonly DeviceApp _app;

            public Installer(DeviceApp app)
            {
                _app = app;
            }

            public object Prepare(UpdateTarget target, byte[] model, out string problem)
            {
                problem = null;
                DeviceApp app = _app;
                try
                {
                    if (target == UpdateTarget.Kws && app._config != null && app._kwsEnabled && app._audio != null)
                    {
                        KwsPipeline kws = new KwsPipeline(app._config.Kws, model);
                        if (app._kwsThreshold > 0)
                        {
                            kws.Smoother.Threshold = app._kwsThreshold;
                        }

                        return kws;
                    }

                    if (target == UpdateTarget.Vibration && app._config != null && app._vibrationEnabled && app._motion != null)
                    {
                        return app.NewVibration(app._config, model);
                    }

                    // nothing runs this model now: the engine still has to take it
                    Model check = new Model(model);
                    check.Dispose();
                    return null;
                }
                catch (Exception e)
                {
                    problem = e.Message;
                    return null;
                }
            }

            public void Activate(UpdateTarget target, object prepared)
            {
                DeviceApp app = _app;
                if (prepared is KwsPipeline kws)
                {
                    app.Retire(app._kws, null);
                    app._kws = kws;
                    app._kwsRestart.Succeeded();
                }
                else if (prepared is VibrationPipeline vibration)
                {
                    app.Retire(null, app._vibration);
                    app._vibration = vibration;
                    app._vibrationRestart.Succeeded();
                    app.PublishPendingFault(app._clock.Milliseconds);
                }
            }

            public void Discard(object prepared)
            {
                if (prepared is KwsPipeline kws)
                {
                    kws.Dispose();
                }
                else if (prepared is VibrationPipeline vibration)
                {
                    vibration.Dispose();
                }
            }
        }

        private void PublishAnomaly(AnomalyReport report)
        {
            report.Sequence = NextSequence(ReportChannel.AnomalyReport);
            Debug.WriteLine("[core] anomaly report " + (int)report.Kind + " score " + report.Score);
            Publish(ReportChannel.AnomalyReport, ReportCodec.Encode(report));
        }

        private void PublishPendingFault(long now)
        {
            FaultReport fault = _vibration != null ? _vibration.TakePendingFault(now) : null;
            if (fault != null)
            {
                PublishFault(fault);
            }
        }

        private void PublishFault(FaultReport fault)
        {
            _faults++;
            _lastFault = fault.Code;
            fault.Sequence = NextSequence(ReportChannel.Fault);
            Debug.WriteLine("[core] fault " + (int)fault.Code + " source " + (int)fault.Source + ": " + fault.Reason);
            Publish(ReportChannel.Fault, ReportCodec.Encode(fault));
        }

        private ushort NextSequence(ReportChannel channel)
        {
            ushort sequence = _sequences[(int)channel];
            _sequences[(int)channel] = (ushort)(sequence + 1);
            return sequence;
        }

        private void Publish(ReportChannel channel, byte[] payload)
        {
            try
            {
                _sink.Publish(channel, payload);
            }
            catch (Exception e)
            {
                Debug.WriteLine("[core] report lost: " + e.Message); // the sink should not throw; never let it stop the app
            }
        }

        // Keeps the counters of pipelines that stop (the Status report counts since boot), then frees them.
        private void Retire(KwsPipeline kws, VibrationPipeline vibration)
        {
            if (kws != null)
            {
                _kwsInferences += kws.Inferences;
            }

            if (vibration != null)
            {
                _alarmsRaised += vibration.AlarmsRaised;
            }

            Dispose(kws, vibration);
        }

        private static void Dispose(KwsPipeline kws, VibrationPipeline vibration)
        {
            if (kws != null)
            {
                kws.Dispose();
            }

            if (vibration != null)
            {
                vibration.Dispose();
            }
        }
    }
}
