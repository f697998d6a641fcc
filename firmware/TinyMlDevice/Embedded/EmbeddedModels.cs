using System;
using TinyMlDevice.Core;

namespace TinyMlDevice.Embedded
{
    /// <summary>
    /// The models built into the image, found by the file names nf.config gives: the KwsModel resource is the file of
    /// [kws] model, VibrationModel the file of [vibration] model (Resources.resx points each resource at that file;
    /// a host test checks they agree). Each Load copies the blob from flash into a new managed array.
    /// </summary>
    public sealed class EmbeddedModels : IModelSource
    {
        private readonly string _kwsModel;
        private readonly string _vibrationModel;

        public EmbeddedModels(DeviceConfig config)
        {
            _kwsModel = config.Kws.Model;
            _vibrationModel = config.Vibration.Model;
        }

        public byte[] Load(string name)
        {
            if (name == null || name.Length == 0)
            {
                return null;
            }

            if (name == _kwsModel)
            {
                return Bytes(Resources.BinaryResources.KwsModel);
            }

            if (name == _vibrationModel)
            {
                return Bytes(Resources.BinaryResources.VibrationModel);
            }

            return null;
        }

        private static byte[] Bytes(Resources.BinaryResources id)
        {
            try
            {
                return Resources.GetBytes(id);
            }
            catch (Exception)
            {
                // the image was built without this model
                return null;
            }
        }
    }
}
