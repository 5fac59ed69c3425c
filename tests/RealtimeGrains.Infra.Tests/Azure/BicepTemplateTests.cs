using RealtimeGrains.Infra.Tests.Infrastructure;

namespace RealtimeGrains.Infra.Tests.Azure;

/// <summary>The Bicep files compile and pass the linter (infra/azure/bicepconfig.json) with the pinned Bicep CLI, offline.</summary>
public sealed class BicepTemplateTests
{
    [Fact]
    public void Folder_HoldsTheMainTemplateItsModulesAndAnExampleParameterFile()
    {
        var files = AzureTemplates.BicepFiles.Select(Repository.Relative).ToList();
        Assert.Contains("infra/azure/main.bicep", files);
        Assert.Contains(files, f => f.StartsWith("infra/azure/modules/", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(AzureTemplates.Folder, "main.bicepparam")), "infra/azure/main.bicepparam is missing.");
    }

    [Fact]
    public async Task EveryBicepFile_LintsWithoutErrorsOrWarnings()
    {
        var result = await BicepCli.RunAsync(AzureTemplates.Folder, null, "lint", "--no-restore", "--pattern", "**/*.bicep");
        Assert.True(result.ExitCode == 0, $"bicep lint: {result}");
        Assert.True(result.StandardError.Trim().Length == 0 && result.StandardOutput.Trim().Length == 0, $"bicep lint reported diagnostics: {result}");
    }

    [Fact]
    public async Task MainTemplate_BuildsToAnArmTemplate()
    {
        var template = await AzureTemplates.MainAsync();
        Assert.Contains("deploymentTemplate.json", template["$schema"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
        Assert.NotEmpty(AzureTemplates.Resources(template, "Microsoft.App/containerApps"));
    }

    [Fact]
    public async Task ExampleParameters_BuildAgainstTheTemplate_WithTheSecretsFromTheEnvironment()
    {
        var compiled = await AzureTemplates.CompiledAsync();
        Assert.True(compiled.Run.StandardError.Trim().Length == 0, $"bicep build-params reported diagnostics: {compiled.Run}");
        var parameters = compiled.Parameters["parameters"]!.AsObject();
        Assert.Equal(AzureTemplates.ParameterEnvironment["RG_SERVER_CREDENTIAL"], parameters["serverCredential"]?["value"]?.ToString());
        Assert.Equal(AzureTemplates.ParameterEnvironment["RG_TOKEN_SIGNING_KEY"], parameters["tokenSigningKey"]?["value"]?.ToString());
    }

    [Fact]
    public async Task ExampleParameters_HoldNoSecretValue()
    {
        // The secrets are read from environment variables at deployment; the file itself must not carry them.
        var text = await File.ReadAllTextAsync(Path.Combine(AzureTemplates.Folder, "main.bicepparam"));
        Assert.Matches(@"param serverCredential = readEnvironmentVariable\('[A-Z_]+'\)", text);
        Assert.Matches(@"param tokenSigningKey = readEnvironmentVariable\('[A-Z_]+'\)", text);
    }

    [Fact]
    public void MissingBicepCli_FailsWithAMessageSayingWhereItComesFrom()
    {
        // The message the tests give when the package was not restored names the package and the fix.
        var path = BicepCli.Executable;
        Assert.True(File.Exists(path), path);
        var missing = Assert.Throws<InvalidOperationException>(() => BicepCli.ExecutableAt(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
        Assert.Contains("Azure.Bicep.CommandLine.linux-x64", missing.Message, StringComparison.Ordinal);
    }
}
