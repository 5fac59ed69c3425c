using System.Diagnostics;
using System.Globalization;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Tls;

namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>
/// A class fixture that runs one conformance script once — one npm client against one target — and keeps its report;
/// each test of the class asserts one check of it. The target (and the TLS terminator the npm <c>openai</c> client
/// needs, since it forces <c>wss:</c>) lives only while the script runs.
/// </summary>
public abstract class NodeConformanceRun(NodeClient client, NodeTarget target) : IAsyncLifetime
{
    /// <summary>
    /// Output pacing of the simulator (both targets): 4× real time keeps the run short while a long reply still streams
    /// for seconds, which the cancel and second-response checks need.
    /// </summary>
    public const double SpeedFactor = 4;

    /// <summary>A key no target accepts (for the gateway: a token of the right shape that it did not sign).</summary>
    public const string WrongKey = "rgt_forged.conformance-token";

    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromSeconds(60);

    private NodeConformanceReport? _report;

    public NodeClient Client { get; } = client;

    public NodeTarget Target { get; } = target;

    public NodeConformanceReport Report => _report ?? throw new InvalidOperationException("the conformance run has not finished");

    public static string ScriptDirectory => Path.Combine(GatewayServer.RepositoryRoot, "tests", "js", "conformance");

    public async Task InitializeAsync()
    {
        var modules = Path.Combine(GatewayServer.RepositoryRoot, "tests", "js", "node_modules");
        foreach (var package in new[] { "openai", Path.Combine("@openai", "agents-realtime"), "ws", "zod" })
        {
            if (!File.Exists(Path.Combine(modules, package, "package.json")))
            {
                throw new InvalidOperationException($"tests/js/node_modules/{package} is missing: run scripts/install-test-deps.sh (npm ci in tests/js).");
            }
        }

        SimulatorServer? simulator = null;
        GatewayServer? gateway = null;
        LoopbackTlsTerminator? tls = null;
        try
        {
            string key;
            Uri plain;
            if (Target == NodeTarget.Simulator)
            {
                simulator = await SimulatorServer.StartAsync(o => o.SpeedFactor = SpeedFactor).Within("the simulator to start");
                plain = simulator.BaseUri;
                key = SimulatorServer.ApiKey;
            }
            else
            {
                gateway = await GatewayServer.StartAsync(new Dictionary<string, string?>
                {
                    ["RealtimeSimulator:SpeedFactor"] = SpeedFactor.ToString(CultureInfo.InvariantCulture),
                }).Within("the gateway to start");
                plain = gateway.BaseUri;
                // One connection per run: the token is single-use; the wrong-key check presents WrongKey.
                key = (await gateway.MintAsync()).Token;
            }

            string script;
            string[] arguments;
            if (Client == NodeClient.AgentsRealtime)
            {
                // The SDK takes any ws:// url: no TLS.
                script = "agents-realtime.mjs";
                arguments = [$"ws://{plain.Authority}/v1/realtime?model={SimulatorServer.Model}", key, WrongKey];
            }
            else
            {
                tls = LoopbackTlsTerminator.Start(plain);
                script = "openai-realtime.mjs";
                var mode = Client switch
                {
                    NodeClient.OpenAIAzurePreview => "azure-beta",
                    NodeClient.OpenAIAzureGa => "azure-ga",
                    _ => "ga",
                };
                arguments = [mode, tls.BaseUri.ToString().TrimEnd('/'), key, WrongKey];
            }

            _report = await RunNodeAsync(script, arguments, tls?.CertificatePemPath);
            // Every check line with its wire events, for reading a run after the fact (e.g. from CI's test output folder).
            var log = Path.Combine(AppContext.BaseDirectory, "conformance", $"{Client}-{Target}.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(log)!);
            await File.WriteAllTextAsync(log, _report.Output);
        }
        finally
        {
            if (tls is not null)
            {
                await tls.DisposeAsync();
            }

            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs <c>node script args</c> in tests/js/conformance with a deadline; the CA file is trusted by that child only.</summary>
    private static async Task<NodeConformanceReport> RunNodeAsync(string script, string[] arguments, string? caFile)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = ScriptDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (caFile is not null)
        {
            start.Environment["NODE_EXTRA_CA_CERTS"] = caFile;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().Within($"node {script} {arguments[0]} to finish its checks", ScriptDeadline);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return NodeConformanceReport.Parse(script, process.ExitCode, await stdout, await stderr);
    }
}
