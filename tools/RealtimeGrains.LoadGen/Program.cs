using RealtimeGrains.LoadGen;

return await LoadGenCommands.Build().Parse(args).InvokeAsync();
