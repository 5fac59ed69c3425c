using System.Text;
using Microsoft.Extensions.Options;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Gateway.Tests.Tokens;

public sealed class ClientTokenServiceTests
{
    private static ClientTokenService Create(TimeProvider time, string? key = null) =>
        new(Options.Create(new GatewayOptions { TokenLifetime = TimeSpan.FromSeconds(60), TokenSigningKey = key }), time);

    [Fact]
    public async Task Redeem_FreshToken_IsValidOnce_ThenReplayed()
    {
        var tokens = Create(new ManualTimeProvider());
        var minted = await tokens.MintAsync("sess_a", """{"voice":"alloy"}""");

        var (grantOutcome, grant) = await tokens.RedeemAsync(minted.Value);
        Assert.Equal(TokenCheck.Valid, grantOutcome);
        Assert.Equal("sess_a", grant!.SessionId);
        Assert.Equal("""{"voice":"alloy"}""", grant.SessionConfigJson);
        var (againOutcome, again) = await tokens.RedeemAsync(minted.Value);
        Assert.Equal(TokenCheck.Replayed, againOutcome);
        Assert.Null(again);
    }

    [Fact]
    public async Task Redeem_AtEndOfLifetime_IsExpired()
    {
        var time = new ManualTimeProvider();
        var tokens = Create(time);
        var minted = await tokens.MintAsync(null, null);
        time.Advance(TimeSpan.FromSeconds(59));
        var early = await tokens.MintAsync(null, null);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TokenCheck.Expired, (await tokens.RedeemAsync(minted.Value)).Outcome);
        Assert.Equal(TokenCheck.Valid, (await tokens.RedeemAsync(early.Value)).Outcome);
    }

    [Fact]
    public async Task Redeem_PayloadRetargetedToAnotherSession_IsBadSignature()
    {
        var tokens = Create(new ManualTimeProvider());
        var minted = await tokens.MintAsync("sess_a", null);
        var (payload, signature) = Split(minted.Value);
        var forged = "rgt_" + B64(Encoding.UTF8.GetString(FromB64(payload)).Replace("sess_a", "sess_b", StringComparison.Ordinal)) + "." + signature;

        Assert.Equal(TokenCheck.BadSignature, (await tokens.RedeemAsync(forged)).Outcome);
        var (grantOutcome, grant) = await tokens.RedeemAsync(minted.Value);
        Assert.Equal(TokenCheck.Valid, grantOutcome);
        Assert.Equal("sess_a", grant!.SessionId);
    }

    [Fact]
    public async Task Redeem_TokenSignedWithAnotherKey_IsBadSignature()
    {
        var time = new ManualTimeProvider();
        var other = Create(time, Convert.ToBase64String(new byte[32]));
        var tokens = Create(time, Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()));

        Assert.Equal(TokenCheck.BadSignature, (await tokens.RedeemAsync((await other.MintAsync("sess_a", null)).Value)).Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk-some-api-key")]
    [InlineData("rgt_nodot")]
    [InlineData("rgt_!!!.???")]
    public async Task Redeem_Garbage_IsMissingOrMalformed(string token)
    {
        var (outcome, grant) = await Create(new ManualTimeProvider()).RedeemAsync(token);

        Assert.Contains(outcome, new[] { TokenCheck.Missing, TokenCheck.Malformed });
        Assert.Null(grant);
    }

    [Theory]
    [InlineData("sess_ok-1", true)]
    [InlineData("../etc", false)]
    [InlineData("a|b", false)]
    [InlineData("", false)]
    public void IsValidSessionId_AcceptsOnlySafeIds(string id, bool expected) => Assert.Equal(expected, ClientTokenService.IsValidSessionId(id));

    private static (string Payload, string Signature) Split(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return (token[4..dot], token[(dot + 1)..]);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromB64(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
