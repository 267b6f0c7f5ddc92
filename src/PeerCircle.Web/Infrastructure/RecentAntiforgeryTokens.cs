using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// The antiforgery system, remembering the form tokens it has just made. Every page with a form asks for a token
/// bound to the person's antiforgery cookie and to who they are; making one means decrypting the cookie and
/// checking its MAC, then encrypting a new token: a few percent of a signed-in page's CPU (issue 9,
/// docs/performance.md). A token made in the last <see cref="Lifetime"/> for the same cookie and the same signed-in
/// person is given again instead; any token made for that pair is valid for every form of theirs.
/// </summary>
/// <remarks>
/// <para>Checking a posted form is the framework's, unchanged: it decrypts both tokens and compares them with each
/// other and with the person posting, on every request. A token given from memory that did not match would fail
/// that check, never pass it. Only a token made while the browser's cookie was kept is remembered (the framework
/// then sends no new cookie), keyed by the whole cookie and the person's id claim, the claim the framework binds
/// the token to; anonymous visitors are one "nobody" key. Nothing is remembered for a person whose id the
/// framework would read from another claim.</para>
/// <para>The memory is bounded like <see cref="Accounts.RecentTicketFormat"/>'s: at most <see cref="Capacity"/>
/// tokens, forgotten all at once when full, none used after <see cref="Lifetime"/> (so a revoked data-protection
/// key stops being used within that time too). A response with a token is never cached, given from memory or not.</para>
/// </remarks>
internal sealed class RecentAntiforgeryTokens(IAntiforgery inner, IOptions<AntiforgeryOptions> options, TimeProvider time) : IAntiforgery
{
    public const int Capacity = 4096;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly AntiforgeryOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string Cookie, string Person), Entry> _recent = new();

    /// <summary>How many tokens are remembered now (for tests).</summary>
    internal int Count => _recent.Count;

    /// <summary>Puts this in front of the framework's antiforgery system (after <c>AddAntiforgery</c>, which Razor Pages call).</summary>
    public static void Register(IServiceCollection services)
    {
        var framework = services.LastOrDefault(s => s.ServiceType == typeof(IAntiforgery) && s.ImplementationType is not null)
            ?? throw new InvalidOperationException("The antiforgery system must be registered first.");
        services.Replace(ServiceDescriptor.Singleton<IAntiforgery>(sp => new RecentAntiforgeryTokens(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, framework.ImplementationType!),
            sp.GetRequiredService<IOptions<AntiforgeryOptions>>(),
            sp.GetRequiredService<TimeProvider>())));
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var key = Key(httpContext);
        var now = time.GetUtcNow();
        if (key is { } k && _recent.TryGetValue(k, out var entry) && now - entry.MadeAt < Lifetime)
        {
            if (!httpContext.Response.HasStarted)
            {
                // As the framework does for every response that carries a token.
                httpContext.Response.Headers.CacheControl = "no-cache, no-store";
                httpContext.Response.Headers.Pragma = "no-cache";
            }

            return new AntiforgeryTokenSet(entry.RequestToken, null, _options.FormFieldName, _options.HeaderName);
        }

        var tokens = inner.GetAndStoreTokens(httpContext);
        // No new cookie: the browser's was read and kept, and the token is bound to it.
        if (key is { } made && tokens.CookieToken is null && tokens.RequestToken is not null)
        {
            if (_recent.Count >= Capacity)
            {
                _recent.Clear();
            }

            _recent[made] = new Entry(tokens.RequestToken, now);
        }

        return tokens;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    /// <summary>The browser's antiforgery cookie and who is signed in, or null when there is nothing to remember by.</summary>
    private (string, string)? Key(HttpContext httpContext)
    {
        var cookie = _options.Cookie.Name is { } name ? httpContext.Request.Cookies[name] : null;
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        // The framework binds a token to the first signed-in identity's "sub", else its name identifier claim
        // (with the claim's issuer), else other claims: remembered only for the first two.
        var identity = httpContext.User.Identities.FirstOrDefault(i => i.IsAuthenticated);
        if (identity is null)
        {
            return (cookie, string.Empty);
        }

        if (identity.FindFirst("sub") is not null || identity.FindFirst(ClaimTypes.NameIdentifier) is not { } id)
        {
            return null;
        }

        return (cookie, string.Concat(id.Issuer, "\n", id.Value));
    }

    private sealed record Entry(string RequestToken, DateTimeOffset MadeAt);
}
