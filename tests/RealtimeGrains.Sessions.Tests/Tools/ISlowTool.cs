using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions.Tests.Tools;

public interface ISlowTool : IToolGrain;
