using System;
using TinyMl;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// Vibration anomaly detection from IMU samples to AnomalyReports: overlapping windows (WindowBuffer) → native features
    /// → optionally an int8 autoencoder whose reconstruction error becomes one more feature → the native AnomalyBaseline
    /// (learn-normal phase, then a score and a flag per window) → the alarm with hysteresis. A calibrated baseline is
    /// saved to the IStateStore and restored at the next start when the setup is unchanged.
    /// </summary>
    public sealed class VibrationPipeline : IDisposable
    {
        /// <summary>The IStateStore name of the saved baseline.</summary>
        public const string BaselineStateName = "vibration.baseline";

        private readonly VibrationSettings _settings;
        private readonly IStateStore _store;
        private readonly WindowBuffer _windows;
        private readonly VibrationFeatures _features;
        private readonly AnomalyBaseline _baseline;
        private readonly AlarmStateMachine _alarm;
        private readonly BaselineRecord _setup;
        private readonly float[] _featureValues;
        private readonly float[] _baselineInput;
        private readonly Model _model;
        private readonly Interpreter _interpreter;
        private readonly SteppedInference _inference;
        private readonly sbyte[] _quantized;
        private readonly sbyte[] _reconstruction;
        private readonly float _inputScale;
        private readonly int _inputZeroPoint;
        private readonly float _outputScale;
        private readonly int _outputZeroPoint;
        private bool _discard;

        // the current summary period
        private int _periodWindows;
        private int _periodAnomalous;
        private float _periodMaxScore;

        /// <param name="settings">[vibration] of the configuration.</param>
        /// <param name="sampleRateHz">The IMU's actual rate.</param>
        /// <param name="axes">Values per sample (1 to 3).</param>
        /// <param name="fullScaleG">The IMU's range.</param>
        /// <param name="autoencoder">The autoencoder model file, or null to score the features alone.</param>
        /// <param name="store">Where the calibrated baseline is kept.</param>
        /// <exception cref="TinyMlException">The engine refused the settings or the model.</exception>
        /// <exception cref="ArgumentException">The autoencoder's input or output does not match the features.</exception>
        public VibrationPipeline(VibrationSettings settings, int sampleRateHz, int axes, float fullScaleG, byte[] autoencoder,
            IStateStore store)
        {
            _settings = settings;
            _store = store;
            try
            {
                _features = new VibrationFeatures(settings.WindowSamples, axes, sampleRateHz, fullScaleG, settings.Bands);
                int count = _features.FeatureCount;
                _featureValues = new float[count];
                if (autoencoder != null)
                {
                    _model = new Model(autoencoder);
                    TensorInfo input = _model.InputCount == 1 && _model.OutputCount >= 1 ? _model.Input(0) : null;
                    TensorInfo output = input != null ? _model.Output(0) : null;
                    if (input == null || input.Type != TensorType.Int8 || input.Bytes != count ||
                        output.Type != TensorType.Int8 || output.Bytes != count || !(input.Scale > 0) || !(output.Scale > 0))
                    {
                        throw new ArgumentException("the autoencoder must map " + count + " quantized int8 features to " +
                            count + " int8 values (" + axes + " axes x (4 + " + settings.Bands + " bands))");
                    }

                    _interpreter = new Interpreter(_model);
                    _inference = new SteppedInference(_interpreter);
                    _inputScale = input.Scale;
                    _inputZeroPoint = input.ZeroPoint;
                    _outputScale = output.Scale;
                    _outputZeroPoint = output.ZeroPoint;
                    _quantized = new sbyte[count];
                    _reconstruction = new sbyte[count];
                    float[] offsets = new float[count];
                    float[] scales = new float[count];
                    for (int i = 0; i < count; i++)
                    {
                        scales[i] = 1; // once, at start-up
                    }

                    _features.SetNormalization(offsets, scales, input.Scale, input.ZeroPoint);
                }

                _baselineInput = new float[count + (autoencoder != null ? 1 : 0)];
                CalibrationWindows = settings.CalibrationWindows(sampleRateHz);
                _baseline = new AnomalyBaseline(_baselineInput.Length, CalibrationWindows);
            }
            catch
            {
                Dispose();
                throw;
            }

            _windows = new WindowBuffer(settings.WindowSamples, settings.HopSamples, axes);
            _alarm = new AlarmStateMachine(settings.AlarmOnWindows, settings.AlarmOffWindows);
            _setup = new BaselineRecord(settings.WindowSamples, axes, settings.Bands, sampleRateHz, fullScaleG,
                autoencoder != null ? autoencoder.Length : 0);
            RestoreBaseline();
        }

        public VibrationSettings Settings => _settings;

        public WindowBuffer Windows => _windows;

        public AlarmStateMachine Alarm => _alarm;

        public int CalibrationWindows { get; }

        public bool UsesAutoencoder => _interpreter != null;

        public bool Calibrated => _baseline.Phase == AnomalyPhase.Ready;

        /// <summary>True when the baseline came from the store at start-up.</summary>
        public bool BaselineRestored { get; private set; }

        public int CalibrationPercent
        {
            get
            {
                if (Calibrated)
                {
                    return 100;
                }

                long percent = _baseline.Windows * 100 / CalibrationWindows;
                return percent > 99 ? 99 : (int)percent;
            }
        }

        public float Threshold => ThresholdOverride > 0 ? ThresholdOverride : _baseline.Threshold;

        /// <summary>A fixed anomaly threshold set by Control in place of the calibrated one; 0 (the default) for the calibrated one.</summary>
        public float ThresholdOverride { get; set; }

        /// <summary>The autoencoder interpreter's arena, bytes (0 without one).</summary>
        public int ArenaBytes => _model != null ? _model.ArenaBytes : 0;

        /// <summary>Score of the last window fed to the baseline (0 during its warm-up).</summary>
        public float LastScore { get; private set; }

        /// <summary>Windows fed to the baseline since start-up.</summary>
        public long WindowsProcessed { get; private set; }

        public long AlarmsRaised { get; private set; }

        /// <summary>True while a window is ready or the autoencoder runs.</summary>
        public bool HasWork => (_inference != null && _inference.Running) || _windows.WindowReady;

        /// <summary>A storage problem or a discarded baseline, waiting to be reported; null when none.</summary>
        public FaultReport PendingFault { get; private set; }

        /// <summary>Reads up to maxSamples samples from the IMU into the window buffer; returns how many.</summary>
        /// <exception cref="SensorFaultException">The IMU failed.</exception>
        public int Fill(IMotionInput input, int maxSamples) => _windows.Fill(input, maxSamples);

        /// <summary>
        /// One slice of work: the features of the next ready window (one native call), or up to maxOperators operators of
        /// the autoencoder. Returns the AlarmRaised/AlarmCleared report a finished window caused, or null.
        /// </summary>
        public AnomalyReport Advance(int maxOperators, long nowMs)
        {
            if (_inference != null && _inference.Running)
            {
                if (!_inference.Step(maxOperators) || _discard)
                {
                    return null;
                }

                _interpreter.GetOutput(0, _reconstruction);
                _baselineInput[_baselineInput.Length - 1] = ReconstructionError();
                return Score(nowMs);
            }

            if (!_windows.WindowReady)
            {
                return null;
            }

            short[] window = _windows.TakeWindow();
            if (_inference != null)
            {
                _features.Compute(window, _featureValues, _quantized);
                Array.Copy(_featureValues, _baselineInput, _featureValues.Length);
                _inference.Start(_quantized);
                _discard = false;
                return null;
            }

            _features.Compute(window, _baselineInput);
            return Score(nowMs);
        }

        /// <summary>The summary of the period since the last one, or null when no window was scored in it.</summary>
        public AnomalyReport Summary(long nowMs)
        {
            if (_periodWindows == 0)
            {
                return null;
            }

            AnomalyReport report = Report(AnomalyReportKind.Summary, nowMs, _periodMaxScore, _periodAnomalous);
            _periodWindows = 0;
            _periodAnomalous = 0;
            _periodMaxScore = 0;
            return report;
        }

        /// <summary>Forgets the baseline and the alarm and learns normal again (e.g. after maintenance).</summary>
        public void Recalibrate()
        {
            _baseline.Recalibrate();
            _alarm.Reset();
            try
            {
                _store.Delete(BaselineStateName);
            }
            catch (Exception e)
            {
                PendingFault = new FaultReport(FaultCode.StorageFailed, FaultSource.Storage, 0, 0, 1, e.Message);
            }
        }

        /// <summary>Starts the windows over after a gap in the samples; the baseline and the alarm carry on.</summary>
        public void ResetStream()
        {
            _windows.Reset();
            _discard = _inference != null && _inference.Running;
        }

        /// <summary>Returns the pending fault (with its time set to now) and clears it.</summary>
        public FaultReport TakePendingFault(long nowMs)
        {
            FaultReport fault = PendingFault;
            PendingFault = null;
            return fault == null ? null : new FaultReport(fault.Code, fault.Source, (uint)nowMs, fault.RetryInMs, fault.Attempt, fault.Reason);
        }

        public void Dispose()
        {
            if (_features != null)
            {
                _features.Dispose();
            }

            if (_baseline != null)
            {
                _baseline.Dispose();
            }

            if (_interpreter != null)
            {
                _interpreter.Dispose();
            }

            if (_model != null)
            {
                _model.Dispose();
            }
        }

        private AnomalyReport Score(long nowMs)
        {
            bool wasCalibrated = Calibrated;
            AnomalyResult result = _baseline.Feed(_baselineInput);
            WindowsProcessed++;
            LastScore = result.Score;
            _periodWindows++;
            if (result.Score > _periodMaxScore)
            {
                _periodMaxScore = result.Score;
            }

            if (!wasCalibrated)
            {
                if (Calibrated)
                {
                    SaveBaseline();
                }

                return null;
            }

            bool anomalous = ThresholdOverride > 0 ? result.Score > ThresholdOverride : result.Anomalous;
            if (anomalous)
            {
                _periodAnomalous++;
            }

            int run = _alarm.Run + 1;
            AlarmTransition transition = _alarm.Update(anomalous);
            if (transition == AlarmTransition.None)
            {
                return null;
            }

            if (transition == AlarmTransition.Raised)
            {
                AlarmsRaised++;
                return Report(AnomalyReportKind.AlarmRaised, nowMs, result.Score, run);
            }

            return Report(AnomalyReportKind.AlarmCleared, nowMs, result.Score, run);
        }

        private AnomalyReport Report(AnomalyReportKind kind, long nowMs, float score, int windows) =>
            new AnomalyReport(kind, (uint)nowMs, Calibrated, _alarm.Active, UsesAutoencoder, score, Threshold, windows,
                CalibrationPercent);

        // Mean squared difference between the autoencoder's input and output, in the features' normalized units: one
        // pass over the features (at most 108) once per window, a few times a second.
        private float ReconstructionError()
        {
            float sum = 0;
            for (int i = 0; i < _quantized.Length; i++)
            {
                float d = (_reconstruction[i] - _outputZeroPoint) * _outputScale - (_quantized[i] - _inputZeroPoint) * _inputScale;
                sum += d * d;
            }

            return sum / _quantized.Length;
        }

        private void SaveBaseline()
        {
            try
            {
                _setup.Baseline = _baseline.Save();
                _store.Save(BaselineStateName, _setup.Encode());
            }
            catch (Exception e)
            {
                PendingFault = new FaultReport(FaultCode.StorageFailed, FaultSource.Storage, 0, 0, 1,
                    "baseline not saved: " + e.Message);
            }
        }

        private void RestoreBaseline()
        {
            byte[] bytes;
            try
            {
                bytes = _store.Load(BaselineStateName);
            }
            catch (Exception e)
            {
                PendingFault = new FaultReport(FaultCode.StorageFailed, FaultSource.Storage, 0, 0, 1,
                    "baseline not loaded: " + e.Message);
                return;
            }

            if (bytes == null)
            {
                return;
            }

            string problem;
            try
            {
                BaselineRecord stored = BaselineRecord.Decode(bytes);
                if (stored.SameSetupAs(_setup))
                {
                    _baseline.Restore(stored.Baseline);
                    BaselineRestored = true;
                    return;
                }

                problem = "stored baseline is for another setup";
            }
            catch (ReportFormatException e)
            {
                problem = e.Message;
            }
            catch (TinyMlException e)
            {
                problem = e.Message;
            }

            // Left in the store: this pipeline may be a candidate that is refused, and the next calibration overwrites it.
            PendingFault = new FaultReport(FaultCode.BaselineDiscarded, FaultSource.Vibration, 0, 0, 1, problem);
        }
    }
}
