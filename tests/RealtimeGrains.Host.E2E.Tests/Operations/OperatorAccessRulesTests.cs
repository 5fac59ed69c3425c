using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Host.E2E.Tests.Operations;

/// <summary>The rules behind the login in isolation: the cookie's lifetime and binding to a credential, redirects, settings.</summary>
public sealed class OperatorAccessRulesTests
{
    private const string Credential = "operator-rules-credential-0123456789";

    [Fact]
    public void Cookie_IsValidUntilItExpires_AndOnlyWhileItsCredentialIsConfigured()
    {
        var time = new ManualTimeProvider();
        var gateway = new GatewayOptions { TokenSigningKey = Convert.ToBase64String(new byte[32]) };
        gateway.ServerCredentials.Add(Credential);
        var cookie = new OperatorCookie(Options.Create(gateway), Options.Create(new RealtimeHostOptions()), time);
        var (value, expires) = cookie.Issue(Credential);

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(1), expires);
        Assert.DoesNotContain(Credential, value, StringComparison.Ordinal);
        Assert.True(cookie.IsValid(value));
        Assert.False(cookie.IsValid(value + "x"));
        Assert.False(cookie.IsValid("v1.99999999999.AAAA"));
        Assert.False(cookie.IsValid(null));

        // Another process with the same signing key (another silo) accepts it; one with another key does not.
        Assert.True(new OperatorCookie(Options.Create(gateway), Options.Create(new RealtimeHostOptions()), time).IsValid(value));
        var otherKey = new GatewayOptions { TokenSigningKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) };
        otherKey.ServerCredentials.Add(Credential);
        Assert.False(new OperatorCookie(Options.Create(otherKey), Options.Create(new RealtimeHostOptions()), time).IsValid(value));

        // Removing the credential ends its logins.
        var rotated = new GatewayOptions { TokenSigningKey = gateway.TokenSigningKey };
        rotated.ServerCredentials.Add("operator-rules-another-credential-98765");
        Assert.False(new OperatorCookie(Options.Create(rotated), Options.Create(new RealtimeHostOptions()), time).IsValid(value));

        time.Advance(TimeSpan.FromHours(1));
        Assert.False(cookie.IsValid(value));
    }

    [Theory]
    [InlineData("/dashboard/sessions", "/dashboard/sessions")]
    [InlineData("/dashboard/#/silos", "/dashboard/#/silos")]
    [InlineData("https://evil.example/dashboard", "/dashboard/")]
    [InlineData("//evil.example/dashboard", "/dashboard/")]
    [InlineData("/dashboard//evil.example", "/dashboard/")]
    [InlineData("/dashboard\\..\\x", "/dashboard/")]
    [InlineData("/dashboard/login?returnUrl=/x", "/dashboard/")]
    [InlineData("/v1/realtime/sessions", "/dashboard/")]
    [InlineData(null, "/dashboard/")]
    public void ReturnUrl_IsALocalDashboardPath_OrTheDashboard(string? candidate, string expected) =>
        Assert.Equal(expected, OperatorLoginEndpoints.SafeReturnUrl(candidate));

    [Fact]
    public void Settings_DashboardOnNeedsACredential_AndLoginLifetimeIsBounded()
    {
        var none = new DashboardOptionsValidator(Options.Create(new GatewayOptions()));
        var failed = none.Validate(null, new RealtimeHostOptions { Dashboard = { Enabled = true, LoginLifetime = TimeSpan.FromDays(2) } });
        Assert.True(failed.Failed);
        Assert.Contains(failed.Failures!, f => f.StartsWith("Host:Dashboard:Enabled is true but Gateway:ServerCredentials is empty", StringComparison.Ordinal));
        Assert.Contains(failed.Failures!, f => f.StartsWith("Host:Dashboard:LoginLifetime must be between", StringComparison.Ordinal));
        Assert.True(none.Validate(null, new RealtimeHostOptions()).Succeeded);

        Assert.True(new DashboardHostOptions().IsOn(development: true, serverCredentials: 1));
        Assert.False(new DashboardHostOptions().IsOn(development: true, serverCredentials: 0));
        Assert.False(new DashboardHostOptions().IsOn(development: false, serverCredentials: 1));
        Assert.False(new DashboardHostOptions { Enabled = false }.IsOn(development: true, serverCredentials: 1));
    }
}
