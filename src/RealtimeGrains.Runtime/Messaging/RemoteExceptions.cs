namespace RealtimeGrains.Runtime.Messaging;

/// <summary>Turns an <see cref="ExceptionInfo"/> back into an exception of the same type when it can.</summary>
internal static class RemoteExceptions
{
    public static Exception Rehydrate(ExceptionInfo info)
    {
        var type = Type.GetType(info.TypeName, throwOnError: false);
        if (type is not null && typeof(Exception).IsAssignableFrom(type) && type.GetConstructor([typeof(string)]) is { } constructor)
        {
            return (Exception)constructor.Invoke([info.Message]);
        }

        return new GrainCallException(info.TypeName, info.Message);
    }
}
