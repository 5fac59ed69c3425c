using System.Diagnostics;
using System.Net;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Simulator.Tests.WebRtc;

/// <summary>The media front as a child process: it dies with its link, and the simulator survives its death.</summary>
public sealed class WebRtcFrontProcessTests
{
    [Fact]
    public async Task Front_ExitsWhenItsStdinCloses()
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = WebRtcPeer.FrontDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("front.js");
        using var front = Process.Start(start)!;
        try
        {
            Assert.Equal("{\"op\":\"ready\"}", await front.StandardOutput.ReadLineAsync().Within("the front's ready line"));

            front.StandardInput.Close();
            await front.WaitForExitAsync().Within("the front to exit after its stdin closed", TimeSpan.FromSeconds(10));

            Assert.Equal(0, front.ExitCode);
        }
        finally
        {
            if (!front.HasExited)
            {
                front.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task FrontDeath_EndsItsCalls_AndTheNextCallStartsANewFront()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var peer = WebRtcPeer.Start();
        var first = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", await peer.OfferAsync(), SimulatorServer.ApiKey);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        peer.Answer(first.Body);
        await peer.WaitForOpenAsync();
        var call = await server.Inspector.WaitForCallAsync(c => c.CallId == first.CallId).Within("the first call");

        using (var front = Process.GetProcessById(call.FrontProcessId))
        {
            front.Kill();
        }

        await call.Ended.Within("the call to end with its front");
        Assert.Equal("the media front exited", call.EndReason);

        await using var next = WebRtcPeer.Start();
        var second = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", await next.OfferAsync(), SimulatorServer.ApiKey);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        next.Answer(second.Body);
        await next.WaitForOpenAsync();
        var again = await server.Inspector.WaitForCallAsync(c => c.CallId == second.CallId).Within("the second call");
        Assert.NotEqual(call.FrontProcessId, again.FrontProcessId);
    }
}
