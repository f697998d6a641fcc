using System.Xml.Linq;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Tests.Fakes;

/// <summary>
/// Serves firmware/TinyMlDevice/Resources.resx the way the device image would: each ResXFileRef's file under the id
/// nanoFramework gives its name. Override replaces (or supplies) a resource's bytes; a file that does not exist is a
/// resource the image lacks.
/// </summary>
public sealed class ResxStore : IResourceStore
{
    public const string BaseName = "TinyMlDevice.Resources";

    private readonly Dictionary<short, string> _names = new();
    private readonly Dictionary<string, string> _files = new();
    private readonly Dictionary<string, byte[]> _overrides = new();

    public ResxStore(string resxPath)
    {
        string folder = Path.GetDirectoryName(resxPath)!;
        foreach (XElement data in XDocument.Load(resxPath).Root!.Elements("data"))
        {
            string name = (string)data.Attribute("name")!;
            string value = (string)data.Element("value")!;
            string relative = value.Split(';')[0].Replace('\\', '/');
            _names[ResourceIds.Of(name)] = name;
            _files[name] = Path.GetFullPath(Path.Combine(folder, relative));
        }
    }

    public IReadOnlyDictionary<string, string> Files => _files;

    public int Lookups { get; private set; }

    public void Override(string name, byte[] bytes) => _overrides[name] = bytes;

    public object? GetObject(string baseName, short id)
    {
        Lookups++;
        if (baseName != BaseName || !_names.TryGetValue(id, out string? name))
        {
            return null;
        }

        if (_overrides.TryGetValue(name, out byte[]? bytes))
        {
            return bytes;
        }

        return File.Exists(_files[name]) ? File.ReadAllBytes(_files[name]) : null;
    }
}
