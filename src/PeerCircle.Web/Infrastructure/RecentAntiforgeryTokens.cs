using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// The antiforgery system, remembering the form tokens it has just made and the posts it has just accepted. Every
/// page with a form asks for a token bound to the person's antiforgery cookie and to who they are; making one means
/// decrypting the cookie and checking its MAC, then encrypting a new token, and checking a posted form decrypts
/// both again: a few percent of a signed-in page's or a write's CPU (issue 9, docs/performance.md). A token made in
/// the last <see cref="Lifetime"/> for the same cookie and the same signed-in person is given again instead (any
/// token made for that pair is valid for every form of theirs), and a post carrying exactly the cookie and token
/// the framework accepted from the same person in that time is accepted again.
/// </summary>
/// <remarks>
/// <para>The check itself is the framework's: a cookie or token it has not accepted from this person in the last
/// minute, changed by a single character, or from someone else, goes to it and is decrypted and compared as always;
/// what it refuses is never remembered. A token given from memory that did not match would fail that check, never
/// pass it. Only a token made while the browser's cookie was kept is remembered (the framework then sends no new
/// cookie), keyed by the whole cookie and the person's id claim, the claim the framework binds the token to;
/// anonymous visitors are one "nobody" key. Nothing is remembered for a person whose id the framework would read
/// from another claim.</para>
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
    private readonly ConcurrentDictionary<(string Cookie, string Token, string Person), DateTimeOffset> _accepted = new();

    /// <summary>How many tokens are remembered now (for tests).</summary>
    internal int Count => _recent.Count;

    /// <summary>How many accepted posts are remembered now (for tests).</summary>
    internal int AcceptedCount => _accepted.Count;

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
            Remember(_recent, made, new Entry(tokens.RequestToken, now));
        }

        return tokens;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    /// <summary>
    /// Checks a posted form's token as the framework does; a cookie and token the framework accepted from the same
    /// person in the last <see cref="Lifetime"/> are accepted again without decrypting both once more.
    /// </summary>
    public async Task<bool> IsRequestValidAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var key = await PostedKeyAsync(httpContext);
        var now = time.GetUtcNow();
        if (AcceptedRecently(key, now))
        {
            return true;
        }

        var valid = await inner.IsRequestValidAsync(httpContext);
        if (valid)
        {
            RememberAccepted(key, now);
        }

        return valid;
    }

    /// <inheritdoc cref="IsRequestValidAsync"/>
    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var key = await PostedKeyAsync(httpContext);
        var now = time.GetUtcNow();
        if (AcceptedRecently(key, now))
        {
            return;
        }

        // Throws when the framework refuses the token: nothing is remembered then.
        await inner.ValidateRequestAsync(httpContext);
        RememberAccepted(key, now);
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    private bool AcceptedRecently((string, string, string)? key, DateTimeOffset now) =>
        key is { } k && _accepted.TryGetValue(k, out var acceptedAt) && now - acceptedAt < Lifetime;

    private void RememberAccepted((string, string, string)? key, DateTimeOffset now)
    {
        if (key is { } accepted)
        {
            Remember(_accepted, accepted, now);
        }
    }

    /// <summary>Remembers <paramref name="value"/>, forgetting everything first when the memory is full.</summary>
    private static void Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> memory, TKey key, TValue value)
        where TKey : notnull
    {
        if (memory.Count >= Capacity)
        {
            memory.Clear();
        }

        memory[key] = value;
    }

    /// <summary>The browser's antiforgery cookie and who is signed in, or null when there is nothing to remember by.</summary>
    private (string, string)? Key(HttpContext httpContext)
    {
        var cookie = _options.Cookie.Name is { } name ? httpContext.Request.Cookies[name] : null;
        return string.IsNullOrEmpty(cookie) || Person(httpContext.User) is not { } person ? null : (cookie, person);
    }

    /// <summary>
    /// The cookie, the token a post carries (its header, else its form field, where the framework looks) and who is
    /// signed in, or null. Reading the form here reads it once for the request: the framework then finds it read.
    /// </summary>
    private async Task<(string, string, string)?> PostedKeyAsync(HttpContext httpContext)
    {
        if (HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method)
            || HttpMethods.IsOptions(httpContext.Request.Method) || HttpMethods.IsTrace(httpContext.Request.Method))
        {
            return null;
        }

        if (Key(httpContext) is not var (cookie, person))
        {
            return null;
        }

        try
        {
            var token = _options.HeaderName is { } header ? httpContext.Request.Headers[header] : default;
            if (token.Count == 0 && httpContext.Request.HasFormContentType)
            {
                var form = await httpContext.Request.ReadFormAsync(httpContext.RequestAborted);
                form.TryGetValue(_options.FormFieldName, out token);
            }

            return token.Count == 0 || string.IsNullOrEmpty(token.ToString()) ? null : (cookie, token.ToString(), person);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            // An unreadable form: the framework reads it again and answers as it always does.
            return null;
        }
    }

    /// <summary>
    /// Who a token is bound to: the framework binds it to the first signed-in identity's "sub", else its name
    /// identifier claim (with the claim's issuer), else other claims; remembered only for the name identifier.
    /// Anonymous visitors are one "nobody" key; null means nothing is remembered.
    /// </summary>
    private static string? Person(ClaimsPrincipal user)
    {
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated);
        if (identity is null)
        {
            return string.Empty;
        }

        return identity.FindFirst("sub") is not null || identity.FindFirst(ClaimTypes.NameIdentifier) is not { Value.Length: > 0 } id
            ? null
            : string.Concat(id.Issuer, "\n", id.Value);
    }

    private sealed record Entry(string RequestToken, DateTimeOffset MadeAt);
}
