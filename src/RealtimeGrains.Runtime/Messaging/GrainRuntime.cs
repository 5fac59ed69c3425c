using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Invocation;
using RealtimeGrains.Runtime.Activation;
using RealtimeGrains.Runtime.Diagnostics;
using RealtimeGrains.Runtime.Directory;
using RealtimeGrains.Runtime.Hosting;
using RealtimeGrains.Runtime.Persistence;
using RealtimeGrains.Runtime.Placement;

namespace RealtimeGrains.Runtime.Messaging;

/// <summary>
/// The silo's grain runtime: the grain factory, the sender of every call (generated proxies call
/// <see cref="InvokeAsync{TResult}"/>), the receiver of transport messages, and the owner of the
/// catalog and its sweeps (call timeouts, idle collection). Local calls go straight to the cached
/// activation's mailbox; nothing is serialized unless <see cref="SiloOptions.SerializeAllCalls"/>.
/// </summary>
internal sealed class GrainRuntime : IGrainFactory, IGrainCallRuntime, IMessageHandler, IGrainRuntimeDiagnostics, IDisposable
{
    private readonly Catalog _catalog;
    private readonly IMessageTransport _transport;
    private readonly ConcurrentDictionary<long, Invokable> _pendingRemote = new();
    private readonly bool _serializeAllCalls;
    private long _nextCallId;
    private ITimer? _timeoutSweep;
    private ITimer? _idleCollection;
    private volatile bool _stopping;

    public GrainRuntime(
        IOptions<SiloOptions> options,
        TimeProvider time,
        IServiceProvider services,
        ILogger<GrainRuntime> logger,
        IMeterFactory meterFactory,
        IEnumerable<GrainClassRegistration> registrations,
        IGrainDirectory directory,
        IPlacementDirector placement,
        IMessageTransport transport)
    {
        Options = options.Value;
        Time = time;
        Services = services;
        Logger = logger;
        Directory = directory;
        Placement = placement;
        _transport = transport;
        _serializeAllCalls = Options.SerializeAllCalls;
        SiloAddress = new SiloAddress("local", time.GetUtcNow().ToUnixTimeMilliseconds());
        JsonOptions = Options.JsonSerializerOptions;
        // Public fields too, so value tuples (common as grain results) survive the trip.
        MessageJsonOptions = new JsonSerializerOptions(Options.JsonSerializerOptions) { IncludeFields = true };
        MessageJsonOptions.Converters.Add(new GrainReferenceJsonConverterFactory(this));
        _catalog = new Catalog(this, new GrainClassMap(registrations));
        Metrics = new RuntimeMetrics(meterFactory, () => ActivationCount, () => _catalog.Activations.Sum(a => (long)a.QueueLength));
    }

    public SiloOptions Options { get; }

    public TimeProvider Time { get; }

    public IServiceProvider Services { get; }

    public ILogger Logger { get; }

    public RuntimeMetrics Metrics { get; }

    public IGrainDirectory Directory { get; }

    public IPlacementDirector Placement { get; }

    public SiloAddress SiloAddress { get; }

    /// <summary>JSON options of grain state.</summary>
    public JsonSerializerOptions JsonOptions { get; }

    /// <summary>JSON options of call bodies: the state options plus grain-reference conversion.</summary>
    public JsonSerializerOptions MessageJsonOptions { get; }

    public int ActivationCount => _catalog.Activations.Count(a => !a.IsObserver);

    public bool IsActive(GrainId grainId) =>
        _catalog.TryGet(grainId, out var target) && target switch
        {
            ActivationData activation => activation.State is ActivationState.Activating or ActivationState.Valid,
            StatelessWorkerGroup group => group.Workers.Count > 0,
            _ => false,
        };

    public void Start()
    {
        _transport.Start(this);
        _timeoutSweep = Time.CreateTimer(static s => ((GrainRuntime)s!).SweepTimeouts(), this, Options.ResponseTimeoutCheckPeriod, Options.ResponseTimeoutCheckPeriod);
        _idleCollection = Time.CreateTimer(static s => ((GrainRuntime)s!).CollectIdle(), this, Options.CollectionQuantum, Options.CollectionQuantum);
    }

