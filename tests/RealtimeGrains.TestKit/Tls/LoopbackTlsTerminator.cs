using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RealtimeGrains.TestKit.Tls;

/// <summary>
/// TLS in front of a plain-HTTP loopback server, for clients that insist on <c>https</c>/<c>wss</c> (the npm
/// <c>openai</c> realtime helpers force <c>wss:</c>): listens on 127.0.0.1 with a free port, terminates TLS with a
/// self-signed certificate made at start, and copies bytes both ways to the target. The certificate is written as PEM to
/// <see cref="CertificatePemPath"/> so a child process can trust exactly it (<c>NODE_EXTRA_CA_CERTS</c>).
/// </summary>
public sealed class LoopbackTlsTerminator : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private readonly Lock _gate = new();

    private LoopbackTlsTerminator(IPEndPoint target, X509Certificate2 certificate, string pemPath)
    {
        _target = target;
        _certificate = certificate;
        CertificatePemPath = pemPath;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    /// <summary><c>https://127.0.0.1:port/</c>; <c>wss://</c> on the same authority reaches the target's WebSockets.</summary>
    public Uri BaseUri { get; }

    /// <summary>A PEM file holding the certificate (and so its own CA): pass it as <c>NODE_EXTRA_CA_CERTS</c>.</summary>
    public string CertificatePemPath { get; }

    /// <summary>Starts terminating TLS for <paramref name="target"/> (an <c>http://127.0.0.1:port</c> address).</summary>
    /// <param name="target">The plain server the decrypted bytes go to.</param>
    /// <returns>The running terminator.</returns>
    public static LoopbackTlsTerminator Start(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var endpoint = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        var certificate = CreateCertificate();
        var pemPath = Path.Combine(Path.GetTempPath(), $"realtimegrains-loopback-tls-{Guid.NewGuid():N}.pem");
        File.WriteAllText(pemPath, certificate.ExportCertificatePem());
        return new LoopbackTlsTerminator(endpoint, certificate, pemPath);
    }

    /// <summary>
    /// A self-signed certificate for 127.0.0.1 and localhost that is its own CA (basic constraints CA, key usage
    /// certificate signing), so a client that trusts it as a root accepts it as the server's certificate.
    /// </summary>
    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=RealtimeGrains loopback TLS", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_gate)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = _certificate, ClientCertificateRequired = false },
                    _stopping.Token);
                await upstream.ConnectAsync(_target, _stopping.Token);
                await using var plain = upstream.GetStream();
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                var toTarget = CopyAsync(tls, plain, upstream.Client, done.Token);
                var toClient = CopyAsync(plain, tls, null, done.Token);
                // Either side ending ends the relay: the other copy is cancelled and both sockets close.
                await Task.WhenAny(toTarget, toClient);
                await done.CancelAsync();
                await Task.WhenAll(toTarget, toClient);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or AuthenticationException or ObjectDisposedException)
            {
                // A client that gave up, a refused handshake or shutdown: the connection just ends.
            }
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, Socket? halfClose, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
            halfClose?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The relay ends; the caller closes both sides.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Task[] open;
        lock (_gate)
        {
            open = [_acceptLoop, .. _connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(10));
        _listener.Dispose();
        _certificate.Dispose();
        _stopping.Dispose();
        File.Delete(CertificatePemPath);
    }
}
