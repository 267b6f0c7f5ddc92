using Microsoft.AspNetCore.Identity;

namespace PeerCircle.Data.Identity;

/// <summary>
/// A person's account. Identity owns the sign-in fields; PeerCircle adds the pseudonym peers see
/// and the preferences that shape what the app shows and sends.
/// </summary>
public class ApplicationUser : IdentityUser<Guid>
{
    public const int TimeZoneIdMaxLength = 64;
    public const int RegionMaxLength = 8;
    public const int FeedTokenMaxLength = 64;

    /// <summary>Shown to peers instead of any real name or email.</summary>
    public string Pseudonym { get; set; } = string.Empty;

    /// <summary>Folded form of <see cref="Pseudonym"/>; unique.</summary>
    public string NormalizedPseudonym { get; set; } = string.Empty;

    /// <summary>IANA time zone used to show times to this person.</summary>
    public string TimeZoneId { get; set; } = "Europe/London";

    /// <summary>ISO country code used to choose help lines (GB, IE, US, CA, AU ...).</summary>
    public string? Region { get; set; }

    /// <summary>Calendar entries, emails and notifications never name the group or topic.</summary>
    public bool DiscreetMode { get; set; } = true;

    /// <summary>Email reminders before a booked session: the day before and an hour before.</summary>
    public bool RemindDayBefore { get; set; } = true;

    public bool RemindHourBefore { get; set; } = true;

    /// <summary>Also email me when a notification arrives (the email never says what it is). Off unless chosen.</summary>
    public bool EmailNotifications { get; set; }

    /// <summary>No in-app notice when someone replies in a conversation I started. Off (notices on) unless chosen.</summary>
    public bool ReplyNoticesOff { get; set; }

    /// <summary>Secret part of the private calendar feed URL; null when no feed is enabled. Revocable.</summary>
    public string? CalendarFeedToken { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the person confirmed they meet the minimum age, and which age that was.</summary>
    public DateTime AgeConfirmedUtc { get; set; }

    public int AgeConfirmedMinimum { get; set; }
}
