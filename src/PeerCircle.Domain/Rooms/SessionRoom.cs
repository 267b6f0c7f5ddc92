using PeerCircle.Domain.Sessions;

namespace PeerCircle.Domain.Rooms;

/// <summary>
/// The live room of a session while it runs: opened when a facilitator starts the session, closed
/// when it ends. It holds what the facilitator controls for everyone (pause, slow mode, who has the
/// floor) and decides whether a participant may send a message now. Everything is stored, so any
/// instance of the app can answer any call (nothing lives in one server's memory).
/// </summary>
public sealed class SessionRoom
{
    /// <summary>Slow mode: at most one message per this many seconds per person (0 = off).</summary>
    public const int MaxSlowModeSeconds = 300;

    private SessionRoom()
    {
    }

    public SessionRoom(Session session, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Status != SessionStatus.Live)
        {
            throw new DomainException("The room opens when a facilitator starts the session.");
        }

        SessionId = session.Id;
        GroupId = session.GroupId;
        OpenedUtc = nowUtc;
    }

    public Guid SessionId { get; private set; }
    public Guid GroupId { get; private set; }
    public DateTime OpenedUtc { get; private set; }
    public DateTime? ClosedUtc { get; private set; }

    /// <summary>While paused only facilitators can send messages.</summary>
    public bool IsPaused { get; private set; }

    public int SlowModeSeconds { get; private set; }

    /// <summary>The participant the facilitator gave the floor to, if any.</summary>
    public Guid? FloorUserId { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public bool IsOpen => ClosedUtc is null;

    public void SetPaused(RoomParticipant facilitator, bool paused)
    {
        EnsureFacilitator(facilitator);
        if (IsPaused == paused)
        {
            throw new DomainException(paused ? "The room is already paused." : "The room is not paused.");
        }

        IsPaused = paused;
        Touch();
    }

    public void SetSlowMode(RoomParticipant facilitator, int seconds)
    {
        EnsureFacilitator(facilitator);
        if (seconds is < 0 or > MaxSlowModeSeconds)
        {
            throw new DomainException($"Slow mode is between 0 (off) and {MaxSlowModeSeconds} seconds.");
        }

        SlowModeSeconds = seconds;
        Touch();
    }

    /// <summary>The facilitator gives the floor to a participant; their raised hand comes down.</summary>
    public void GiveFloor(RoomParticipant facilitator, RoomParticipant participant)
    {
        EnsureFacilitator(facilitator);
        ArgumentNullException.ThrowIfNull(participant);
        if (participant.SessionId != SessionId || participant.IsRemoved)
        {
            throw new DomainException("That person is not in this room.");
        }

        if (participant.IsSteppedOut)
        {
            throw new DomainException("That person has stepped out for a break.");
        }

        FloorUserId = participant.UserId;
        participant.LowerHand();
        Touch();
    }

    /// <summary>The facilitator takes the floor back (nobody has it).</summary>
    public void ClearFloor(RoomParticipant facilitator)
    {
        EnsureFacilitator(facilitator);
        FloorUserId = null;
        Touch();
    }

    /// <summary>
    /// "Pass": the person with the floor hands it back, or a person waiting with a raised hand leaves
    /// the queue. Returns false when there was nothing to pass.
    /// </summary>
    public bool Pass(RoomParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        EnsureOpen();
        var passed = false;
        if (FloorUserId == participant.UserId)
        {
            FloorUserId = null;
            Touch();
            passed = true;
        }

        if (participant.IsHandRaised)
        {
            participant.LowerHand();
            passed = true;
        }

        return passed;
    }

    /// <summary>A participant leaving the conversation (stepping out, muted, removed) gives up the floor.</summary>
    public void Release(Guid userId)
    {
        if (FloorUserId == userId)
        {
            FloorUserId = null;
            Touch();
        }
    }

    /// <summary>
    /// Whether <paramref name="participant"/> may send a message now: the room is open and, for a
    /// member, not paused, they are not muted, and slow mode's interval has passed since their last message.
    /// </summary>
    public void EnsureMaySend(RoomParticipant participant, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(participant);
        EnsureOpen();
        participant.EnsureInRoom();
        if (participant.IsFacilitator)
        {
            return;
        }

        if (participant.IsMuted)
        {
            throw new DomainException("A facilitator has paused your messages for the rest of this session. You can still listen, and \"Get help now\" is always there.");
        }

        if (IsPaused)
        {
            throw new DomainException("The facilitator has paused the room for a moment. You can send again when it resumes.");
        }

        if (SlowModeSeconds > 0 && participant.LastMessageUtc is { } last)
        {
            var wait = last.AddSeconds(SlowModeSeconds) - nowUtc;
            if (wait > TimeSpan.Zero)
            {
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                throw new DomainException($"Slow mode is on: you can send your next message in {seconds} {(seconds == 1 ? "second" : "seconds")}.");
            }
        }
    }

    public void Close(DateTime nowUtc)
    {
        EnsureOpen();
        ClosedUtc = nowUtc;
        FloorUserId = null;
        Touch();
    }

    public void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException("This session has ended, so the room is closed.");
        }
    }

    private void EnsureFacilitator(RoomParticipant facilitator)
    {
        ArgumentNullException.ThrowIfNull(facilitator);
        EnsureOpen();
        if (facilitator.SessionId != SessionId || !facilitator.IsFacilitator)
        {
            throw new DomainException("Only the group's facilitators can do that.");
        }
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}