    /// <summary>Deactivates every activation (OnDeactivateAsync runs) within <see cref="SiloOptions.ShutdownTimeout"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _idleCollection?.Dispose();
        var grains = _catalog.Activations.Where(a => !a.IsObserver).ToList();
        Logger.Stopping(grains.Count);
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var deactivations = grains.Select(a => a.StartDeactivation(reason)).ToArray();
        try
        {
            await Task.WhenAll(deactivations).WaitAsync(Options.ShutdownTimeout, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            Logger.ShutdownDeadlinePassed(deactivations.Count(t => !t.IsCompleted));
        }

        foreach (var observer in _catalog.Activations.Where(a => a.IsObserver).ToList())
        {
            _catalog.DeleteObserver(observer.GrainId);
        }

        _timeoutSweep?.Dispose();
    }

    public void Dispose()
    {
        _timeoutSweep?.Dispose();
        _idleCollection?.Dispose();
    }

    internal void ThrowIfStopping(GrainId grainId)
    {
        if (_stopping)
        {
            throw new InvalidOperationException($"The silo is shutting down; grain {grainId} cannot be activated.");
        }
    }

    internal IGrainStorage GetStorage(string storageName, Type grainClass) =>
        Services.GetKeyedService<IGrainStorage>(storageName)
        ?? throw new InvalidOperationException(
            $"Grain class {grainClass.Name} asks for grain storage '{storageName}', which is not registered. Add it with AddMemoryGrainStorage(\"{storageName}\") or AddFileGrainStorage(\"{storageName}\", ...).");

    // ---- IGrainFactory ------------------------------------------------------------------------

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var descriptor = InterfaceCache<TGrainInterface>.Descriptor;
        return (TGrainInterface)(object)descriptor.CreateReference(new GrainId(descriptor.GrainType, key), this);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey
    {
        var descriptor = InterfaceCache<TGrainInterface>.Descriptor;
        return (TGrainInterface)(object)descriptor.CreateReference(new GrainId(descriptor.GrainType, key.ToString("D")), this);
    }

    public TObserver CreateObjectReference<TObserver>(IGrainObserver observer)
        where TObserver : IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (observer is not TObserver)
        {
            throw new ArgumentException($"The observer does not implement {typeof(TObserver).Name}.", nameof(observer));
        }

