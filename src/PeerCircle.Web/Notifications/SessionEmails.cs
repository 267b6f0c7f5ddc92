using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Email;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Notifications;

/// <summary>
/// Emails about sessions and groups. They carry a time and a link, never anything anyone shared; in
/// discreet mode (the default) they never name the group or its topic: only "PeerCircle session".
/// </summary>
public sealed class SessionEmails(PeerCircleDbContext db, IEmailSender sender, PublicLinks links, Administration.ServiceSettingsProvider settings)
{
    public const string DiscreetTitle = "PeerCircle session";

    public async Task SendPromotedAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        var (person, session) = await LoadAsync(userId, sessionId, cancellationToken);
        if (person is null || session is null)
        {
            return;
        }

        var title = Title(person.DiscreetMode, session.GroupName);
        await SendAsync(person.Email, $"A seat opened up: you're going to your {title}",
            $"Good news: a seat opened up and you now have a place in your {title} on {When(session.StartUtc, person.TimeZoneId)}.",
            "See the session", links.Page("/Sessions/Details", new { id = sessionId }),
            "If you can no longer come, please cancel so someone else can have the seat.", cancellationToken);
    }

    public async Task SendSessionCancelledAsync(IEnumerable<Guid> userIds, Guid sessionId, CancellationToken cancellationToken = default)
    {
        foreach (var userId in userIds)
        {
            var (person, session) = await LoadAsync(userId, sessionId, cancellationToken);
            if (person is null || session is null)
            {
                continue;
            }

            var title = Title(person.DiscreetMode, session.GroupName);
            await SendAsync(person.Email, $"Your {title} on {When(session.StartUtc, person.TimeZoneId, "short")} is cancelled",
                $"Sorry: your {title} on {When(session.StartUtc, person.TimeZoneId)} has been cancelled.",
                "See other sessions", links.Page("/Sessions/Mine", null),
                "If you need to talk to someone before the next session, \"Get help now\" is on every page of PeerCircle.", cancellationToken);
        }
    }

    public async Task SendJoinDecisionAsync(Guid userId, Guid groupId, bool approved, CancellationToken cancellationToken = default)
    {
        var person = await PersonAsync(userId, cancellationToken);
        var groupName = await db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).SingleOrDefaultAsync(cancellationToken);
        if (person is null || groupName is null)
        {
            return;
        }

        var what = person.DiscreetMode ? "a PeerCircle group" : $"the group \"{groupName}\"";
        await SendAsync(person.Email,
            approved ? "Your request to join has been accepted" : "About your request to join",
            approved
                ? $"Welcome: your request to join {what} has been accepted. You can now book a seat in its sessions."
                : $"Your request to join {what} was not accepted this time. There are other groups you can join.",
            approved ? "Go to the group" : "Find a group", approved ? links.Page("/Groups/Details", new { id = groupId }) : links.Page("/Groups/Index", null),
            "PeerCircle is peer support. If you need to talk to someone now, \"Get help now\" is on every page.", cancellationToken);
    }

    public async Task SendReminderAsync(Guid userId, Guid sessionId, ReminderKind kind, CancellationToken cancellationToken = default)
    {
        var (person, session) = await LoadAsync(userId, sessionId, cancellationToken);
        if (person is null || session is null)
        {
            return;
        }

        var title = Title(person.DiscreetMode, session.GroupName);
        // Worded from the admin's reminder times ("tomorrow" and "in an hour" with the defaults); the exact time follows.
        var times = await settings.GetAsync(cancellationToken);
        var soon = kind == ReminderKind.DayBefore
            ? times.DayBeforeReminderHours == 24 ? "tomorrow" : "coming up soon"
            : times.ShortReminderMinutes == 60 ? "in an hour" : $"in {times.ShortReminderMinutes} minutes";
        await SendAsync(person.Email, $"Reminder: your {title} is {soon}",
            $"Your {title} starts {soon}, on {When(session.StartUtc, person.TimeZoneId)}.",
            "See the session", links.Page("/Sessions/Details", new { id = sessionId }),
            "Can't come? Please cancel so someone on the waitlist can have your seat. You can turn reminders off in your profile.", cancellationToken);
    }

    public static string Title(bool discreet, string groupName) => discreet ? DiscreetTitle : $"{groupName} session";

    private static string When(DateTime utc, string zone, string format = "full") => LocalTimes.Format(utc, zone, format);

    private Task<Person?> PersonAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId && u.Email != null)
            .Select(u => new Person(u.Email!, u.DiscreetMode, u.TimeZoneId))
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<(Person? Person, SessionInfo? Session)> LoadAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var person = await PersonAsync(userId, cancellationToken);
        var session = await db.Sessions.Where(s => s.Id == sessionId)
            .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new SessionInfo(s.StartUtc, g.Name))
            .SingleOrDefaultAsync(cancellationToken);
        return (person, session);
    }

    private Task SendAsync(string to, string subject, string intro, string action, string link, string footer, CancellationToken cancellationToken)
    {
        var html = HtmlEncoder.Default;
        return sender.SendAsync(new EmailMessage(to, subject,
            $"{intro}\n\n{action}: {link}\n\n{footer}\n",
            $"<p>{html.Encode(intro)}</p><p><a href=\"{html.Encode(link)}\">{html.Encode(action)}</a></p><p>{html.Encode(footer)}</p>"), cancellationToken);
    }

    private sealed record Person(string Email, bool DiscreetMode, string TimeZoneId);

    private sealed record SessionInfo(DateTime StartUtc, string GroupName);
}
