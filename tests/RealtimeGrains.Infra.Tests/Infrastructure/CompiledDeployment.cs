using System.Text.Json.Nodes;

namespace RealtimeGrains.Infra.Tests.Infrastructure;

/// <summary>What <c>bicep build-params main.bicepparam</c> printed: the ARM template, the parameters, and the run itself.</summary>
internal sealed record CompiledDeployment(JsonObject Template, JsonObject Parameters, BicepResult Run);
