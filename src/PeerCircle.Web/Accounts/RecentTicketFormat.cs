using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// The sign-in cookie's format, remembering the cookies it has just read. A signed-in person's browser sends
/// the same cookie with every request until it is renewed, and reading it means deriving a key, decrypting,
/// checking its MAC and rebuilding its claims: a few percent of every signed-in page's CPU (issue 9,
/// docs/performance.md). A cookie read in the last <see cref="Lifetime"/> is answered from memory instead.
/// </summary>
/// <remarks>
/// <para>Nothing about what a cookie grants changes: the key is the whole protected cookie, so only a cookie
/// that was read successfully before is answered, with the same ticket. The cookie handler still checks the
/// ticket's expiry, the sliding renewal, the absolute session limit and the security stamp on every request,
/// from the ticket's own properties. Each request gets its own copy (<see cref="AuthenticationTicket.Clone"/>),
/// because the handler and the app may change the ticket they are given.</para>
/// <para>Protecting (a new or renewed cookie) is the inner format's, unchanged. A cookie that fails to read is
/// not remembered. The memory is bounded: at most <see cref="Capacity"/> cookies, forgotten all at once when
/// full, and none is used after <see cref="Lifetime"/>, so a revoked data-protection key stops being trusted
/// within that time too.</para>
/// </remarks>
internal sealed class RecentTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>
{
    public const int Capacity = 4096;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _recent = new(StringComparer.Ordinal);

    /// <summary>How many cookies are remembered now (for tests).</summary>
    internal int Count => _recent.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = time.GetUtcNow();
        if (_recent.TryGetValue(protectedText, out var entry) && entry.Purpose == purpose && now - entry.ReadAt < Lifetime)
        {
            return entry.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null)
        {
            _recent.TryRemove(protectedText, out _);
            return null;
        }

        if (_recent.Count >= Capacity)
        {
            _recent.Clear();
        }

        // The remembered ticket is never handed out itself, only copies of it.
        _recent[protectedText] = new Entry(ticket.Clone(), purpose, now);
        return ticket;
    }

    private sealed record Entry(AuthenticationTicket Ticket, string? Purpose, DateTimeOffset ReadAt);
}
