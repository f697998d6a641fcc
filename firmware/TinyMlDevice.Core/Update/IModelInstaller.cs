namespace TinyMlDevice.Core
{
    /// <summary>What puts a verified model into service for ModelUpdater (DeviceApp: its pipelines).</summary>
    internal interface IModelInstaller
    {
        /// <summary>
        /// Builds what will run the model, which validates it through the engine (load, plan, the pipeline's shape checks);
        /// nothing in service changes. Returns it (null when no pipeline runs the target now, the model being valid), or
        /// sets problem when the model is refused.
        /// </summary>
        object Prepare(UpdateTarget target, byte[] model, out string problem);

        /// <summary>Swaps what Prepare built into service (called after the store committed the model).</summary>
        void Activate(UpdateTarget target, object prepared);

        /// <summary>Frees what Prepare built when the update fails after all.</summary>
        void Discard(object prepared);
    }
}
