using PeerCircle.Domain.Groups;

namespace PeerCircle.Domain.OneToOne;

public enum SupportRequestStatus
{
    /// <summary>Waiting: the member is choosing a supporter, or waiting for the one they chose to answer.</summary>
    Open,

    /// <summary>A supporter accepted: the pairing has started.</summary>
    Matched,

    /// <summary>The member no longer wants support through this request.</summary>
    Withdrawn,
}

/// <summary>
/// A member asks for one-to-one support: what they would like help with, when they are free and an optional
/// short note that only the supporter they choose will read. A member has at most one open request.
/// </summary>
public sealed class SupportRequest
{
    public const int NoteMaxLength = 500;

    private SupportRequest()
    {
        TopicList = string.Empty;
        TimeZone = string.Empty;
        AvailabilityText = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public string TopicList { get; private set; }

    /// <summary>The language the member asked for, or null for "any of the supporter's languages".</summary>
    public string? Language { get; private set; }

    public string TimeZone { get; private set; }
    public string AvailabilityText { get; private set; }

    /// <summary>Private to the supporter the member chooses (and deleted with the pairing's messages).</summary>
    public string? Note { get; private set; }

    public SupportRequestStatus Status { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? MatchedUtc { get; private set; }

    public IReadOnlyList<Topic> Topics => SupportTopics.Parse(TopicList);
    public WeeklyAvailability Availability => WeeklyAvailability.Parse(TimeZone, AvailabilityText);

    /// <summary>How long the member waited from asking to a supporter accepting.</summary>
    public TimeSpan? TimeToMatch => MatchedUtc - CreatedUtc;

    public static SupportRequest Create(Guid memberId, bool memberHasOpenRequest, bool memberHasActivePairing,
        IReadOnlyCollection<Topic> topics, string? language, WeeklyAvailability availability, string? note, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(availability);
        if (memberHasActivePairing)
        {
            throw new DomainException("You already have a one-to-one supporter. End that pairing first if you would like someone else.");
        }

        if (memberHasOpenRequest)
        {
            throw new DomainException("You have already asked for support; you can choose a supporter from that request.");
        }

        if (language is not null && !SupportLanguages.All.Contains(language, StringComparer.Ordinal))
        {
            throw new DomainException("Choose a language from the list.");
        }

        var clean = note?.Trim();
        if (clean is { Length: > NoteMaxLength })
        {
            throw new DomainException($"The note must be at most {NoteMaxLength} characters.");
        }

        return new SupportRequest
        {
            Id = Guid.CreateVersion7(),
            MemberId = memberId,
            TopicList = SupportTopics.Check(topics, "Choose at least one thing you would like support with."),
            Language = language,
            TimeZone = availability.TimeZone,
            AvailabilityText = availability.Serialize(),
            Note = string.IsNullOrEmpty(clean) ? null : clean,
            Status = SupportRequestStatus.Open,
            CreatedUtc = nowUtc,
        };
    }

    public void Withdraw(Guid byUserId)
    {
        if (byUserId != MemberId)
        {
            throw new DomainException("Only the person who asked can withdraw this request.");
        }

        if (Status != SupportRequestStatus.Open)
        {
            throw new DomainException("This request is no longer waiting.");
        }

        Status = SupportRequestStatus.Withdrawn;
    }

    internal void EnsureOpen()
    {
        if (Status != SupportRequestStatus.Open)
        {
            throw new DomainException("This request is no longer waiting for a supporter.");
        }
    }

    internal void MarkMatched(DateTime nowUtc)
    {
        EnsureOpen();
        Status = SupportRequestStatus.Matched;
        MatchedUtc = nowUtc;
    }

    /// <summary>The private note goes when the pairing's messages do.</summary>
    public void PurgeNote() => Note = null;
}
