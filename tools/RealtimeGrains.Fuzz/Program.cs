return await RealtimeGrains.Fuzz.Cli.FuzzCommand.RunAsync(args).ConfigureAwait(false);