        var activation = _catalog.AddObserver(observer);
        var reference = InterfaceCache<TObserver>.Descriptor.CreateReference(activation.GrainId, this);
        reference.CachedTarget = activation;
        return (TObserver)(object)reference;
    }

    public void DeleteObjectReference<TObserver>(IGrainObserver reference)
        where TObserver : IGrainObserver
    {
        if (reference is not GrainReference { GrainId.Type: Catalog.ObserverGrainType } grainReference)
        {
            throw new ArgumentException("Not an observer reference made by CreateObjectReference.", nameof(reference));
        }

        _catalog.DeleteObserver(grainReference.GrainId);
    }

    /// <summary>Creates a proxy for an interface known only at run time (used when deserializing references).</summary>
    public GrainReference CreateReference(Type interfaceType, GrainId grainId) => Describe(interfaceType).CreateReference(grainId, this);

    // ---- Sending ------------------------------------------------------------------------------

    public Task<TResult> InvokeAsync<TResult>(GrainReference reference, Invokable<TResult> invokable)
    {
        var task = invokable.GetCallerTask();
        try
        {
            Send(reference, invokable);
        }
#pragma warning disable CA1031 // Every failure to send belongs to the caller's task.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            invokable.CancellationRegistration.Dispose();
            invokable.TrySetException(exception);
        }

        return task;
    }

    public Task InvokeOneWayAsync(GrainReference reference, Invokable invokable)
    {
        try
        {
            Send(reference, invokable);
            return Task.CompletedTask;
        }
#pragma warning disable CA1031 // A one-way caller learns of an unreachable target through the returned task.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Task.FromException(exception);
        }
    }

    private void Send(GrainReference reference, Invokable invokable)
    {
        var descriptor = invokable.GetDescriptor();
        invokable.Timeout = descriptor.ResponseTimeout ?? Options.ResponseTimeout;
        invokable.StartTimestamp = Time.GetTimestamp();
        Metrics.CallStarted();
        if (invokable.CancellationToken.CanBeCanceled && invokable.CallerTask is not null)
        {
            invokable.CancellationRegistration = invokable.CancellationToken.Register(
                static (state, token) => ((Invokable)state!).TrySetCanceled(token), invokable);
        }

        if (_serializeAllCalls)
        {
            SendAsMessage(reference.GrainId, descriptor, invokable);
            return;
        }

        if (reference.CachedTarget is ICallTarget target && target.TryEnqueue(invokable))
        {
            return;
        }

        Deliver(reference.GrainId, descriptor.InterfaceType, invokable, reference);
    }

    /// <summary>Queues a call to the local activation, creating it if needed and waiting out a deactivation in progress.</summary>
    private void Deliver(GrainId grainId, Type interfaceType, Invokable invokable, GrainReference? cache)
    {
        while (true)
        {
            var target = _catalog.GetOrCreate(grainId, interfaceType);
            if (target.TryEnqueue(invokable))
            {
                cache?.CachedTarget = target;
                return;
            }

            var gone = target.WhenDeactivated;
            if (!gone.IsCompleted)
            {
                gone.ContinueWith(
                    static (_, state) =>
                    {
                        var (runtime, id, type, call) = ((GrainRuntime, GrainId, Type, Invokable))state!;
                        runtime.DeliverOrFail(id, type, call);
                    },
                    (this, grainId, interfaceType, invokable),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                return;
            }
        }
    }

    /// <summary>Delivers a call whose first activation went away before running it.</summary>
    internal void Redeliver(GrainId grainId, Invokable invokable) => DeliverOrFail(grainId, invokable.GetDescriptor().InterfaceType, invokable);

    private void DeliverOrFail(GrainId grainId, Type interfaceType, Invokable invokable)
    {
        try
        {
            Deliver(grainId, interfaceType, invokable, null);
        }
#pragma warning disable CA1031 // The failure goes to the caller.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            invokable.CancellationRegistration.Dispose();
            if (!invokable.TrySetException(exception) && invokable.CallerTask is null)
            {
                Logger.OneWayCallFailed(grainId, invokable.GetDescriptor().MethodName, exception);
            }
        }
    }

    // ---- Serialize-every-call mode and the transport ------------------------------------------

    private void SendAsMessage(GrainId grainId, GrainMethodDescriptor descriptor, Invokable invokable)
    {
        var oneWay = invokable.CallerTask is null;
        var callId = Interlocked.Increment(ref _nextCallId);
        var message = new Message
        {
            Kind = MessageKind.Request,
            CallId = callId,
            Sender = SiloAddress,
            Target = grainId,
            GrainType = Describe(descriptor.InterfaceType).GrainType,
            MethodId = descriptor.MethodId,
            OneWay = oneWay,
            Body = JsonSerializer.SerializeToUtf8Bytes(invokable, invokable.GetType(), MessageJsonOptions),
            CancellationToken = invokable.CancellationToken,
        };
        if (!oneWay)
        {
            _pendingRemote[callId] = invokable;
        }

        try
        {
            // The loopback transport delivers inline, so a one-way call to a dead observer fails here, at the caller.
            var send = _transport.SendAsync(SiloAddress, message);
            if (send.IsCompleted)
            {
                send.GetAwaiter().GetResult();
            }
            else
            {
                _ = ObserveSendAsync(send, callId, failCall: true);
            }
        }
        catch
        {
            _pendingRemote.TryRemove(callId, out _);
            throw;
        }
    }

    private async Task ObserveSendAsync(ValueTask send, long callId, bool failCall)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed send fails its call.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            if (failCall && _pendingRemote.TryRemove(callId, out var invokable))
            {
                invokable.TrySetException(exception);
            }
            else
            {
                Logger.MessageDropped(callId, exception.Message);
            }
        }
    }

    public void OnMessage(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind == MessageKind.Response)
        {
            OnResponse(message);
            return;
        }

        Invokable invokable;
        GrainInterfaceDescriptor descriptor;
        try
        {
            if (message.GrainType is null || !GrainTypeRegistry.TryGetInterface(message.GrainType, out descriptor!)
                || message.MethodId < 0 || message.MethodId >= descriptor.InvokableTypes.Count)
            {
                throw new InvalidOperationException($"No method {message.MethodId} of grain type '{message.GrainType}' is known to this silo.");
            }

            invokable = (Invokable)JsonSerializer.Deserialize(message.Body, descriptor.InvokableTypes[message.MethodId], MessageJsonOptions)!;
        }
#pragma warning disable CA1031 // A bad request becomes an error response, never a crash.
        catch (Exception exception) when (!message.OneWay)
