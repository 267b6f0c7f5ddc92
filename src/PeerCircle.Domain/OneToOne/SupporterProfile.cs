using PeerCircle.Domain.Groups;

namespace PeerCircle.Domain.OneToOne;

/// <summary>
/// A facilitator who offers one-to-one peer support (mentoring, befriending): what they can help with,
/// the languages they speak, when they are free (weekly windows in their own time zone) and how many
/// people they can support at once. Only someone whose facilitator training is valid can opt in, and
/// matching checks the training again on the day.
/// </summary>
public sealed class SupporterProfile
{
    public const int BioMaxLength = 280;
    public const int MinCaseload = 1;
    public const int MaxCaseload = 5;
    public const int ListMaxLength = 300;

    private SupporterProfile()
    {
        Bio = string.Empty;
        TopicList = string.Empty;
        LanguageList = string.Empty;
        TimeZone = string.Empty;
        AvailabilityText = string.Empty;
    }

    private SupporterProfile(Guid userId, DateTime nowUtc)
        : this()
    {
        UserId = userId;
        CreatedUtc = nowUtc;
    }

    public Guid UserId { get; private set; }

    /// <summary>A few words peers see when choosing (with the pseudonym): never an email or real name.</summary>
    public string Bio { get; private set; }

    public string TopicList { get; private set; }
    public string LanguageList { get; private set; }
    public string TimeZone { get; private set; }
    public string AvailabilityText { get; private set; }
    public int CaseloadLimit { get; private set; }

    /// <summary>False while the supporter has paused taking new people (their current pairings go on).</summary>
    public bool IsAccepting { get; private set; }

    public DateTime CreatedUtc { get; private set; }
    public DateTime? UpdatedUtc { get; private set; }

    public IReadOnlyList<Topic> Topics => SupportTopics.Parse(TopicList);
    public IReadOnlyList<string> Languages => LanguageList.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public WeeklyAvailability Availability => WeeklyAvailability.Parse(TimeZone, AvailabilityText);

    /// <summary>A facilitator with valid training opts in.</summary>
    public static SupporterProfile OptIn(Guid userId, bool trainingValidToday, SupporterDetails details, DateTime nowUtc)
    {
        EnsureTrained(trainingValidToday);
        var profile = new SupporterProfile(userId, nowUtc);
        profile.Apply(details);
        return profile;
    }

    public void Update(bool trainingValidToday, SupporterDetails details, DateTime nowUtc)
    {
        EnsureTrained(trainingValidToday);
        Apply(details);
        UpdatedUtc = nowUtc;
    }

    private void Apply(SupporterDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Bio = RequiredText.Check(details.Bio, BioMaxLength, "Write a short introduction peers will see when choosing.", "introduction");
        TopicList = SupportTopics.Check(details.Topics, "Choose at least one topic you can support people with.");
        LanguageList = SupportLanguages.Check(details.Languages);
        if (details.CaseloadLimit is < MinCaseload or > MaxCaseload)
        {
            throw new DomainException($"Choose how many people you can support at once, from {MinCaseload} to {MaxCaseload}.");
        }

        CaseloadLimit = details.CaseloadLimit;
        TimeZone = details.Availability.TimeZone;
        AvailabilityText = details.Availability.Serialize();
        IsAccepting = details.IsAccepting;
    }

    private static void EnsureTrained(bool trainingValidToday)
    {
        if (!trainingValidToday)
        {
            throw new DomainException("One-to-one supporters need facilitator training that is verified and valid today.");
        }
    }
}

/// <summary>What a supporter fills in.</summary>
public sealed record SupporterDetails(string? Bio, IReadOnlyCollection<Topic> Topics, IReadOnlyCollection<string> Languages,
    WeeklyAvailability Availability, int CaseloadLimit, bool IsAccepting);

/// <summary>Topics of one-to-one support are the group topics; stored as their names, comma-separated.</summary>
public static class SupportTopics
{
    public static string Check(IReadOnlyCollection<Topic>? topics, string missing)
    {
        var list = (topics ?? []).Distinct().Where(Enum.IsDefined).OrderBy(t => t).ToList();
        if (list.Count == 0)
        {
            throw new DomainException(missing);
        }

        return string.Join(',', list);
    }

    public static IReadOnlyList<Topic> Parse(string stored) =>
        (stored ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Topic>).ToList();
}

/// <summary>The languages people can ask for support in (a short fixed list keeps matching exact).</summary>
public static class SupportLanguages
{
    public static IReadOnlyList<string> All { get; } =
        ["English", "Arabic", "Bengali", "Chinese", "French", "German", "Hindi", "Irish", "Italian", "Polish", "Portuguese", "Punjabi", "Romanian", "Spanish", "Urdu", "Welsh"];

    public static string Check(IReadOnlyCollection<string>? languages)
    {
        var list = (languages ?? []).Where(l => All.Contains(l, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            throw new DomainException("Choose at least one language you can support people in.");
        }

        return string.Join(',', list);
    }
}
