using System;
using System.Device.Gpio;

namespace TinyMlDevice.Board
{
    /// <summary>
    /// nf.config [board] status_led_pin: a 50 ms flash every second while all is well, a 150 ms blink while a sensor is
    /// faulted. A pin of -1 means no LED. Writes the pin only when its state changes.
    /// </summary>
    public sealed class StatusLed : IDisposable
    {
        public const int HeartbeatPeriodMs = 1000;
        public const int HeartbeatOnMs = 50;
        public const int FaultHalfPeriodMs = 150;

        private readonly GpioController _controller;
        private readonly GpioPin _pin;
        private bool _on;

        public StatusLed(int pinNumber)
        {
            if (pinNumber < 0)
            {
                return;
            }

            _controller = new GpioController();
            _pin = _controller.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        public bool IsOn
        {
            get { return _on; }
        }

        /// <summary>Call from the main loop: sets the LED for the time nowMs.</summary>
        public void Update(long nowMs, bool faulted)
        {
            bool on = faulted
                ? (nowMs / FaultHalfPeriodMs) % 2 == 0
                : nowMs % HeartbeatPeriodMs < HeartbeatOnMs;
            Set(on);
        }

        public void Set(bool on)
        {
            if (on == _on)
            {
                return;
            }

            _on = on;
            if (_pin != null)
            {
                _pin.Write(on ? PinValue.High : PinValue.Low);
            }
        }

        public void Dispose()
        {
            if (_pin != null)
            {
                _pin.Dispose();
            }

            if (_controller != null)
            {
                _controller.Dispose();
            }
        }
    }
}
