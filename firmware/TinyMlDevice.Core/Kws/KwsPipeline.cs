using System;
using TinyMl;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// Keyword spotting from 16 kHz samples to keyword events: the native audio frontend makes one 40-value int8 frame
    /// per 20 ms; the last 49 frames (about 1 s) slide in a FeatureRing; every StrideFrames frames the keyword model runs
    /// on the ring, a few operators per Advance call; its scores go through the PosteriorSmoother.
    /// </summary>
    public sealed class KwsPipeline : IDisposable
    {
        /// <summary>Frames the keyword model sees: 49 × 20 ms strides + 10 ms = 1 s of audio.</summary>
        public const int RingFrames = 49;

        // Frames one frontend call may write; a call with more samples stops early and the loop continues.
        private const int FramesPerPush = 8;

        private readonly KwsSettings _settings;
        private readonly Model _model;
        private readonly Interpreter _interpreter;
        private readonly AudioFrontend _frontend;
        private readonly FeatureRing _ring;
        private readonly PosteriorSmoother _smoother;
        private readonly SteppedInference _inference;
        private readonly sbyte[] _frames = new sbyte[FramesPerPush * AudioFrontend.FeaturesPerFrame];
        private readonly sbyte[] _scores;
        private int _framesSinceInference;
        private long _startedMs;
        private bool _discard;

        /// <summary>Loads the model and checks it fits the settings.</summary>
        /// <exception cref="TinyMlException">The engine refused the model.</exception>
        /// <exception cref="ArgumentException">The model's input or output does not match the pipeline or the labels.</exception>
        public KwsPipeline(KwsSettings settings, byte[] model)
        {
            _settings = settings;
            try
            {
                _model = new Model(model);
                CheckModel(_model, settings.Labels.Length);
                _interpreter = new Interpreter(_model);
                _frontend = new AudioFrontend();
            }
            catch
            {
                Dispose();
                throw;
            }

            TensorInfo output = _model.Output(0);
            bool[] ignored = new bool[settings.Labels.Length];
            for (int i = 0; i < ignored.Length; i++)
            {
                ignored[i] = settings.IsIgnored(i);
            }

            _scores = new sbyte[settings.Labels.Length];
            _ring = new FeatureRing(RingFrames, AudioFrontend.FeaturesPerFrame);
            _smoother = new PosteriorSmoother(ignored.Length, settings.AverageInferences, ignored, output.Scale,
                output.ZeroPoint, settings.Threshold, settings.RefractoryMs);
            _inference = new SteppedInference(_interpreter);
        }

        public KwsSettings Settings => _settings;

        /// <summary>The interpreter's arena, bytes.</summary>
        public int ArenaBytes => _model.ArenaBytes;

        public FeatureRing Ring => _ring;

        public PosteriorSmoother Smoother => _smoother;

        /// <summary>Inferences completed.</summary>
        public long Inferences { get; private set; }

        /// <summary>Milliseconds from the start of the last completed inference to its scores (spread over Advance calls).</summary>
        public int LastLatencyMs { get; private set; }

        /// <summary>True while an inference runs or one is due.</summary>
        public bool HasWork => _inference.Running || Due;

        private bool Due => _ring.Full && _framesSinceInference >= _settings.StrideFrames;

        /// <summary>Runs the samples through the frontend into the ring; returns the frames they completed.</summary>
        public int AcceptSamples(short[] pcm, int offset, int count)
        {
            int produced = 0;
            while (count > 0)
            {
                int written = _frontend.Push(pcm, offset, count, _frames);
                int consumed = _frontend.SamplesConsumed;
                _ring.Push(_frames, 0, written);
                produced += written;
                offset += consumed;
                count -= consumed;
                if (consumed == 0)
                {
                    break; // cannot happen with room for a frame; guards the loop all the same
                }
            }

            _framesSinceInference += produced;
            return produced;
        }

        /// <summary>
        /// Starts a due inference and runs up to maxOperators of its operators; returns the keyword event the finished
        /// inference raised, or null.
        /// </summary>
        public KeywordEvent Advance(int maxOperators, long nowMs)
        {
            if (!_inference.Running)
            {
                if (!Due)
                {
                    return null;
                }

                _inference.Start(_ring.Window);
                _framesSinceInference = 0;
                _startedMs = nowMs;
                _discard = false;
            }

            if (!_inference.Step(maxOperators))
            {
                return null;
            }

            if (_discard)
            {
                return null;
            }

            _interpreter.GetOutput(0, _scores);
            Inferences++;
            long latency = nowMs - _startedMs;
            LastLatencyMs = latency > int.MaxValue ? int.MaxValue : (int)latency;
            int label = _smoother.Update(_scores, nowMs);
            return label < 0 ? null : new KeywordEvent(label, _settings.Labels[label], _smoother.Confidence, (uint)nowMs);
        }

        /// <summary>Starts over after a gap in the audio: frontend noise state, ring and averages forgotten.</summary>
        public void ResetStream()
        {
            _frontend.Reset();
            _ring.Reset();
            _smoother.Reset();
            _framesSinceInference = 0;
            _discard = _inference.Running; // its input predates the gap
        }

        public void Dispose()
        {
            if (_frontend != null)
            {
                _frontend.Dispose();
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

        private static void CheckModel(Model model, int labels)
        {
            int inputBytes = RingFrames * AudioFrontend.FeaturesPerFrame;
            if (model.InputCount != 1 || model.Input(0).Type != TensorType.Int8 || model.Input(0).Bytes != inputBytes)
            {
                throw new ArgumentException("the keyword model must take one int8 input of " + inputBytes +
                    " values (" + RingFrames + " frames of " + AudioFrontend.FeaturesPerFrame + ")");
            }

            if (model.OutputCount < 1 || model.Output(0).Type != TensorType.Int8 || model.Output(0).Bytes != labels)
            {
                throw new ArgumentException("the keyword model's first output must be " + labels +
                    " int8 scores, one per configured label");
            }

            if (!(model.Output(0).Scale > 0))
            {
                throw new ArgumentException("the keyword model's scores are not quantized (scale 0)");
            }
        }
    }
}
