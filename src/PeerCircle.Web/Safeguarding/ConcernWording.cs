using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Safeguarding;

/// <summary>How concerns read on the pages: statuses, sources, and how long one has waited.</summary>
public static class ConcernWording
{
    public static string Status(ConcernStatus status) => status switch
    {
        ConcernStatus.Draft => "Draft: waiting for a facilitator's review",
        ConcernStatus.Open => "Open",
        ConcernStatus.Acknowledged => "Acknowledged",
        ConcernStatus.Escalated => "Escalated",
        ConcernStatus.Closed => "Closed",
        _ => "Dismissed",
    };

    public static string Source(ConcernSource source) => source switch
    {
        ConcernSource.Detector => "Risk detector",
        ConcernSource.Facilitator => "Facilitator",
        _ => "Member",
    };

    public static string Kind(ShareKind kind) => kind switch
    {
        ShareKind.BoardThread => "Board conversation",
        ShareKind.BoardReply => "Board reply",
        ShareKind.SessionMessage => "Live session message",
        _ => "Check-in",
    };

    /// <summary>"2 days 3 hours", "45 minutes": how long someone has been waiting.</summary>
    public static string Waited(TimeSpan waited)
    {
        if (waited < TimeSpan.Zero)
        {
            waited = TimeSpan.Zero;
        }

        if (waited.TotalHours < 1)
        {
            var minutes = (int)waited.TotalMinutes;
            return minutes == 1 ? "1 minute" : $"{minutes} minutes";
        }

        if (waited.TotalDays < 1)
        {
            var hours = (int)waited.TotalHours;
            return hours == 1 ? "1 hour" : $"{hours} hours";
        }

        var days = (int)waited.TotalDays;
        var rest = waited.Hours;
        return $"{(days == 1 ? "1 day" : $"{days} days")}{(rest == 0 ? "" : rest == 1 ? " 1 hour" : $" {rest} hours")}";
    }
}
