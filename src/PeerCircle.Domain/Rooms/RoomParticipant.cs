namespace PeerCircle.Domain.Rooms;

/// <summary>
/// A person in a session's live room: a booked member or one of the group's facilitators. The row
/// exists from the moment they acknowledge the group agreement for this session; it records whether
/// they entered (attendance), their raised hand, a break, the facilitator's mute or removal, and how
/// much they have said (the facilitators' talk-time balance).
/// </summary>
public sealed class RoomParticipant
{
    private RoomParticipant()
    {
    }

    private RoomParticipant(Guid sessionId, Guid userId, bool isFacilitator, int agreementVersion, DateTime nowUtc)
    {
        SessionId = sessionId;
        UserId = userId;
        IsFacilitator = isFacilitator;
        AgreementVersion = agreementVersion;
        AcknowledgedUtc = nowUtc;
    }

    public Guid SessionId { get; private set; }
    public Guid UserId { get; private set; }
    public bool IsFacilitator { get; private set; }

    /// <summary>The version of the group agreement acknowledged on entry to this session.</summary>
    public int AgreementVersion { get; private set; }

    public DateTime AcknowledgedUtc { get; private set; }

    /// <summary>When they first came into the room; attendance is recorded from this.</summary>
    public DateTime? EnteredUtc { get; private set; }

    /// <summary>When they raised their hand; the queue is served in this order, so late arrivals join its end.</summary>
    public DateTime? HandRaisedUtc { get; private set; }

    public DateTime? SteppedOutUtc { get; private set; }
    public DateTime? MutedUtc { get; private set; }
    public Guid? MutedBy { get; private set; }
    public DateTime? RemovedUtc { get; private set; }
    public Guid? RemovedBy { get; private set; }
    public DateTime? LastMessageUtc { get; private set; }

    /// <summary>Messages to the group (talk-time balance).</summary>
    public int MessageCount { get; private set; }

    /// <summary>Characters of those messages (talk-time balance).</summary>
    public int CharacterCount { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public bool IsHandRaised => HandRaisedUtc is not null;
    public bool IsSteppedOut => SteppedOutUtc is not null;
    public bool IsMuted => MutedUtc is not null;
    public bool IsRemoved => RemovedUtc is not null;

    /// <summary>
    /// Acknowledges the group agreement for this session: the way into the room. A member needs a seat
    /// in the session (checked by the caller, who knows the bookings); the room must be open.
    /// </summary>
    public static RoomParticipant Acknowledge(SessionRoom room, Guid userId, bool isFacilitator, int agreementVersion, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(room);
        room.EnsureOpen();
        if (agreementVersion < 1)
        {
            throw new DomainException("The group agreement must be acknowledged to enter the room.");
        }

        return new RoomParticipant(room.SessionId, userId, isFacilitator, agreementVersion, nowUtc);
    }

    /// <summary>Comes into the room (again, after a dropped connection or a break).</summary>
    public void Enter(DateTime nowUtc)
    {
        EnsureInRoom();
        EnteredUtc ??= nowUtc;
        Touch();
    }

    public void RaiseHand(DateTime nowUtc)
    {
        EnsureInRoom();
        if (IsHandRaised)
        {
            throw new DomainException("Your hand is already raised.");
        }

        HandRaisedUtc = nowUtc;
        Touch();
    }

    public void LowerHand()
    {
        if (HandRaisedUtc is null)
        {
            return;
        }

        HandRaisedUtc = null;
        Touch();
    }

    /// <summary>Takes a break: the room goes on; they come back when they are ready.</summary>
    public void StepOut(DateTime nowUtc)
    {
        EnsureInRoom();
        SteppedOutUtc ??= nowUtc;
        Touch();
    }

    public void ComeBack()
    {
        EnsureInRoom();
        SteppedOutUtc = null;
        Touch();
    }

    /// <summary>A facilitator stops this person's messages for the rest of the session.</summary>
    public void Mute(RoomParticipant facilitator, DateTime nowUtc)
    {
        EnsureActedOnByFacilitator(facilitator);
        if (IsMuted)
        {
            throw new DomainException("That person is already muted for this session.");
        }

        MutedUtc = nowUtc;
        MutedBy = facilitator.UserId;
        HandRaisedUtc = null;
        Touch();
    }

    /// <summary>A facilitator removes this person from the room; they cannot come back to this session.</summary>
    public void Remove(RoomParticipant facilitator, DateTime nowUtc)
    {
        EnsureActedOnByFacilitator(facilitator);
        RemovedUtc = nowUtc;
        RemovedBy = facilitator.UserId;
        HandRaisedUtc = null;
        SteppedOutUtc = null;
        Touch();
    }

    /// <summary>Counts a sent message: slow mode's clock, and talk time when it went to the whole group.</summary>
    public void RecordMessage(DateTime nowUtc, int characters, bool toGroup)
    {
        LastMessageUtc = nowUtc;
        if (toGroup)
        {
            MessageCount++;
            CharacterCount += characters;
        }

        Touch();
    }

    public void EnsureInRoom()
    {
        if (IsRemoved)
        {
            throw new DomainException("A facilitator has asked you to leave this session, so you can't take part in its room.");
        }
    }

    private void EnsureActedOnByFacilitator(RoomParticipant facilitator)
    {
        ArgumentNullException.ThrowIfNull(facilitator);
        if (!facilitator.IsFacilitator || facilitator.SessionId != SessionId)
        {
            throw new DomainException("Only the group's facilitators can do that.");
        }

        if (IsFacilitator)
        {
            throw new DomainException("A facilitator can't be muted or removed from the room.");
        }

        if (IsRemoved)
        {
            throw new DomainException("That person has already been removed from this session.");
        }
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}
