using RealtimeGrains.Simulator;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddRealtimeSimulator(options => builder.Configuration.GetSection(SimulatorOptions.SectionName).Bind(options));
var app = builder.Build();
app.MapGet("/", () => "RealtimeGrains simulator: connect to /openai/realtime, /openai/v1/realtime or /v1/realtime.");
app.MapRealtimeSimulator();
app.Run();
