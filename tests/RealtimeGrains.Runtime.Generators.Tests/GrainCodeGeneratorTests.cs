using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RealtimeGrains.Runtime.Generators.Tests;

public sealed class GrainCodeGeneratorTests
{
    private static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Run) Generate(string source)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Grain).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "GeneratorInput",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new GrainCodeGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, output.GetDiagnostics(), driver.GetRunResult());
    }

    [Fact]
    public void GrainInterfaceAndClass_GenerateProxyInvokersAndRegistration_ThatCompile()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using RealtimeGrains;
            namespace Sample;
            public interface ICartGrain : IGrainWithStringKey
            {
                Task<int> AddAsync(string item, int count, CancellationToken cancellationToken = default);
                [OneWay] Task NotifyAsync(string text);
                ValueTask<string> NameAsync();
            }
            public sealed class CartGrain : Grain, ICartGrain
            {
                public Task<int> AddAsync(string item, int count, CancellationToken cancellationToken = default) => Task.FromResult(count);
                public Task NotifyAsync(string text) => Task.CompletedTask;
                public ValueTask<string> NameAsync() => ValueTask.FromResult("cart");
            }
            """;

        var (_, diagnostics, run) = Generate(source);

        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var generated = string.Join("\n", run.GeneratedTrees.Select(t => t.ToString()));
        Assert.Contains("class Sample_ICartGrain_Proxy", generated, StringComparison.Ordinal);
        Assert.Contains("class Sample_ICartGrain_AddAsync_0", generated, StringComparison.Ordinal);
        Assert.Contains("InvokeOptions.OneWay", generated, StringComparison.Ordinal);
        Assert.Contains("RegisterGrainClass(typeof(global::Sample.ICartGrain), typeof(global::Sample.CartGrain))", generated, StringComparison.Ordinal);
        Assert.Contains("public string Arg0", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Arg2", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int Count();", "must return Task")]
    [InlineData("Task<T> GetAsync<T>();", "must not be generic")]
    [InlineData("Task SetAsync(ref int value);", "must not be generic or take ref")]
    [InlineData("[OneWay] Task<int> FireAsync();", "one-way method")]
    public void UnsupportedMethod_FailsTheBuild_NamingTheMethod(string member, string expected)
    {
        var source = $$"""
            using System.Threading.Tasks;
            using RealtimeGrains;
            namespace Sample;
            public interface IBadGrain : IGrainWithStringKey
            {
                {{member}}
            }
            """;

        var (_, diagnostics, _) = Generate(source);

        var error = Assert.Single(diagnostics, d => d.Id == "CS1029");
        Assert.Contains(expected, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("IBadGrain", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void PlainInterface_GeneratesNothing()
    {
        var (_, _, run) = Generate("namespace Sample; public interface IPlain : System.IDisposable { }");

        Assert.Empty(run.GeneratedTrees);
    }
}
