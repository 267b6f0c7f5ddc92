using PeerCircle.Domain.Time;

namespace PeerCircle.Domain.Groups;

/// <summary>
/// A peer support group: what it is about, how and where it meets, who may join and under which
/// agreement, and which trained facilitators look after it.
/// </summary>
public sealed class Group
{
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 2000;
    public const int LocationMaxLength = 200;
    public const int TimeZoneMaxLength = 64;
    public const int AgreementMaxLength = 8000;
    public const int MinCapacity = 2;
    public const int MaxCapacity = 50;
    public const int DefaultRetentionDays = 30;

    private readonly List<GroupTopic> _topics = [];
    private readonly List<GroupAgreement> _agreements = [];
    private readonly List<GroupFacilitator> _facilitators = [];

    private Group()
    {
        Name = string.Empty;
        Description = string.Empty;
        Location = string.Empty;
        TimeZoneId = string.Empty;
    }

    public Group(GroupDetails details, string agreementText, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        Name = string.Empty;
        Description = string.Empty;
        Location = string.Empty;
        TimeZoneId = string.Empty;
        CreatedUtc = nowUtc;
        Status = GroupStatus.Active;
        RetentionDays = DefaultRetentionDays;
        Update(details);
        PublishAgreement(agreementText, nowUtc);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Description { get; private set; }
    public GroupFormat Format { get; private set; }
    public string Location { get; private set; }
    public string TimeZoneId { get; private set; }
    public int Capacity { get; private set; }
    public JoinPolicy JoinPolicy { get; private set; }
    public bool Listed { get; private set; }
    public bool RequiresCoFacilitation { get; private set; }
    public GroupStatus Status { get; private set; }
    public int CurrentAgreementVersion { get; private set; }
    public int RetentionDays { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ArchivedUtc { get; private set; }

    /// <summary>Changes on every edit, so two admins editing at once cannot silently overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public IReadOnlyCollection<GroupTopic> Topics => _topics;
    public IReadOnlyCollection<GroupAgreement> Agreements => _agreements;
    public IReadOnlyCollection<GroupFacilitator> Facilitators => _facilitators;

    public int RequiredFacilitators => RequiresCoFacilitation ? 2 : 1;

    public bool IsActive => Status == GroupStatus.Active;

    public void Update(GroupDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureActive();
        // Everything is checked before anything changes, so a refused edit leaves the group as it was.
        var name = RequiredText.Check(details.Name, NameMaxLength, "Enter the group's name.", "name");
        var description = RequiredText.Check(details.Description, DescriptionMaxLength, "Describe the group in a sentence or two.", "description");
        var location = RequiredText.Check(details.Location, LocationMaxLength, details.Format == GroupFormat.Online
            ? "Name the online room (for example \"PeerCircle live room\")."
            : "Enter where the group meets.", "location");
        if (!Zones.IsKnown(details.TimeZoneId))
        {
            throw new DomainException("Choose the group's time zone from the list.");
        }

        if (details.Capacity is < MinCapacity or > MaxCapacity)
        {
            throw new DomainException($"Seats per session must be between {MinCapacity} and {MaxCapacity}.");
        }

        var topics = details.Topics.Distinct().ToList();
        if (topics.Count == 0)
        {
            throw new DomainException("Choose at least one topic.");
        }

        Name = name;
        Description = description;
        Location = location;
        Format = details.Format;
        TimeZoneId = details.TimeZoneId;
        Capacity = details.Capacity;
        JoinPolicy = details.JoinPolicy;
        Listed = details.Listed;
        RequiresCoFacilitation = details.RequiresCoFacilitation;
        _topics.RemoveAll(t => !topics.Contains(t.Topic));
        foreach (var topic in topics.Where(t => _topics.All(existing => existing.Topic != t)))
        {
            _topics.Add(new GroupTopic(Id, topic));
        }

        Touch();
    }

    /// <summary>
    /// How long the board's posts are kept after the group is archived (new groups take the service's
    /// default from the admin settings).
    /// </summary>
    public void KeepBoardFor(int days)
    {
        if (days is < 1 or > 365)
        {
            throw new DomainException("Board posts are kept between 1 and 365 days after a group is archived.");
        }

        RetentionDays = days;
    }

    /// <summary>Publishes a new version of the group agreement; members accept it before their next booking.</summary>
    public GroupAgreement PublishAgreement(string text, DateTime nowUtc)
    {
        EnsureActive();
        var body = RequiredText.Check(text, AgreementMaxLength, "Write the group agreement: the ground rules members accept.", "agreement");
        if (_agreements.Count > 0 && _agreements.MaxBy(a => a.Version)!.Text == body)
        {
            throw new DomainException("The agreement has not changed.");
        }

        CurrentAgreementVersion++;
        var agreement = new GroupAgreement(Id, CurrentAgreementVersion, body, nowUtc);
        _agreements.Add(agreement);
        Touch();
        return agreement;
    }

    public void AssignFacilitator(Guid userId, DateTime nowUtc)
    {
        EnsureActive();
        if (_facilitators.Any(f => f.UserId == userId))
        {
            throw new DomainException("That facilitator already looks after this group.");
        }

        _facilitators.Add(new GroupFacilitator(Id, userId, nowUtc));
        Touch();
    }

    public void RemoveFacilitator(Guid userId)
    {
        var facilitator = _facilitators.SingleOrDefault(f => f.UserId == userId)
            ?? throw new DomainException("That person is not a facilitator of this group.");
        _facilitators.Remove(facilitator);
        Touch();
    }

    public bool IsFacilitator(Guid userId) => _facilitators.Any(f => f.UserId == userId);

    public void Archive(DateTime nowUtc)
    {
        EnsureActive();
        Status = GroupStatus.Archived;
        ArchivedUtc = nowUtc;
        Touch();
    }

    private void EnsureActive()
    {
        if (Status == GroupStatus.Archived)
        {
            throw new DomainException("This group is archived and can't be changed.");
        }
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}

/// <summary>The editable description of a group, as an admin fills it in.</summary>
public sealed record GroupDetails(
    string Name,
    string Description,
    IReadOnlyCollection<Topic> Topics,
    GroupFormat Format,
    string Location,
    string TimeZoneId,
    int Capacity,
    JoinPolicy JoinPolicy,
    bool Listed,
    bool RequiresCoFacilitation);

public sealed class GroupTopic
{
    private GroupTopic()
    {
    }

    internal GroupTopic(Guid groupId, Topic topic)
    {
        GroupId = groupId;
        Topic = topic;
    }

    public Guid GroupId { get; private set; }
    public Topic Topic { get; private set; }
}

/// <summary>One version of a group's ground rules. Versions are never edited, only superseded.</summary>
public sealed class GroupAgreement
{
    private GroupAgreement()
    {
        Text = string.Empty;
    }

    internal GroupAgreement(Guid groupId, int version, string text, DateTime publishedUtc)
    {
        GroupId = groupId;
        Version = version;
        Text = text;
        PublishedUtc = publishedUtc;
    }

    public Guid GroupId { get; private set; }
    public int Version { get; private set; }
    public string Text { get; private set; }
    public DateTime PublishedUtc { get; private set; }
}

public sealed class GroupFacilitator
{
    private GroupFacilitator()
    {
    }

    internal GroupFacilitator(Guid groupId, Guid userId, DateTime assignedUtc)
    {
        GroupId = groupId;
        UserId = userId;
        AssignedUtc = assignedUtc;
    }

    public Guid GroupId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime AssignedUtc { get; private set; }
}
