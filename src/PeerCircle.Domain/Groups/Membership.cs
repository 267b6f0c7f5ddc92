namespace PeerCircle.Domain.Groups;

/// <summary>
/// A person's place in a group. They join by accepting the group's current agreement; a by-request
/// group waits for a facilitator's approval. Only an active member who accepted the current
/// agreement may book a seat.
/// </summary>
public sealed class Membership
{
    private Membership()
    {
    }

    private Membership(Guid groupId, Guid userId)
    {
        Id = Guid.CreateVersion7();
        GroupId = groupId;
        UserId = userId;
    }

    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid UserId { get; private set; }
    public MembershipStatus Status { get; private set; }
    public int AcceptedAgreementVersion { get; private set; }
    public DateTime AgreementAcceptedUtc { get; private set; }
    public DateTime RequestedUtc { get; private set; }
    public DateTime? DecidedUtc { get; private set; }
    public Guid? DecidedBy { get; private set; }

    /// <summary>Until when a facilitator has paused this member's posting in the group.</summary>
    public DateTime? MutedUntilUtc { get; private set; }

    public bool IsActive => Status == MembershipStatus.Active;

    /// <summary>Joins (or asks to join) a group by accepting the agreement version the person read.</summary>
    public static Membership Join(Group group, Guid userId, int acceptedAgreementVersion, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        var membership = new Membership(group.Id, userId);
        membership.Rejoin(group, acceptedAgreementVersion, nowUtc);
        return membership;
    }

    /// <summary>Joins again after leaving or being declined. A removed member cannot rejoin by themselves.</summary>
    public void Rejoin(Group group, int acceptedAgreementVersion, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!group.IsActive)
        {
            throw new DomainException("This group is archived and no longer takes new members.");
        }

        if (Status == MembershipStatus.Removed)
        {
            throw new DomainException("You were removed from this group, so you can't rejoin it. If you think this is a mistake, contact the facilitators.");
        }

        if (Status is MembershipStatus.Active or MembershipStatus.Pending && RequestedUtc != default)
        {
            throw new DomainException(Status == MembershipStatus.Active
                ? "You are already a member of this group."
                : "Your request to join is waiting for a facilitator.");
        }

        AcceptAgreement(group, acceptedAgreementVersion, nowUtc);
        RequestedUtc = nowUtc;
        DecidedUtc = null;
        DecidedBy = null;
        Status = group.JoinPolicy == JoinPolicy.Open ? MembershipStatus.Active : MembershipStatus.Pending;
    }

    public void AcceptAgreement(Group group, int version, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (version != group.CurrentAgreementVersion)
        {
            throw new DomainException("The group agreement has changed since you opened the page. Please read the current version and accept it.");
        }

        AcceptedAgreementVersion = version;
        AgreementAcceptedUtc = nowUtc;
    }

    public void Approve(Guid facilitatorId, DateTime nowUtc) => Decide(MembershipStatus.Active, facilitatorId, nowUtc);

    public void Decline(Guid facilitatorId, DateTime nowUtc) => Decide(MembershipStatus.Declined, facilitatorId, nowUtc);

    public void Leave()
    {
        if (Status is not (MembershipStatus.Active or MembershipStatus.Pending))
        {
            throw new DomainException("You are not a member of this group.");
        }

        Status = MembershipStatus.Left;
    }

    public void Remove(Guid facilitatorId, DateTime nowUtc)
    {
        if (Status != MembershipStatus.Active)
        {
            throw new DomainException("Only an active member can be removed.");
        }

        Status = MembershipStatus.Removed;
        DecidedBy = facilitatorId;
        DecidedUtc = nowUtc;
    }

    /// <summary>A facilitator pauses this member's posting in the group until <paramref name="untilUtc"/>.</summary>
    public void Mute(DateTime untilUtc, DateTime nowUtc)
    {
        if (Status != MembershipStatus.Active)
        {
            throw new DomainException("Only an active member can be muted.");
        }

        if (untilUtc <= nowUtc)
        {
            throw new DomainException("Choose how long to mute the member for.");
        }

        MutedUntilUtc = untilUtc;
    }

    public bool IsMuted(DateTime nowUtc) => MutedUntilUtc > nowUtc;

    /// <summary>Throws unless this member may book a seat in the group's sessions.</summary>
    public void EnsureCanBook(Group group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (Status != MembershipStatus.Active)
        {
            throw new DomainException(Status == MembershipStatus.Pending
                ? "You can book once a facilitator has approved your request to join."
                : "Join the group to book a seat in its sessions.");
        }

        if (AcceptedAgreementVersion != group.CurrentAgreementVersion)
        {
            throw new DomainException("The group agreement has changed. Please read and accept the new version before you book.");
        }
    }

    private void Decide(MembershipStatus outcome, Guid facilitatorId, DateTime nowUtc)
    {
        if (Status != MembershipStatus.Pending)
        {
            throw new DomainException("This request has already been decided.");
        }

        Status = outcome;
        DecidedBy = facilitatorId;
        DecidedUtc = nowUtc;
    }
}
