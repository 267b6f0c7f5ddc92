namespace PeerCircle.Domain.OneToOne;

public enum PairCheckInStatus
{
    Proposed,
    Accepted,
    Declined,
    Cancelled,
}

/// <summary>
/// A one-to-one check-in (a call or chat at an agreed time): proposed by either person, accepted or
/// declined by the other. Accepted check-ins appear in both people's calendars (discreet mode respected).
/// </summary>
public sealed class PairCheckIn
{
    public const int MinMinutes = 15;
    public const int MaxMinutes = 120;

    private PairCheckIn()
    {
    }

    internal PairCheckIn(Guid pairingId, Guid proposedBy, DateTime startUtc, int durationMinutes, DateTime nowUtc)
    {
        if (startUtc <= nowUtc)
        {
            throw new DomainException("Choose a time in the future.");
        }

        if (startUtc > nowUtc.AddDays(90))
        {
            throw new DomainException("Choose a time within the next 90 days.");
        }

        if (durationMinutes is < MinMinutes or > MaxMinutes)
        {
            throw new DomainException($"A check-in lasts from {MinMinutes} to {MaxMinutes} minutes.");
        }

        Id = Guid.CreateVersion7();
        PairingId = pairingId;
        ProposedBy = proposedBy;
        StartUtc = startUtc;
        DurationMinutes = durationMinutes;
        Status = PairCheckInStatus.Proposed;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PairingId { get; private set; }
    public Guid ProposedBy { get; private set; }
    public DateTime StartUtc { get; private set; }
    public int DurationMinutes { get; private set; }
    public PairCheckInStatus Status { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? AnsweredUtc { get; private set; }

    /// <summary>The other person of the pair accepts (not the one who proposed it).</summary>
    public void Accept(Pairing pairing, Guid byUserId, DateTime nowUtc) => Answer(pairing, byUserId, PairCheckInStatus.Accepted, nowUtc);

    public void Decline(Pairing pairing, Guid byUserId, DateTime nowUtc) => Answer(pairing, byUserId, PairCheckInStatus.Declined, nowUtc);

    /// <summary>Either person calls off a check-in not yet past.</summary>
    public void Cancel(Pairing pairing, Guid byUserId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        EnsureOf(pairing);
        pairing.EnsureIncludes(byUserId);
        if (Status is not (PairCheckInStatus.Proposed or PairCheckInStatus.Accepted) || StartUtc <= nowUtc)
        {
            throw new DomainException("Only a check-in still to come can be called off.");
        }

        Status = PairCheckInStatus.Cancelled;
        AnsweredUtc = nowUtc;
    }

    private void Answer(Pairing pairing, Guid byUserId, PairCheckInStatus answer, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        EnsureOf(pairing);
        pairing.EnsureIncludes(byUserId);
        pairing.EnsureActive("This pairing has ended.");
        if (byUserId == ProposedBy)
        {
            throw new DomainException("The other person answers a check-in you proposed.");
        }

        if (Status != PairCheckInStatus.Proposed)
        {
            throw new DomainException("This check-in has already been answered.");
        }

        if (answer == PairCheckInStatus.Accepted && StartUtc <= nowUtc)
        {
            throw new DomainException("This time has passed. Propose another one.");
        }

        Status = answer;
        AnsweredUtc = nowUtc;
    }

    private void EnsureOf(Pairing pairing)
    {
        if (pairing.Id != PairingId)
        {
            throw new DomainException("That check-in is not part of this pairing.");
        }
    }
}
