using System.Reflection;
using System.Text;
using TinyMlDevice.Core;
using TinyMlDevice.Embedded;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// nf.config and the models as the image carries them: Resources.resx, the generated Resources class, the loaders.
public class ResourceTests
{
    private static readonly Type BinaryResources =
        typeof(Program).Assembly.GetType("TinyMlDevice.Resources+BinaryResources", throwOnError: true)!;

    [Fact]
    public void Every_id_in_Resources_Designer_is_the_resource_tools_hash_of_its_name()
    {
        string[] names = Enum.GetNames(BinaryResources);

        Assert.Equal(new[] { "KwsModel", "NfConfig", "VibrationModel" }, names.Order());
        foreach (string name in names)
        {
            Assert.Equal(ResourceIds.Of(name), Convert.ToInt16(Enum.Parse(BinaryResources, name)));
        }
    }

    [Fact]
    public void The_resource_id_hash_matches_known_values()
    {
        // fixed points of the generator's algorithm, worked by hand from its definition
        Assert.Equal(-10672, ResourceIds.Of("NfConfig"));
        Assert.Equal(ResourceIds.Of("a_b"), ResourceIds.Of("a.b"));
    }

    [Fact]
    public void The_resx_embeds_nf_config_and_the_model_files_nf_config_names()
    {
        ResxStore store = new(Repo.Path("firmware/TinyMlDevice/Resources.resx"));
        DeviceConfig config = ConfigParser.Parse(File.ReadAllText(Repo.Path("nf.config")));

        Assert.Equal(Repo.Path("nf.config"), store.Files["NfConfig"]);
        // a model slot nf.config leaves empty is not used; one it names must be that file
        foreach ((string resource, string model) in new[] { ("KwsModel", config.Kws.Model), ("VibrationModel", config.Vibration.Model) })
        {
            if (model.Length > 0)
            {
                Assert.Equal(Path.GetFullPath(Repo.Path(model)), store.Files[resource]);
            }
        }

        Assert.Equal(Path.GetFullPath(Repo.Path("models/kws/kws.tflite")), store.Files["KwsModel"]);
        Assert.Equal(Path.GetFullPath(Repo.Path("models/vibration/vibration.tflite")), store.Files["VibrationModel"]);
    }

    [Fact]
    public void The_embedded_config_is_the_repositorys_nf_config_and_parses()
    {
        using Rig rig = new();

        string? text = EmbeddedConfig.Text();
        DeviceConfig config = EmbeddedConfig.Load();

        Assert.Equal(File.ReadAllText(Repo.Path("nf.config")), text);
        Assert.Equal("TinyMlDevice", config.Ble.DeviceName);
    }

    [Fact]
    public void A_byte_order_mark_before_the_config_is_dropped()
    {
        using Rig rig = new();
        rig.Resources.Override("NfConfig", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[ble]\ndevice_name = X1\n")).ToArray());

        Assert.Equal("X1", EmbeddedConfig.Load().Ble.DeviceName);
    }

    [Fact]
    public void An_image_without_nf_config_gives_no_text_and_a_named_config_error()
    {
        using Rig rig = new();
        using IDisposable _ = Facades.Backends.ResourceBackend.Install(new EmptyStore());

        Assert.Null(EmbeddedConfig.Text());
        ConfigException e = Assert.Throws<ConfigException>(() => EmbeddedConfig.Load());
        Assert.Contains("no nf.config", e.Errors[0].Message);
    }

    [Fact]
    public void Models_load_by_the_file_names_nf_config_gives()
    {
        using Rig rig = new();
        DeviceConfig config = ConfigParser.Parse(
            "[kws]\nmodel = models/kws/kws.tflite\n[vibration]\nmodel = models/vibration/vibration.tflite\n");
        rig.Resources.Override("KwsModel", new byte[] { 1, 2, 3 });
        rig.Resources.Override("VibrationModel", new byte[] { 4, 5 });
        EmbeddedModels models = new(config);

        Assert.Equal(new byte[] { 1, 2, 3 }, models.Load("models/kws/kws.tflite"));
        Assert.Equal(new byte[] { 4, 5 }, models.Load("models/vibration/vibration.tflite"));
        Assert.Null(models.Load("models/other.tflite"));
        Assert.Null(models.Load(""));
    }

    [Fact]
    public void A_model_slot_nf_config_leaves_empty_is_never_loaded()
    {
        using Rig rig = new();
        rig.Resources.Override("VibrationModel", new byte[] { 4, 5 });
        EmbeddedModels models = new(ConfigParser.Parse("[vibration]\nmodel =\n"));

        Assert.Null(models.Load(""));
        Assert.Null(models.Load("models/vibration/vibration.tflite"));
    }

    [Fact]
    public void A_model_the_image_lacks_loads_as_null()
    {
        using Rig rig = new();
        using IDisposable _ = Facades.Backends.ResourceBackend.Install(new EmptyStore());
        DeviceConfig config = ConfigParser.Parse("");

        Assert.Null(new EmbeddedModels(config).Load(config.Kws.Model));
    }

    [Fact]
    public void ResourceUtility_reads_a_chunk_of_a_binary_resource()
    {
        using Rig rig = new();
        rig.Resources.Override("KwsModel", Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        System.Resources.ResourceManager manager = new("TinyMlDevice.Resources", typeof(Program).Assembly);
        Enum id = (Enum)Enum.Parse(BinaryResources, "KwsModel");

        byte[] chunk = (byte[])nanoFramework.Runtime.Native.ResourceUtility.GetObject(manager, id, 10, 5);

        Assert.Equal(new byte[] { 10, 11, 12, 13, 14 }, chunk);
    }

    private sealed class EmptyStore : Facades.Backends.IResourceStore
    {
        public object? GetObject(string baseName, short id) => null;
    }
}
