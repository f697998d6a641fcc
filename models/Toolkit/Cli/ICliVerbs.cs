using System.CommandLine;

namespace TinyMl.Toolkit.Cli;

/// <summary>A group of top-level verbs; Program discovers every implementation by reflection.</summary>
public interface ICliVerbs
{
    IEnumerable<Command> Commands();
}
