using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Notifications;
using PeerCircle.Web.Email;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Notifications;

/// <summary>
/// Adds in-app notifications to the caller's unit of work. The wording is fixed here: it never quotes
/// a share and never names a group (discreet mode), only links to where the person can see more.
/// People who chose it also get an email once the notification is saved; the email says only that
/// there is something new and links to the notifications page.
/// </summary>
public sealed class Notifier(PeerCircleDbContext db, TimeProvider time, IEmailSender sender, PublicLinks links, ILogger<Notifier> logger)
{
    public const string Reply = "Someone replied in a conversation you started.";
    public const string Hidden = "A moderator hid one of your posts from the group. You and the facilitators can still see it.";
    public const string Unhidden = "A moderator made one of your posts visible to the group again.";
    public const string Promoted = "A seat opened up: you now have a place in a session you were waiting for.";
    public const string SessionCancelled = "One of the sessions you booked was cancelled. Your other bookings are unchanged.";
    public const string SessionStarted = "A session you booked has started. Its live room is open.";
    public const string EmailSubject = "Something new for you on PeerCircle";
    public const string EmailText = "There is something new for you in one of your PeerCircle groups.";

    // Run after every reply and every notifying action: compiled once (EF.CompileAsyncQuery) rather than built,
    // hashed and looked up on each call (issue 9, docs/performance.md).
    // A reply's notice reads the author's two choices at once: whether they want notices of replies, and where to
    // email them if they asked for emails (one command per reply instead of two; issue 9).
    private static readonly Func<PeerCircleDbContext, Guid, CancellationToken, Task<ReplyNoticeChoice?>> s_replyNoticeChoice = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid userId, CancellationToken cancellationToken) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new ReplyNoticeChoice(u.ReplyNoticesOff, u.EmailNotifications && u.EmailConfirmed && u.Email != null ? u.Email : null))
            .SingleOrDefault());

    private static readonly Func<PeerCircleDbContext, List<Guid>, IAsyncEnumerable<string>> s_emailRecipients = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, List<Guid> ids) => db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.EmailNotifications && u.EmailConfirmed && u.Email != null)
            .Select(u => u.Email!));

    private readonly HashSet<Guid> _pending = [];

    /// <summary>Where to email people whose choice this request has already read (null: no email), by id.</summary>
    private readonly Dictionary<Guid, string?> _emailKnown = [];

    /// <summary>Adds a notification; <c>email: false</c> when the caller sends its own email about the same thing.</summary>
    public void Notify(Guid userId, string text, string? link, bool email = true)
    {
        db.Notifications.Add(new Notification(userId, text, link, time.GetUtcNow().UtcDateTime));
        if (email)
        {
            _pending.Add(userId);
        }
    }

    /// <summary>A reply in a conversation the person started, unless they turned reply notices off in their profile.</summary>
    public async Task NotifyReplyAsync(Guid userId, string? link, CancellationToken cancellationToken)
    {
        var choice = await s_replyNoticeChoice(db, userId, cancellationToken);
        if (choice is null || choice.NoticesOff)
        {
            return;
        }

        Notify(userId, Reply, link);
        _emailKnown[userId] = choice.Email;
    }

    /// <summary>After the save: emails the people notified who asked for it. A failed email never undoes the action.</summary>
    public async Task SendEmailsAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var recipients = new List<string>(_pending.Count);
        var unknown = new List<Guid>();
        foreach (var id in _pending)
        {
            if (_emailKnown.Remove(id, out var known))
            {
                if (known is not null)
                {
                    recipients.Add(known);
                }
            }
            else
            {
                unknown.Add(id);
            }
        }

        _pending.Clear();
        if (unknown.Count > 0)
        {
            recipients.AddRange(await s_emailRecipients(db, unknown).ToListAsync(cancellationToken));
        }

        var link = links.Page("/Notifications/Index", null);
        var html = HtmlEncoder.Default;
        foreach (var to in recipients)
        {
            try
            {
                await sender.SendAsync(new EmailMessage(to, EmailSubject,
                    $"{EmailText}\n\nSee it: {link}\n\nYou can turn these emails off in your profile.\n",
                    $"<p>{html.Encode(EmailText)}</p><p><a href=\"{html.Encode(link)}\">See it</a></p><p>You can turn these emails off in your profile.</p>"),
                    cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(new EventId(6301, "NotificationEmailFailed"), ex, "A notification email could not be sent");
            }
        }
    }

    private sealed record ReplyNoticeChoice(bool NoticesOff, string? Email);

    public static string Warning(string message) => $"A facilitator of one of your groups sent you a message: {message}";

    public static string Muted(DateTime untilUtc, string? reason) =>
        $"A facilitator paused your posting in one of your groups until {untilUtc:yyyy-MM-dd HH:mm} UTC.{Why(reason)}";

    public static string Removed(string? reason) => $"A facilitator removed you from one of your groups.{Why(reason)}";

    private static string Why(string? reason) => string.IsNullOrWhiteSpace(reason) ? string.Empty : $" Reason: {reason.Trim()}";
}
