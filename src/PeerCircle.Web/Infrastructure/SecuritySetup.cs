using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace PeerCircle.Web.Infrastructure;

internal static class SecuritySetup
{
    public const string SignInPolicy = "sign-in";
    /// <summary>Sign-up, forgotten password and resend confirmation: every page that sends an email.</summary>
    public const string AccountEmailsPolicy = "account-emails";

    /// <summary>Posting on a group board: form posts per signed-in person (not per address, so an office behind one IP is not throttled together).</summary>
    public const string PostingPolicy = "posting";

    /// <summary>A member telling the safeguarding team they are worried about someone: per signed-in person. (Reporting a post on the board counts against posting.)</summary>
    public const string ReportingPolicy = "reporting";

    /// <summary>No inline script or style anywhere: every script and stylesheet is a file of ours.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddPeerCircleSecurity(this WebApplicationBuilder builder)
    {
        // One application name and one key ring in the database for every instance: cookies and
        // antiforgery tokens made by one instance are accepted by the others (no sticky sessions needed).
        builder.Services.AddDataProtection()
            .SetApplicationName("PeerCircle")
            .PersistKeysToDbContext<Data.PeerCircleDbContext>();

        AddHostCookies(builder);
        // Form tokens just made for the same cookie and person are given again (issue 9); checking is unchanged.
        RecentAntiforgeryTokens.Register(builder.Services);

        var limits = builder.Configuration.GetSection("RateLimits");
        var signInPerMinute = limits.GetValue("SignInPerMinute", 10);
        var accountEmailsPerMinute = limits.GetValue("AccountEmailsPerMinute", 5);
        var postsPerMinute = limits.GetValue("PostsPerMinute", 20);
        var reportsPerMinute = limits.GetValue("ReportsPerMinute", 5);

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInPolicy, context => PostsPerClient(context, SignInPolicy, signInPerMinute));
            options.AddPolicy(AccountEmailsPolicy, context => PostsPerClient(context, AccountEmailsPolicy, accountEmailsPerMinute));
            options.AddPolicy(PostingPolicy, context => PostsPerClient(context, PostingPolicy, postsPerMinute,
                context.User.FindUserId()?.ToString()));
            options.AddPolicy(ReportingPolicy, context => PostsPerClient(context, ReportingPolicy, reportsPerMinute,
                context.User.FindUserId()?.ToString()));
            options.OnRejected = WriteTooManyRequestsAsync;
        });

        var proxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Behind the load balancer (docs/operations.md) the client address and scheme come from it,
            // and only from it: proxies are trusted by address (loopback by default), never by header alone.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    /// <summary>Names of the app's other cookies outside Development (the sign-in cookie's is in <see cref="IdentitySetup"/>).</summary>
    public const string AntiforgeryCookieName = "__Host-PeerCircle.Af";
    public const string TempDataCookieName = "__Host-PeerCircle.Msg";
    public const string TwoFactorUserIdCookieName = "__Host-PeerCircle.2fa";
    public const string TwoFactorRememberCookieName = "__Host-PeerCircle.2faDevice";
    public const string ExternalCookieName = "__Host-PeerCircle.Ext";

    /// <summary>
    /// Every cookie the app sets is a __Host- cookie outside Development: the browser keeps it only if it is
    /// Secure, has Path=/ and no Domain, so no subdomain or plain-http page can plant or overwrite it (the
    /// antiforgery cookie included). A local Development run over plain http keeps the framework's names.
    /// </summary>
    private static void AddHostCookies(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return;
        }

        // The antiforgery system refuses to run at all over plain http when its cookie is "Always" secure, so it
        // follows the request; the cookie policy middleware (UsePeerCircleSecurityHeaders) marks it Secure anyway.
        builder.Services.AddAntiforgery(options =>
        {
            HostCookie(options.Cookie, AntiforgeryCookieName);
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.Configure<CookieTempDataProviderOptions>(options => HostCookie(options.Cookie, TempDataCookieName));
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options => HostCookie(options.Cookie, TwoFactorUserIdCookieName));
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, options => HostCookie(options.Cookie, TwoFactorRememberCookieName));
        // Never set (no external sign-in), but signing in clears it, which names it in a Set-Cookie header.
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, options => HostCookie(options.Cookie, ExternalCookieName));
    }

    private static void HostCookie(CookieBuilder cookie, string name)
    {
        cookie.Name = name;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.HttpOnly = true;
    }

    public static WebApplication UsePeerCircleSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // Every cookie is Secure outside Development (the __Host- prefix requires it), whatever set it.
            app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        }

        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Nothing a person shares should ever be indexed by a search engine.
            headers["X-Robots-Tag"] = "noindex, nofollow";
            return next(context);
        });
        return app;
    }

    /// <summary>Only form posts count against the limit; reading the page is always allowed.</summary>
    private static RateLimitPartition<string> PostsPerClient(HttpContext context, string policy, int permitsPerMinute, string? userId = null)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var client = userId ?? (context.Connection.RemoteIpAddress ?? IPAddress.Loopback).ToString();
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}:{client}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>Please wait a moment - PeerCircle</title></head>
            <body><main><h1>Please wait a moment</h1>
            <p>There have been too many attempts from your connection in a short time. Please wait a minute, then try again.</p>
            <p>If you need to talk to someone now, <a href="/Help">get help now</a>.</p></main></body></html>
            """, cancellationToken);
    }
}
