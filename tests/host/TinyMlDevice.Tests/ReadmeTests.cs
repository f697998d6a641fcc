using System.Text.RegularExpressions;
using TinyMlDevice.Core;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// The README's board guide stays true: its per-board nf.config blocks pass the firmware's own parser.
public class ReadmeTests
{
    [Fact]
    public void Every_board_override_in_Run_on_a_board_is_a_valid_nf_config()
    {
        string readme = File.ReadAllText(Repo.Path("README.md"));
        MatchCollection blocks = Regex.Matches(readme, "```ini\n(# nf.config for (?<board>[^\n(]+)[^\n]*\n(?<text>.*?))```", RegexOptions.Singleline);

        Assert.Equal(2, blocks.Count);
        foreach (Match block in blocks)
        {
            DeviceConfig config = ConfigParser.Parse(block.Groups["text"].Value);
            Assert.NotNull(config);
        }
    }

    [Fact]
    public void The_C3_and_S3_overrides_name_their_targets()
    {
        string readme = File.ReadAllText(Repo.Path("README.md"));
        MatchCollection blocks = Regex.Matches(readme, "```ini\n# nf.config for (?<board>[^\n(]+)[^\n]*\n(?<text>.*?)```", RegexOptions.Singleline);

        Assert.Equal(BoardTarget.Esp32C3, ConfigParser.Parse(blocks[0].Groups["text"].Value).Board.Target);
        Assert.Equal(BoardTarget.Esp32S3Quad, ConfigParser.Parse(blocks[1].Groups["text"].Value).Board.Target);
    }
}