#pragma warning restore CA1031
        {
            Reply(message, null, exception);
            return;
        }

        invokable.CancellationToken = message.CancellationToken;
        invokable.Timeout = invokable.GetDescriptor().ResponseTimeout ?? Options.ResponseTimeout;
        invokable.StartTimestamp = Time.GetTimestamp();
        if (message.OneWay)
        {
            Deliver(message.Target, descriptor.InterfaceType, invokable, null);
            return;
        }

        var callerTask = invokable.CreateCallerTask();
        if (invokable.CancellationToken.CanBeCanceled)
        {
            // As for a local call: cancelled while queued here, the call is dropped unrun and the caller told.
            invokable.CancellationRegistration = invokable.CancellationToken.Register(
                static (state, token) => ((Invokable)state!).TrySetCanceled(token), invokable);
        }

        callerTask.ContinueWith(
            static (task, state) =>
            {
                var (runtime, request, call) = ((GrainRuntime, Message, Invokable))state!;
                runtime.Reply(request, call, task.IsCompletedSuccessfully ? null : task.IsCanceled ? new TaskCanceledException(task) : task.Exception!.InnerException);
            },
            (this, message, invokable),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        DeliverOrFail(message.Target, descriptor.InterfaceType, invokable);
    }

    private void Reply(Message request, Invokable? completed, Exception? error)
    {
        byte[] body;
        var isError = error is not null;
        try
        {
            body = isError
                ? JsonSerializer.SerializeToUtf8Bytes(new ExceptionInfo(error!.GetType().AssemblyQualifiedName!, error.Message), MessagingJsonContext.Default.ExceptionInfo)
                : JsonSerializer.SerializeToUtf8Bytes(completed!.GetBoxedResult(), completed.ResultType, MessageJsonOptions);
        }
#pragma warning disable CA1031 // An unserializable result becomes an error response.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            isError = true;
            body = JsonSerializer.SerializeToUtf8Bytes(new ExceptionInfo(exception.GetType().AssemblyQualifiedName!, exception.Message), MessagingJsonContext.Default.ExceptionInfo);
        }

        var response = new Message { Kind = MessageKind.Response, CallId = request.CallId, Sender = SiloAddress, IsError = isError, Body = body };
        _ = ObserveSendAsync(_transport.SendAsync(request.Sender, response), request.CallId, failCall: false);
    }

    private void OnResponse(Message message)
    {
        if (!_pendingRemote.TryRemove(message.CallId, out var invokable))
        {
            Logger.MessageDropped(message.CallId, "no call is waiting for this response (it may have timed out)");
            return;
        }

        invokable.CancellationRegistration.Dispose();
        try
        {
            if (message.IsError)
            {
                invokable.TrySetException(RemoteExceptions.Rehydrate(JsonSerializer.Deserialize(message.Body, MessagingJsonContext.Default.ExceptionInfo)!));
            }
            else
            {
                invokable.TrySetBoxedResult(JsonSerializer.Deserialize(message.Body, invokable.ResultType, MessageJsonOptions));
            }
        }
#pragma warning disable CA1031 // An unreadable response fails its call.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            invokable.TrySetException(exception);
        }
    }

    // ---- Sweeps -------------------------------------------------------------------------------

    private void SweepTimeouts()
    {
        var now = Time.GetTimestamp();
        foreach (var activation in _catalog.Activations)
        {
            activation.SweepTimeouts(now);
        }

        foreach (var (callId, invokable) in _pendingRemote)
        {
            if (Time.GetElapsedTime(invokable.StartTimestamp, now) >= invokable.Timeout && _pendingRemote.TryRemove(callId, out _))
            {
                invokable.TrySetException(new TimeoutException($"Call {callId} ({invokable.GetDescriptor().MethodName}) got no response within {invokable.Timeout}."));
            }
        }
    }

    private void CollectIdle()
    {
        var now = Time.GetTimestamp();
        var collected = 0;
        foreach (var activation in _catalog.Activations)
        {
            if (activation.TryCollectIdle(now, Options.CollectionAge))
            {
                collected++;
            }
        }

        if (collected > 0)
        {
            Logger.CollectingIdle(collected);
        }
    }

    private static GrainInterfaceDescriptor Describe(Type interfaceType)
    {
        if (GrainTypeRegistry.TryGetInterface(interfaceType, out var descriptor))
        {
            return descriptor;
        }

        // The generated module initializer of the interface's assembly may not have run yet.
        RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
        return GrainTypeRegistry.TryGetInterface(interfaceType, out descriptor)
            ? descriptor
            : throw new InvalidOperationException(
                $"{interfaceType} has no generated proxy. Reference RealtimeGrains.Runtime.Generators as an analyzer from the project that declares it.");
    }

    private static class InterfaceCache<T>
    {
        public static readonly GrainInterfaceDescriptor Descriptor = Describe(typeof(T));
    }
}
