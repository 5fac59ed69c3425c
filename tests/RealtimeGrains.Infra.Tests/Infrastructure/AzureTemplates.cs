using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace RealtimeGrains.Infra.Tests.Infrastructure;

/// <summary><c>infra/azure</c>: its Bicep files, and main.bicep compiled once to an ARM template by the Bicep CLI.</summary>
internal static class AzureTemplates
{
    public static string Folder => Repository.Combine("infra", "azure");

    /// <summary>The environment variables main.bicepparam reads its two secrets from, with throwaway values of valid length.</summary>
    public static IReadOnlyDictionary<string, string> ParameterEnvironment { get; } = new Dictionary<string, string>
    {
        ["RG_SERVER_CREDENTIAL"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
        ["RG_TOKEN_SIGNING_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    // One Bicep run (the CLI costs about 2 s of CPU a start): build-params compiles main.bicep with its modules and the
    // example parameters, printing both the ARM template and the parameters file.
    private static readonly Lazy<Task<CompiledDeployment>> Compiled = new(BuildAsync);

    public static IEnumerable<string> BicepFiles => Directory.EnumerateFiles(Folder, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>main.bicep as ARM JSON (modules inlined as nested deployments).</summary>
    public static async Task<JsonObject> MainAsync() => (await Compiled.Value).Template;

    /// <summary>main.bicep with main.bicepparam, as the Bicep CLI compiled them.</summary>
    public static Task<CompiledDeployment> CompiledAsync() => Compiled.Value;

    private static async Task<CompiledDeployment> BuildAsync()
    {
        var result = await BicepCli.RunAsync(Folder, ParameterEnvironment, "build-params", "--no-restore", "--stdout", "main.bicepparam");
        Assert.True(result.ExitCode == 0, $"bicep build-params main.bicepparam: {result}");
        var output = JsonNode.Parse(result.StandardOutput)?.AsObject() ?? throw new InvalidDataException("bicep build-params printed no JSON.");
        JsonObject Parse(string property) =>
            JsonNode.Parse(output[property]?.GetValue<string>() ?? throw new InvalidDataException($"bicep build-params printed no {property}."))!.AsObject();
        return new CompiledDeployment(Parse("templateJson"), Parse("parametersJson"), result);
    }

    /// <summary>The template and the nested deployments' templates.</summary>
    public static IEnumerable<JsonObject> Templates(JsonObject template) =>
        Objects(template).Where(o => o["$schema"] is JsonValue schema && schema.ToString().Contains("deploymentTemplate.json", StringComparison.Ordinal));

    /// <summary>A template's own resources (an array, or an object of symbolic names), not those of nested deployments.</summary>
    public static IEnumerable<JsonObject> DirectResources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject named => named.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>Every JSON object in the template (resources of nested deployments included).</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>The resources of one type anywhere in the template.</summary>
    public static List<JsonObject> Resources(JsonObject template, string type) =>
        Objects(template).Where(o => o["type"] is JsonValue v && v.TryGetValue<string>(out var t) && string.Equals(t, type, StringComparison.OrdinalIgnoreCase) && o["apiVersion"] is not null).ToList();
}
