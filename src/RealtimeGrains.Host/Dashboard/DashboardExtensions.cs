using Microsoft.AspNetCore.Authentication;
using Orleans.Dashboard;
using RealtimeGrains.Sessions.Status;

namespace RealtimeGrains.Host;

/// <summary>Composition of the operator pages: Orleans' dashboard, the sessions page, the login form and their protection.</summary>
internal static class DashboardExtensions
{
    /// <summary>Whether the pages are on for this configuration (see <see cref="DashboardHostOptions.Enabled"/>).</summary>
    public static bool IsDashboardOn(this WebApplicationBuilder builder, RealtimeHostOptions host) =>
        host.Dashboard.IsOn(builder.Environment.IsDevelopment(), builder.Configuration.GetSection("Gateway:ServerCredentials").GetChildren().Count());

    /// <summary>Whether <see cref="AddRealtimeDashboard"/> turned the pages on (its services are registered).</summary>
    public static bool IsDashboardOn(this WebApplication app) => app.Services.GetService<OperatorCookie>() is not null;

    /// <summary>The session status service on every silo; Orleans' dashboard too when <paramref name="dashboard"/>.</summary>
    public static ISiloBuilder AddRealtimeOperations(this ISiloBuilder silo, bool dashboard)
    {
        silo.AddRealtimeSessionStatus();
        if (dashboard)
        {
            silo.AddDashboard();
        }

        return silo;
    }

    /// <summary>The validator of <c>Host:Dashboard</c>; when on, the operator authentication scheme and policy.</summary>
    public static WebApplicationBuilder AddRealtimeDashboard(this WebApplicationBuilder builder, bool dashboard)
    {
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<RealtimeHostOptions>, DashboardOptionsValidator>();
        if (!dashboard)
        {
            return builder;
        }

        builder.Services.AddSingleton<OperatorCookie>();
        // Authentication without ASP.NET Core's data protection: the login cookie is an HMAC of its own (OperatorCookie).
        builder.Services.AddAuthenticationCore();
        builder.Services.AddWebEncoders();
        new AuthenticationBuilder(builder.Services).AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(OperatorAccess.Scheme, configureOptions: null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatorAccess.Scheme, p => p.AddAuthenticationSchemes(OperatorAccess.Scheme).RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Maps <c>/dashboard</c> (Orleans' dashboard), <c>/dashboard/sessions</c>, its JSON, and the login form, when on.</summary>
    public static WebApplication MapRealtimeDashboard(this WebApplication app, bool dashboard)
    {
        if (!dashboard)
        {
            return app;
        }

        app.MapGet(OperatorAccess.LoginPath, OperatorLoginEndpoints.ShowAsync).AllowAnonymous();
        app.MapPost(OperatorAccess.LoginPath, OperatorLoginEndpoints.LogInAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(OperatorAccess.LogoutPath, OperatorLoginEndpoints.LogOutAsync).AllowAnonymous().DisableAntiforgery();
        app.MapGet(OperatorAccess.SessionsPath, SessionsEndpoints.ShowAsync).RequireAuthorization(OperatorAccess.Scheme);
        app.MapGet(OperatorAccess.SessionsApiPath, SessionsEndpoints.ListAsync).RequireAuthorization(OperatorAccess.Scheme);
        app.MapOrleansDashboard(OperatorAccess.BasePath).RequireAuthorization(OperatorAccess.Scheme);
        return app;
    }
}
