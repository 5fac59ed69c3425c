using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RealtimeGrains.Infra.Tests.Infrastructure;

namespace RealtimeGrains.Infra.Tests.Azure;

/// <summary>The silo container app of the compiled template, with its module's variables to read constant expressions.</summary>
internal sealed partial class SiloApp
{
    private readonly JsonObject _variables;

    private SiloApp(JsonObject resource, JsonObject moduleTemplate)
    {
        Resource = resource;
        ModuleTemplate = moduleTemplate;
        _variables = moduleTemplate["variables"]?.AsObject() ?? [];
    }

    public JsonObject Resource { get; }

    /// <summary>The nested deployment's template (modules/silo-app.bicep compiled).</summary>
    public JsonObject ModuleTemplate { get; }

    public JsonObject Properties => Resource["properties"]!.AsObject();

    public JsonObject Container => Properties["template"]!["containers"]!.AsArray().Single()!.AsObject();

    public List<JsonObject> Env => Container["env"]!.AsArray().Select(e => e!.AsObject()).ToList();

    public static async Task<SiloApp> LoadAsync()
    {
        var template = await AzureTemplates.MainAsync();
        var module = AzureTemplates.Templates(template)
            .Single(t => AzureTemplates.DirectResources(t).Any(r => (string?)r["type"] == "Microsoft.App/containerApps"));
        return new SiloApp(AzureTemplates.DirectResources(module).Single(r => (string?)r["type"] == "Microsoft.App/containerApps"), module);
    }

    public JsonObject EnvVar(string name) => Env.SingleOrDefault(e => (string?)e["name"] == name) ?? throw new Xunit.Sdk.XunitException($"The silo app sets no {name}.");

    /// <summary>A literal, <c>[variables('x')]</c>, <c>[string(variables('x'))]</c> or <c>[format('…{0}…', variables('x'))]</c> as text.</summary>
    public string Constant(JsonNode? node)
    {
        var text = node?.ToString() ?? throw new Xunit.Sdk.XunitException("No value.");
        if (!text.StartsWith('['))
        {
            return text;
        }

        if (VariableExpression().Match(text) is { Success: true } variable)
        {
            return Variable(variable.Groups["name"].Value);
        }

        if (FormatExpression().Match(text) is { Success: true } format)
        {
            return format.Groups["format"].Value.Replace("{0}", Variable(format.Groups["name"].Value), StringComparison.Ordinal);
        }

        throw new Xunit.Sdk.XunitException($"'{text}' is not a constant expression of the silo module.");
    }

    private string Variable(string name) => _variables[name]?.ToString() ?? throw new Xunit.Sdk.XunitException($"The silo module has no variable '{name}'.");

    [GeneratedRegex(@"^\[(string\()?variables\('(?<name>\w+)'\)\)?\]$")]
    private static partial Regex VariableExpression();

    [GeneratedRegex(@"^\[format\('(?<format>[^']*)', variables\('(?<name>\w+)'\)\)\]$")]
    private static partial Regex FormatExpression();
}
