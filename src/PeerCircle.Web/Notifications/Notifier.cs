using PeerCircle.Data;
using PeerCircle.Domain.Notifications;

namespace PeerCircle.Web.Notifications;

/// <summary>
/// Adds in-app notifications to the caller's unit of work. The wording is fixed here: it never quotes
/// a share and never names a group (discreet mode), only links to where the person can see more.
/// </summary>
public sealed class Notifier(PeerCircleDbContext db, TimeProvider time)
{
    public const string Reply = "Someone replied in a conversation you started.";
    public const string Hidden = "A moderator hid one of your posts from the group. You and the facilitators can still see it.";
    public const string Unhidden = "A moderator made one of your posts visible to the group again.";

    public void Notify(Guid userId, string text, string? link) => db.Notifications.Add(new Notification(userId, text, link, time.GetUtcNow().UtcDateTime));

    public static string Warning(string message) => $"A facilitator of one of your groups sent you a message: {message}";

    public static string Muted(DateTime untilUtc, string? reason) =>
        $"A facilitator paused your posting in one of your groups until {untilUtc:yyyy-MM-dd HH:mm} UTC.{Why(reason)}";

    public static string Removed(string? reason) => $"A facilitator removed you from one of your groups.{Why(reason)}";

    private static string Why(string? reason) => string.IsNullOrWhiteSpace(reason) ? string.Empty : $" Reason: {reason.Trim()}";
}
