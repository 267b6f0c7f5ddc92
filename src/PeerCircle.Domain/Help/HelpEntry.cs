namespace PeerCircle.Domain.Help;

/// <summary>What a help service offers; the first three are the urgent ones shown at the top of "Get help now".</summary>
public enum HelpKind
{
    Emergency,
    CrisisLine,
    TextLine,
    Counselling,
    EmployeeAssistance,
    Information,
}

/// <summary>
/// One service of the help directory that admins curate. An entry not verified for
/// <see cref="VerifyEveryMonths"/> months (or never) is flagged to admins.
/// </summary>
public sealed class HelpEntry
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 300;
    public const int PhoneMaxLength = 32;
    public const int TextKeywordMaxLength = 32;
    public const int UrlMaxLength = 300;
    public const int HoursMaxLength = 100;
    public const int RegionsMaxLength = 100;
    public const int TopicsMaxLength = 200;
    public const int VerifyEveryMonths = 6;

    /// <summary>Urgent kinds, in the order they are shown: at most one of each at the top of the page.</summary>
    public static IReadOnlyList<HelpKind> UrgentKinds { get; } = [HelpKind.Emergency, HelpKind.CrisisLine, HelpKind.TextLine];

    private HelpEntry()
    {
        Name = string.Empty;
        Description = string.Empty;
        Regions = string.Empty;
    }

    public HelpEntry(HelpEntryDetails details, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        Name = string.Empty;
        Description = string.Empty;
        Regions = string.Empty;
        CreatedUtc = nowUtc;
        Update(details);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public HelpKind Kind { get; private set; }
    public string Description { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>A number to text (shown as an sms: link).</summary>
    public string? TextNumber { get; private set; }

    /// <summary>The word to text, e.g. SHOUT.</summary>
    public string? TextKeyword { get; private set; }

    public string? Url { get; private set; }
    public string? OpeningHours { get; private set; }

    /// <summary>Region codes separated by spaces ("GB IE"); "INT" means anywhere.</summary>
    public string Regions { get; private set; }

    public string? Topics { get; private set; }

    /// <summary>Lower comes first among entries of the same kind.</summary>
    public int SortOrder { get; private set; }

    /// <summary>Null until an admin has checked the entry.</summary>
    public DateOnly? LastVerifiedOn { get; private set; }

    public Guid? LastVerifiedBy { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public bool IsUrgent => UrgentKinds.Contains(Kind);

    public IReadOnlyList<string> RegionCodes => Regions.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Update(HelpEntryDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var name = RequiredText.Check(details.Name, NameMaxLength, "Enter the service's name.", "name");
        var description = RequiredText.Check(details.Description, DescriptionMaxLength, "Say in a sentence what the service offers.", "description");
        var phone = Optional(details.Phone, PhoneMaxLength, "phone number");
        var text = Optional(details.TextNumber, PhoneMaxLength, "text number");
        var keyword = Optional(details.TextKeyword, TextKeywordMaxLength, "text keyword");
        var url = Optional(details.Url, UrlMaxLength, "web address");
        var hours = Optional(details.OpeningHours, HoursMaxLength, "opening hours");
        var topics = Optional(details.Topics, TopicsMaxLength, "topics");
        if (phone is not null && !IsDialable(phone))
        {
            throw new DomainException("The phone number may only contain digits, spaces, dashes and a leading +.");
        }

        if (text is not null && !IsDialable(text))
        {
            throw new DomainException("The text number may only contain digits, spaces, dashes and a leading +.");
        }

        if (keyword is not null && text is null)
        {
            throw new DomainException("A text keyword needs a number to text.");
        }

        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            throw new DomainException("The web address must be a full https:// address.");
        }

        if (details.Kind != HelpKind.Emergency && phone is null && text is null && url is null)
        {
            throw new DomainException("Give at least one way to reach the service: a phone number, a text number or a web address.");
        }

        var regions = (details.Regions ?? [])
            .Select(r => r.Trim().ToUpperInvariant())
            .Where(r => r.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (regions.Count == 0)
        {
            throw new DomainException("Choose at least one region.");
        }

        var joined = string.Join(' ', regions);
        if (joined.Length > RegionsMaxLength)
        {
            throw new DomainException("Too many regions.");
        }

        Name = name;
        Kind = details.Kind;
        Description = description;
        Phone = phone;
        TextNumber = text;
        TextKeyword = keyword;
        Url = url;
        OpeningHours = hours;
        Regions = joined;
        Topics = topics;
        SortOrder = details.SortOrder;
        ConcurrencyStamp = Guid.NewGuid();
    }

    public bool ServesRegion(string region) => RegionCodes.Contains(region, StringComparer.OrdinalIgnoreCase);

    /// <summary>An admin has checked the details against the service's own site today.</summary>
    public void MarkVerified(Guid adminId, DateOnly today)
    {
        LastVerifiedOn = today;
        LastVerifiedBy = adminId;
        ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>Never verified, or last verified more than <see cref="VerifyEveryMonths"/> months before today.</summary>
    public bool NeedsVerification(DateOnly today) => LastVerifiedOn is not { } on || on.AddMonths(VerifyEveryMonths) < today;

    /// <summary>The last day an entry verified then is still current; older ones are flagged.</summary>
    public static DateOnly StaleBefore(DateOnly today) => today.AddMonths(-VerifyEveryMonths);

    private static string? Optional(string? value, int maxLength, string what)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength ? throw new DomainException($"The {what} must be at most {maxLength} characters.") : trimmed;
    }

    private static bool IsDialable(string number) =>
        number.Any(char.IsAsciiDigit) && number.Select((c, i) => char.IsAsciiDigit(c) || c is ' ' or '-' || (c == '+' && i == 0)).All(ok => ok);
}

/// <summary>What an admin enters for a help directory entry.</summary>
public sealed record HelpEntryDetails(
    string Name, HelpKind Kind, string Description, string? Phone, string? TextNumber, string? TextKeyword, string? Url,
    string? OpeningHours, IReadOnlyList<string> Regions, string? Topics, int SortOrder = 0);
