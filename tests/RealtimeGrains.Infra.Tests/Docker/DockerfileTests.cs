using System.Text.RegularExpressions;
using RealtimeGrains.Infra.Tests.Infrastructure;

namespace RealtimeGrains.Infra.Tests.Docker;

/// <summary>
/// infra/docker/Dockerfile cannot be built here (no Docker engine); these check what can be checked offline: what it copies
/// exists, it publishes the host and runs its assembly, unprivileged, on the ports the deployments use.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Repository.Combine("infra", "docker", "Dockerfile"));

    private static IEnumerable<string[]> Instructions(string keyword) =>
        Lines.Select(l => l.Trim()).Where(l => l.StartsWith(keyword + " ", StringComparison.Ordinal))
            .Select(l => l[(keyword.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void EveryCopiedPath_ExistsInTheRepository()
    {
        var copies = Instructions("COPY").Where(a => !a[0].StartsWith("--from=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var source in copies.SelectMany(a => a[..^1]))
        {
            Assert.True(File.Exists(Repository.Combine(source)) || Directory.Exists(Repository.Combine(source)), $"Dockerfile copies '{source}', which is not in the repository.");
        }
    }

    [Fact]
    public void EveryProjectTheHostNeeds_IsInsideTheCopiedFolders()
    {
        var copied = Instructions("COPY").Where(a => !a[0].StartsWith("--from=", StringComparison.Ordinal)).SelectMany(a => a[..^1])
            .Where(s => s.EndsWith('/')).Select(s => Repository.Combine(s.TrimEnd('/'))).ToList();
        var pending = new Stack<string>([Repository.Combine("src", "RealtimeGrains.Host", "RealtimeGrains.Host.csproj")]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            Assert.True(copied.Any(folder => project.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)), $"{Repository.Relative(project)} is not copied into the build stage.");
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Groups["path"].Value.Replace('\\', '/'))));
            }
        }

        Assert.True(seen.Count > 3, "The host's project references were not followed.");
    }

    [Fact]
    public void Image_PublishesTheHost_AndRunsItsAssembly()
    {
        Assert.Contains(Lines, l => l.Contains("dotnet publish src/RealtimeGrains.Host/RealtimeGrains.Host.csproj", StringComparison.Ordinal));
        var assembly = typeof(RealtimeGrains.Host.RealtimeHostOptions).Assembly.GetName().Name + ".dll";
        Assert.Contains(Lines, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) && l.Contains($"\"{assembly}\"", StringComparison.Ordinal));
        var stages = Instructions("FROM").ToList();
        Assert.Equal(2, stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", stages[0][0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", stages[1][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Image_RunsUnprivileged_OnTheDeploymentsPorts()
    {
        var user = Assert.Single(Instructions("USER"));
        Assert.NotEqual("root", user[0]);
        Assert.NotEqual("0", user[0]);
        var exposed = Instructions("EXPOSE").SelectMany(a => a).ToHashSet();
        Assert.Contains("8080", exposed);
        Assert.Contains("11111", exposed);
        Assert.Contains(Lines, l => l.Contains("URLS=http://+:8080", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputOut_AndTheSourcesIn()
    {
        var ignored = File.ReadAllLines(Repository.Combine(".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains("**/node_modules/", ignored);
        Assert.DoesNotContain(ignored, l => l.TrimEnd('/') is "src" or "samples");
    }

    [GeneratedRegex(@"<ProjectReference\s+Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();
}
