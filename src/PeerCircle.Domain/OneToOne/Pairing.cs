using PeerCircle.Domain.Sharing;

namespace PeerCircle.Domain.OneToOne;

public enum PairingStatus
{
    /// <summary>The member chose this supporter; the supporter has not answered yet.</summary>
    Asked,

    /// <summary>The supporter declined (the member can choose someone else).</summary>
    Declined,

    /// <summary>The member changed their mind before the supporter answered.</summary>
    Withdrawn,

    Active,
    Ended,
}

/// <summary>
/// One member and one supporter: a private space for the two of them (messages, check-ins, goals).
/// Asked → Active (the supporter accepts) or Declined / Withdrawn; Active → Ended by either person at any
/// time, with an optional reason. A member has at most one pairing asked or active; a supporter has at
/// most their caseload limit active. Nothing new can be said in an ended pairing.
/// </summary>
public sealed class Pairing
{
    public const int ReasonMaxLength = 300;

    private Pairing()
    {
    }

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public Guid MemberId { get; private set; }
    public Guid SupporterId { get; private set; }
    public PairingStatus Status { get; private set; }
    public DateTime AskedUtc { get; private set; }
    public DateTime? AnsweredUtc { get; private set; }
    public DateTime? EndedUtc { get; private set; }
    public Guid? EndedBy { get; private set; }

    /// <summary>Why it ended, in the words of whoever ended it: shown only to the other person of the pair.</summary>
    public string? EndReason { get; private set; }

    /// <summary>When the pair's messages and goals are deleted for good: ended plus the retention period.</summary>
    public DateTime? PurgeAfterUtc { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public bool IsActive => Status == PairingStatus.Active;

    /// <summary>The member picks a supporter from the proposals; the supporter is asked.</summary>
    public static Pairing Ask(SupportRequest request, Guid memberId, IReadOnlyCollection<SupporterProposal> proposals, Guid supporterId,
        bool memberHasPairingAskedOrActive, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(proposals);
        if (request.MemberId != memberId)
        {
            throw new DomainException("This request is not yours.");
        }

        request.EnsureOpen();
        if (memberHasPairingAskedOrActive)
        {
            throw new DomainException("You can have one one-to-one supporter at a time. You are already paired, or waiting for an answer.");
        }

        if (proposals.All(p => p.UserId != supporterId))
        {
            throw new DomainException("That supporter is no longer available. Please choose from the list.");
        }

        return new Pairing
        {
            Id = Guid.CreateVersion7(),
            RequestId = request.Id,
            MemberId = memberId,
            SupporterId = supporterId,
            Status = PairingStatus.Asked,
            AskedUtc = nowUtc,
        };
    }

    public bool Includes(Guid userId) => userId == MemberId || userId == SupporterId;

    public Guid Other(Guid userId) => userId == MemberId ? SupporterId : MemberId;

    /// <summary>The supporter accepts, if their training is still valid and they have room in their caseload.</summary>
    public void Accept(Guid supporterId, SupportRequest request, bool trainingValidToday, int activePairings, int caseloadLimit, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureSupporter(supporterId);
        EnsureAsked();
        if (!trainingValidToday)
        {
            throw new DomainException("Your facilitator training is not valid today, so you can't take on someone new. Please renew it first.");
        }

        if (activePairings >= caseloadLimit)
        {
            throw new DomainException($"You are already supporting {activePairings} people, your limit. End a pairing or raise your limit first.");
        }

        request.MarkMatched(nowUtc);
        Status = PairingStatus.Active;
        AnsweredUtc = nowUtc;
        Touch();
    }

    public void Decline(Guid supporterId, DateTime nowUtc)
    {
        EnsureSupporter(supporterId);
        EnsureAsked();
        Status = PairingStatus.Declined;
        AnsweredUtc = nowUtc;
        Touch();
    }

    /// <summary>The member changes their mind before the supporter answers.</summary>
    public void Withdraw(Guid memberId, DateTime nowUtc)
    {
        if (memberId != MemberId)
        {
            throw new DomainException("Only the person who asked can withdraw this.");
        }

        EnsureAsked();
        Status = PairingStatus.Withdrawn;
        AnsweredUtc = nowUtc;
        Touch();
    }

    /// <summary>Either person ends the pairing, with an optional reason. Messages and goals are kept for the retention period.</summary>
    public void End(Guid byUserId, string? reason, DateTime nowUtc, int retentionDays)
    {
        EnsureIncludes(byUserId);
        if (Status != PairingStatus.Active)
        {
            throw new DomainException("This pairing has already ended.");
        }

        var clean = reason?.Trim();
        if (clean is { Length: > ReasonMaxLength })
        {
            throw new DomainException($"The reason must be at most {ReasonMaxLength} characters.");
        }

        Status = PairingStatus.Ended;
        EndedUtc = nowUtc;
        EndedBy = byUserId;
        EndReason = string.IsNullOrEmpty(clean) ? null : clean;
        PurgeAfterUtc = nowUtc.AddDays(retentionDays);
        Touch();
    }

    /// <summary>A message to the other person: a share whose audience is the pair. Only while the pairing is active.</summary>
    public Share Message(Guid authorId, string text, DateTime nowUtc)
    {
        EnsureIncludes(authorId);
        EnsureActive("This pairing has ended, so it takes no new messages.");
        return Share.InPairing(Id, authorId, text, nowUtc);
    }

    public PairCheckIn ProposeCheckIn(Guid byUserId, DateTime startUtc, int durationMinutes, DateTime nowUtc)
    {
        EnsureIncludes(byUserId);
        EnsureActive("This pairing has ended, so no new check-ins can be booked.");
        return new PairCheckIn(Id, byUserId, startUtc, durationMinutes, nowUtc);
    }

    /// <summary>The member sets a goal for themself (the supporter encourages, but does not set or edit goals).</summary>
    public Goal AddGoal(Guid byUserId, string? title, int goalsNow, DateTime nowUtc)
    {
        if (byUserId != MemberId)
        {
            throw new DomainException("Goals are set by the person being supported.");
        }

        EnsureActive("This pairing has ended, so no new goals can be added.");
        if (goalsNow >= Goal.MaxPerPairing)
        {
            throw new DomainException($"You can have at most {Goal.MaxPerPairing} goals. Mark one achieved or remove one first.");
        }

        return new Goal(Id, title, nowUtc);
    }

    internal void EnsureActive(string message)
    {
        if (Status != PairingStatus.Active)
        {
            throw new DomainException(message);
        }
    }

    internal void EnsureIncludes(Guid userId)
    {
        if (!Includes(userId))
        {
            throw new DomainException("Only the two people in this pairing can do that.");
        }
    }

    private void EnsureSupporter(Guid supporterId)
    {
        if (supporterId != SupporterId)
        {
            throw new DomainException("Only the supporter who was asked can answer.");
        }
    }

    private void EnsureAsked()
    {
        if (Status != PairingStatus.Asked)
        {
            throw new DomainException("This request has already been answered.");
        }
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}
