using System.CommandLine;
using System.Reflection;
using TinyMl.Toolkit.Cli;

// Every ICliVerbs in this assembly contributes verbs; verbs of the same name merge their subcommands (so
// `data kws` and `data vibration` can live in different files). A new verb group is one new file.
var root = new RootCommand("tinyml: make, compress, quantize, export and evaluate TinyMlDevice models");
foreach (var type in Assembly.GetExecutingAssembly().GetTypes()
             .Where(t => typeof(ICliVerbs).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
             .OrderBy(t => t.Name, StringComparer.Ordinal))
{
    foreach (var command in ((ICliVerbs)Activator.CreateInstance(type)!).Commands())
    {
        var existing = root.Subcommands.FirstOrDefault(c => c.Name == command.Name);
        if (existing is null)
            root.Subcommands.Add(command);
        else
            foreach (var sub in command.Subcommands.ToList())
                existing.Subcommands.Add(sub);
    }
}
return root.Parse(args).Invoke();
