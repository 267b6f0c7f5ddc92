using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Rooms;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Facilitation;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Rooms;

/// <summary>
/// Everything that happens in a session's live room, for the hub and the room page alike. Every call
/// loads the caller's place in the session from the database and checks it again (a seat or the
/// group's facilitator role, the agreement acknowledged, not removed, the room open), so a connection
/// that was allowed in once earns nothing by staying open. Messages are shares of the sharing model;
/// who receives what is decided by <see cref="ShareVisibility"/> through <see cref="RoomViews"/>.
/// </summary>
public sealed class RoomService(
    PeerCircleDbContext db,
    TimeProvider time,
    AuditLog audit,
    Notifications.Notifier notifier,
    Safeguarding.RiskAlerts riskAlerts,
    Administration.ServiceSettingsProvider settings,
    IHubContext<RoomHub, IRoomClient> hub,
    ILogger<RoomService> logger)
{
    /// <summary>How many of the latest messages a (re)connecting client is given.</summary>
    public const int CatchUpLimit = 500;

    /// <summary>How long after the end a participant may still check out.</summary>
    public static readonly TimeSpan CheckOutGrace = TimeSpan.FromHours(2);

    /// <summary>What facilitators see in the room when a message matched a risk phrase (never the message or the phrase).</summary>
    public const string RoomAlert = "A message in this room may need your attention. A draft safeguarding concern is waiting for you.";

    private const string NotInRoom = "You can't take part in this room.";

    /// <summary>Broadcast groups: everyone in the room, its facilitators, its members, one person.</summary>
    internal static string Everyone(Guid sessionId) => $"room:{sessionId:N}";

    internal static string FacilitatorsOf(Guid sessionId) => $"room:{sessionId:N}:f";

    internal static string MembersOf(Guid sessionId) => $"room:{sessionId:N}:m";

    internal static string Person(Guid sessionId, Guid userId) => $"room:{sessionId:N}:u:{userId:N}";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The caller's way into the room for the room page. Null when they are neither an active member
    /// nor a facilitator of the session's group (the page answers 404, as for a session that does not exist).
    /// </summary>
    public async Task<RoomEntry?> GetEntryAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        (await LoadEntryAsync(sessionId, userId, cancellationToken)).Entry;

    private async Task<(RoomEntry? Entry, RoomPlace? Place)> LoadEntryAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var place = await LoadPlaceAsync(sessionId, userId, cancellationToken);
        if (place is null || !(place.IsFacilitator || place.IsActiveMember))
        {
            return (null, place);
        }

        var participant = await db.RoomParticipants.AsNoTracking()
            .SingleOrDefaultAsync(p => p.SessionId == sessionId && p.UserId == userId, cancellationToken);
        var checks = await db.Shares.AsNoTracking()
            .Where(s => s.SessionId == sessionId && s.AuthorId == userId && (s.Kind == ShareKind.CheckIn || s.Kind == ShareKind.CheckOut))
            .Select(s => s.Kind).ToListAsync(cancellationToken);
        var status = place switch
        {
            { SessionStatus: SessionStatus.Cancelled } => RoomEntryStatus.Cancelled,
            { Format: GroupFormat.InPerson } => RoomEntryStatus.InPerson,
            { SessionStatus: SessionStatus.Scheduled } => RoomEntryStatus.NotOpenYet,
            { SessionStatus: SessionStatus.Ended } => RoomEntryStatus.Ended,
            _ when !place.RoomOpen => RoomEntryStatus.Ended,
            _ when !place.MayEnter => RoomEntryStatus.NoSeat,
            _ when participant?.IsRemoved == true => RoomEntryStatus.Removed,
            _ when participant is null => RoomEntryStatus.NeedsAcknowledgement,
            _ => RoomEntryStatus.Ready,
        };
        var mayCheckOut = participant is { EnteredUtc: not null, IsRemoved: false } && !checks.Contains(ShareKind.CheckOut)
            && (status == RoomEntryStatus.Ready || (status == RoomEntryStatus.Ended && place.EndedUtc is { } ended && Now < ended + CheckOutGrace));
        string? agreement = null;
        if (status == RoomEntryStatus.NeedsAcknowledgement)
        {
            agreement = await db.Groups.Where(g => g.Id == place.GroupId)
                .SelectMany(g => g.Agreements).Where(a => a.Version == place.AgreementVersion).Select(a => a.Text)
                .SingleOrDefaultAsync(cancellationToken);
        }

        return (new RoomEntry(place.SessionId, place.GroupId, place.GroupName, place.Topic, place.StartUtc, place.ScheduledEndUtc, status,
            place.IsFacilitator, place.IsAssignedFacilitator, agreement, place.AgreementVersion, checks.Contains(ShareKind.CheckIn), mayCheckOut), place);
    }

    /// <summary>
    /// Opens a session (scheduled → live) and its room, for an assigned facilitator whose training is
    /// valid (the session's own rules decide).
    /// </summary>
    public async Task StartAsync(Guid sessionId, Guid facilitatorId, CancellationToken cancellationToken = default)
    {
        var session = await db.Sessions.Include(s => s.Facilitators).SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new DomainException("That session does not exist.");
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == session.GroupId, cancellationToken);
        var training = await db.TrainingByPersonAsync(session.Facilitators.Select(f => f.UserId), cancellationToken);
        var now = Now;
        session.Start(group, facilitatorId, training, now);
        if (group.Format != GroupFormat.InPerson)
        {
            db.SessionRooms.Add(new SessionRoom(session, now));
            // In the app only: an email about a room that is already open would arrive too late to help.
            var booked = await db.Bookings.Where(b => b.SessionId == sessionId && b.Status == BookingStatus.Going).Select(b => b.UserId).ToListAsync(cancellationToken);
            foreach (var userId in booked)
            {
                notifier.Notify(userId, Notifications.Notifier.SessionStarted, $"/Sessions/Room/{sessionId}", email: false);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException("The session changed at the same moment (for example a booking or the other facilitator). Nothing was saved; please check and try again.");
        }

        logger.LogInformation(new EventId(5501, "SessionStarted"), "Session {SessionId} started", sessionId);
    }

    /// <summary>
    /// Ends the session: attendance is recorded from who entered the room, the room closes for
    /// everyone and their connections leave its broadcast groups.
    /// </summary>
    public async Task EndAsync(Guid sessionId, Guid facilitatorId, CancellationToken cancellationToken = default)
    {
        var place = await LoadPlaceAsync(sessionId, facilitatorId, cancellationToken);
        if (place is null || !place.MayEnter)
        {
            throw new DomainException(NotInRoom);
        }

        if (!place.IsFacilitator)
        {
            throw new DomainException("Only the group's facilitators can do that.");
        }

        var connections = await RetryAsync(async () =>
        {
            var session = await db.Sessions.Include(s => s.Facilitators).Include(s => s.Bookings).AsSplitQuery()
                .SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
                ?? throw new DomainException("That session does not exist.");
            var room = await db.SessionRooms.SingleOrDefaultAsync(r => r.SessionId == sessionId, cancellationToken);
            var now = Now;
            if (room is null)
            {
                session.End(facilitatorId, now);
                await db.SaveChangesAsync(cancellationToken);
                return [];
            }

            var entered = await db.RoomParticipants
                .Where(p => p.SessionId == sessionId && p.EnteredUtc != null)
                .Select(p => p.UserId).ToListAsync(cancellationToken);
            session.End(facilitatorId, now, entered.ToHashSet());
            room.Close(now);
            var open = await db.RoomConnections.Where(c => c.SessionId == sessionId).ToListAsync(cancellationToken);
            db.RoomConnections.RemoveRange(open);
            await db.SaveChangesAsync(cancellationToken);
            return open;
        });
        logger.LogInformation(new EventId(5502, "SessionEnded"), "Session {SessionId} ended", sessionId);
        await hub.Clients.Group(Everyone(sessionId)).Ended(sessionId);
        foreach (var connection in connections)
        {
            await LeaveGroupsAsync(connection.ConnectionId, sessionId, connection.UserId);
        }
    }

    /// <summary>Acknowledges the group agreement for this session (the way in), with an optional opening check-in.</summary>
    public async Task AcknowledgeAsync(Guid sessionId, Guid userId, int agreementVersion, int? checkIn, CancellationToken cancellationToken = default)
    {
        var place = await RequirePlaceAsync(sessionId, userId, cancellationToken);
        if (agreementVersion != place.AgreementVersion)
        {
            throw new DomainException("The group agreement has just been updated. Please read it again and acknowledge it.");
        }

        var room = await db.SessionRooms.AsNoTracking().SingleAsync(r => r.SessionId == sessionId, cancellationToken);
        var participant = await db.RoomParticipants.SingleOrDefaultAsync(p => p.SessionId == sessionId && p.UserId == userId, cancellationToken);
        if (participant is null)
        {
            participant = RoomParticipant.Acknowledge(room, userId, place.IsFacilitator, place.AgreementVersion, Now);
            db.RoomParticipants.Add(participant);
        }

        participant.EnsureInRoom();
        var addedCheckIn = false;
        if (checkIn is { } score && !await HasCheckAsync(sessionId, userId, ShareKind.CheckIn, cancellationToken))
        {
            db.Shares.Add(Share.CheckIn(place.Author(Now, forCheckIn: true), sessionId, place.ScheduledEndUtc, await RetentionDaysAsync(place, cancellationToken), false, score, Now));
            addedCheckIn = true;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<RoomParticipant>().Any(e => e.State == EntityState.Added))
        {
            // Acknowledged twice at once (two tabs): the other one won, which is the same outcome.
            db.ChangeTracker.Clear();
        }

        if (addedCheckIn)
        {
            await BroadcastStateAsync(sessionId, membersToo: false, cancellationToken);
        }
    }

    /// <summary>The closing check-in: while the room is open, or for a short while after the session ended.</summary>
    public async Task CheckOutAsync(Guid sessionId, Guid userId, int score, CancellationToken cancellationToken = default)
    {
        var (entry, place) = await LoadEntryAsync(sessionId, userId, cancellationToken);
        if (entry is null || place is null || !entry.MayCheckOut)
        {
            throw new DomainException("Checking out is for people who came into this session, once, until two hours after it ends.");
        }

        db.Shares.Add(Share.CheckIn(place.Author(Now, forCheckIn: true), sessionId, place.ScheduledEndUtc, await RetentionDaysAsync(place, cancellationToken), true, score, Now));
        await db.SaveChangesAsync(cancellationToken);
        if (entry.Status == RoomEntryStatus.Ready)
        {
            await BroadcastStateAsync(sessionId, membersToo: false, cancellationToken);
            await SendMeAsync(sessionId, userId, cancellationToken);
        }
    }

    /// <summary>A connection comes into the room: it joins the room's broadcast groups and gets everything it may see.</summary>
    public async Task<RoomSnapshot> JoinAsync(Guid sessionId, Guid userId, string connectionId, CancellationToken cancellationToken = default)
    {
        var place = await RetryAsync(async () =>
        {
            var (p, participant, _) = await RequireInRoomAsync(sessionId, userId, cancellationToken);
            participant.Enter(Now);
            if (!await db.RoomConnections.AnyAsync(c => c.ConnectionId == connectionId, cancellationToken))
            {
                db.RoomConnections.Add(new RoomConnection(connectionId, sessionId, userId, Now));
            }

            await db.SaveChangesAsync(cancellationToken);
            return p;
        });

        await hub.Groups.AddToGroupAsync(connectionId, Everyone(sessionId), cancellationToken);
        await hub.Groups.AddToGroupAsync(connectionId, place.IsFacilitator ? FacilitatorsOf(sessionId) : MembersOf(sessionId), cancellationToken);
        await hub.Groups.AddToGroupAsync(connectionId, Person(sessionId, userId), cancellationToken);
        logger.LogInformation(new EventId(5510, "RoomJoined"), "{UserId} joined the room of session {SessionId}", userId, sessionId);
        await BroadcastStateAsync(sessionId, membersToo: true, cancellationToken);
        return new RoomSnapshot(await LoadMeAsync(sessionId, userId, cancellationToken), await LoadStateAsync(sessionId, place.IsFacilitator, cancellationToken),
            await LoadMessagesAsync(place, cancellationToken));
    }

    /// <summary>A connection closed: presence is updated for everyone.</summary>
    public async Task LeaveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var connection = await db.RoomConnections.SingleOrDefaultAsync(c => c.ConnectionId == connectionId, cancellationToken);
        if (connection is null)
        {
            return;
        }

        db.RoomConnections.Remove(connection);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Already removed (the session ended, or the person was removed, at the same moment).
            return;
        }

        if (await db.SessionRooms.AnyAsync(r => r.SessionId == connection.SessionId && r.ClosedUtc == null, cancellationToken))
        {
            await BroadcastStateAsync(connection.SessionId, membersToo: true, cancellationToken);
        }
    }

    /// <summary>Sends a message: a share of the session with the group's retention, checked against pause, mute and slow mode.</summary>
    public async Task<RoomMessage> SendAsync(Guid sessionId, Guid userId, RoomSend send, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (!Enum.IsDefined(send.Audience) || !Enum.IsDefined(send.Byline))
        {
            throw new DomainException("Choose who the message is for and how you are named.");
        }

        var (place, share, talk) = await RetryAsync(async () =>
        {
            var (p, participant, room) = await RequireInRoomAsync(sessionId, userId, cancellationToken);
            var now = Now;
            room.EnsureMaySend(participant, now);
            var message = Share.InSession(p.Author(now), sessionId, p.ScheduledEndUtc, await RetentionDaysAsync(p, cancellationToken), ShareKind.SessionMessage,
                send.Text ?? string.Empty, send.Audience, send.Byline, now);
            participant.RecordMessage(now, message.Text!.Length, message.Audience == ShareAudience.Group);
            db.Shares.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            return (p, message, new RoomTalk(sessionId, userId, participant.MessageCount, participant.CharacterCount));
        });

        logger.LogInformation(new EventId(5511, "RoomMessageSent"), "Share {ShareId} (room message) sent in session {SessionId}", share.Id, sessionId);
        var names = await db.PseudonymsAsync([userId], cancellationToken);
        var pseudonym = names.GetValueOrDefault(userId, "?");
        await BroadcastMessageAsync(place, share, pseudonym);
        // Only the talk-time balance changed: the facilitators get the new counts, not the whole state again.
        await hub.Clients.Group(FacilitatorsOf(sessionId)).Talk(talk);
        // Posted as usual; if it matched a risk phrase the author is shown where to get help now and the
        // facilitators are alerted (the draft concern is made by RiskAlerts; nothing here names the text).
        if (await riskAlerts.DraftAfterShareSavedAsync(share, cancellationToken) is { } draft)
        {
            await hub.Clients.Group(Person(sessionId, userId)).Support(sessionId, riskAlerts.InterstitialUrl($"/Sessions/Room/{sessionId}"));
            await hub.Clients.Group(FacilitatorsOf(sessionId)).Alert(sessionId, RoomAlert, draft);
        }

        return RoomViews.Message(place.Viewer, share, pseudonym);
    }

    /// <summary>The author withdraws their message: its text is deleted and it disappears for everyone at once.</summary>
    public async Task WithdrawAsync(Guid sessionId, Guid userId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await RetryAsync(async () =>
        {
            await RequireRoomCallerAsync(sessionId, userId, allowRemoved: true, cancellationToken);
            var share = await FindMessageAsync(sessionId, messageId, cancellationToken);
            share.Withdraw(userId, Now);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });
        logger.LogInformation(new EventId(5512, "RoomMessageWithdrawn"), "Share {ShareId} (room message) withdrawn in session {SessionId}", messageId, sessionId);
        await hub.Clients.Group(Everyone(sessionId)).MessageWithdrawn(sessionId, messageId);
    }

    /// <summary>A facilitator hides a message from the group: the members' copies disappear; it is kept for review.</summary>
    public async Task HideAsync(Guid sessionId, Guid userId, Guid messageId, CancellationToken cancellationToken = default)
    {
        var share = await RetryAsync(async () =>
        {
            var (place, _, _) = await RequireFacilitatorAsync(sessionId, userId, cancellationToken);
            var message = await FindMessageAsync(sessionId, messageId, cancellationToken);
            message.Hide(new ShareModerator(userId, place.GroupId, true), Now);
            audit.Record(userId, AuditActions.ShareHidden, nameof(Share), message.Id, place.GroupId);
            await db.SaveChangesAsync(cancellationToken);
            return message;
        });
        await hub.Clients.Group(MembersOf(sessionId)).MessageRemoved(sessionId, messageId);
        await hub.Clients.Groups(FacilitatorsOf(sessionId), Person(sessionId, share.AuthorId)).MessageHidden(sessionId, messageId);
    }

    /// <summary>A facilitator shows a hidden message to the group again.</summary>
    public async Task UnhideAsync(Guid sessionId, Guid userId, Guid messageId, CancellationToken cancellationToken = default)
    {
        var (place, share) = await RetryAsync(async () =>
        {
            var (p, _, _) = await RequireFacilitatorAsync(sessionId, userId, cancellationToken);
            var message = await FindMessageAsync(sessionId, messageId, cancellationToken);
            message.Unhide(new ShareModerator(userId, p.GroupId, true));
            audit.Record(userId, AuditActions.ShareUnhidden, nameof(Share), message.Id, p.GroupId);
            await db.SaveChangesAsync(cancellationToken);
            return (p, message);
        });
        var names = await db.PseudonymsAsync([share.AuthorId], cancellationToken);
        await BroadcastMessageAsync(place, share, names.GetValueOrDefault(share.AuthorId, "?"));
    }

    public Task RaiseHandAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeSelfAsync(sessionId, userId, (participant, _) => participant.RaiseHand(Now), cancellationToken);

    public Task LowerHandAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeSelfAsync(sessionId, userId, (participant, _) => participant.LowerHand(), cancellationToken);

    /// <summary>"Pass": give back the floor, or leave the queue.</summary>
    public Task PassAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeSelfAsync(sessionId, userId, (participant, room) =>
        {
            if (!room.Pass(participant))
            {
                throw new DomainException("You don't have the floor or a raised hand, so there is nothing to pass.");
            }
        }, cancellationToken);

    /// <summary>Takes a break: others see "taking a break"; the floor goes back to the facilitator.</summary>
    public Task StepOutAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeSelfAsync(sessionId, userId, (participant, room) =>
        {
            participant.StepOut(Now);
            room.Release(participant.UserId);
        }, cancellationToken);

    public Task ComeBackAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeSelfAsync(sessionId, userId, (participant, _) => participant.ComeBack(), cancellationToken);

    public Task GiveFloorAsync(Guid sessionId, Guid userId, Guid toUserId, CancellationToken cancellationToken = default) =>
        ControlAsync(sessionId, userId, async (facilitator, room) =>
        {
            var participant = await FindParticipantAsync(sessionId, toUserId, cancellationToken);
            room.GiveFloor(facilitator, participant);
            return null;
        }, cancellationToken);

    public Task ClearFloorAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        ControlAsync(sessionId, userId, (facilitator, room) =>
        {
            room.ClearFloor(facilitator);
            return Task.FromResult<Action<Guid>?>(null);
        }, cancellationToken);

    public Task SetSlowModeAsync(Guid sessionId, Guid userId, int seconds, CancellationToken cancellationToken = default) =>
        ControlAsync(sessionId, userId, (facilitator, room) =>
        {
            room.SetSlowMode(facilitator, seconds);
            return Task.FromResult<Action<Guid>?>(groupId =>
                audit.Record(userId, AuditActions.RoomSlowMode, nameof(SessionRoom), sessionId, groupId, seconds == 0 ? "off" : $"{seconds} seconds"));
        }, cancellationToken);

    public Task SetPausedAsync(Guid sessionId, Guid userId, bool paused, CancellationToken cancellationToken = default) =>
        ControlAsync(sessionId, userId, (facilitator, room) =>
        {
            room.SetPaused(facilitator, paused);
            return Task.FromResult<Action<Guid>?>(groupId =>
                audit.Record(userId, paused ? AuditActions.RoomPaused : AuditActions.RoomResumed, nameof(SessionRoom), sessionId, groupId));
        }, cancellationToken);

    /// <summary>Mutes a participant for the rest of the session: their messages are refused; they can still listen.</summary>
    public async Task MuteAsync(Guid sessionId, Guid userId, Guid targetId, CancellationToken cancellationToken = default)
    {
        await ControlAsync(sessionId, userId, async (facilitator, room) =>
        {
            var participant = await FindParticipantAsync(sessionId, targetId, cancellationToken);
            participant.Mute(facilitator, Now);
            room.Release(targetId);
            return groupId => audit.Record(userId, AuditActions.RoomParticipantMuted, nameof(RoomParticipant), targetId, groupId);
        }, cancellationToken);
        await SendMeAsync(sessionId, targetId, cancellationToken);
    }

    /// <summary>Removes a participant: they are told, their connections leave the room, and they cannot come back to this session.</summary>
    public async Task RemoveAsync(Guid sessionId, Guid userId, Guid targetId, CancellationToken cancellationToken = default)
    {
        List<RoomConnection> connections = [];
        await ControlAsync(sessionId, userId, async (facilitator, room) =>
        {
            var participant = await FindParticipantAsync(sessionId, targetId, cancellationToken);
            participant.Remove(facilitator, Now);
            room.Release(targetId);
            connections = await db.RoomConnections.Where(c => c.SessionId == sessionId && c.UserId == targetId).ToListAsync(cancellationToken);
            db.RoomConnections.RemoveRange(connections);
            return groupId => audit.Record(userId, AuditActions.RoomParticipantRemoved, nameof(RoomParticipant), targetId, groupId);
        }, cancellationToken);
        await hub.Clients.Group(Person(sessionId, targetId)).Removed(sessionId);
        foreach (var connection in connections)
        {
            await LeaveGroupsAsync(connection.ConnectionId, sessionId, targetId);
        }

        await BroadcastStateAsync(sessionId, membersToo: true, cancellationToken);
    }

    private async Task LeaveGroupsAsync(string connectionId, Guid sessionId, Guid userId)
    {
        foreach (var group in (string[])[Everyone(sessionId), FacilitatorsOf(sessionId), MembersOf(sessionId), Person(sessionId, userId)])
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, group);
        }
    }

    private async Task ChangeSelfAsync(Guid sessionId, Guid userId, Action<RoomParticipant, SessionRoom> change, CancellationToken cancellationToken)
    {
        await RetryAsync(async () =>
        {
            var (_, participant, room) = await RequireInRoomAsync(sessionId, userId, cancellationToken);
            change(participant, room);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });
        await BroadcastStateAsync(sessionId, membersToo: true, cancellationToken);
        await SendMeAsync(sessionId, userId, cancellationToken);
    }

    /// <summary>A facilitator's control of the room; the returned action writes the audit line (given the group id) in the same save.</summary>
    private async Task ControlAsync(Guid sessionId, Guid userId, Func<RoomParticipant, SessionRoom, Task<Action<Guid>?>> control, CancellationToken cancellationToken)
    {
        await RetryAsync(async () =>
        {
            var (place, facilitator, room) = await RequireFacilitatorAsync(sessionId, userId, cancellationToken);
            var auditLine = await control(facilitator, room);
            auditLine?.Invoke(place.GroupId);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });
        await BroadcastStateAsync(sessionId, membersToo: true, cancellationToken);
    }

    /// <summary>
    /// How long what is said in the room is kept after the session: the group's retention period, but
    /// never longer than the service's limit for session messages (Admin → Settings). The shorter wins.
    /// </summary>
    private async Task<int> RetentionDaysAsync(RoomPlace place, CancellationToken cancellationToken) =>
        Math.Min(place.RetentionDays, (await settings.GetAsync(cancellationToken)).SessionMessageRetentionDays);

    private async Task<RoomParticipant> FindParticipantAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        await db.RoomParticipants.SingleOrDefaultAsync(p => p.SessionId == sessionId && p.UserId == userId && p.EnteredUtc != null, cancellationToken)
            ?? throw new DomainException("That person is not in this room.");

    private async Task<Share> FindMessageAsync(Guid sessionId, Guid messageId, CancellationToken cancellationToken) =>
        await db.Shares.SingleOrDefaultAsync(s => s.Id == messageId && s.SessionId == sessionId && s.Kind == ShareKind.SessionMessage, cancellationToken)
            ?? throw new DomainException("That message is not in this room.");

    private Task<bool> HasCheckAsync(Guid sessionId, Guid userId, ShareKind kind, CancellationToken cancellationToken) =>
        db.Shares.AnyAsync(s => s.SessionId == sessionId && s.AuthorId == userId && s.Kind == kind, cancellationToken);

    /// <summary>Sends a message to each audience in its own view: the members, the facilitators, and its author.</summary>
    private async Task BroadcastMessageAsync(RoomPlace place, Share share, string pseudonym)
    {
        var sessionId = share.SessionId!.Value;
        var anyMember = new ShareViewer(Guid.Empty, place.GroupId, IsActiveMember: true, IsGroupFacilitator: false);
        var facilitator = new ShareViewer(Guid.Empty, place.GroupId, IsActiveMember: false, IsGroupFacilitator: true);
        var author = new ShareViewer(share.AuthorId, place.GroupId, IsActiveMember: true, IsGroupFacilitator: false);
        if (ShareVisibility.CanSee(anyMember, share))
        {
            // The author's own connections get the author's view below, not the group's.
            var authorConnections = await db.RoomConnections.AsNoTracking()
                .Where(c => c.SessionId == sessionId && c.UserId == share.AuthorId).Select(c => c.ConnectionId).ToListAsync();
            await hub.Clients.GroupExcept(MembersOf(sessionId), authorConnections).Message(RoomViews.Message(anyMember, share, pseudonym));
        }

        await hub.Clients.Group(FacilitatorsOf(sessionId)).Message(RoomViews.Message(facilitator, share, pseudonym));
        await hub.Clients.Group(Person(sessionId, share.AuthorId)).Message(RoomViews.Message(author, share, pseudonym));
    }

    private async Task BroadcastStateAsync(Guid sessionId, bool membersToo, CancellationToken cancellationToken)
    {
        await hub.Clients.Group(FacilitatorsOf(sessionId)).State(await LoadStateAsync(sessionId, forFacilitators: true, cancellationToken));
        if (membersToo)
        {
            await hub.Clients.Group(MembersOf(sessionId)).State(await LoadStateAsync(sessionId, forFacilitators: false, cancellationToken));
        }
    }

    private async Task SendMeAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        await hub.Clients.Group(Person(sessionId, userId)).Self(await LoadMeAsync(sessionId, userId, cancellationToken));

    private async Task<RoomMe> LoadMeAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var me = await (
                from p in db.RoomParticipants.AsNoTracking()
                where p.SessionId == sessionId && p.UserId == userId
                join u in db.Users on p.UserId equals u.Id
                select new { u.Pseudonym, p.IsFacilitator, p.MutedUtc, p.SteppedOutUtc, p.HandRaisedUtc })
            .SingleAsync(cancellationToken);
        var checkedOut = await HasCheckAsync(sessionId, userId, ShareKind.CheckOut, cancellationToken);
        return new RoomMe(sessionId, userId, me.Pseudonym, me.IsFacilitator, me.MutedUtc != null, me.SteppedOutUtc != null, me.HandRaisedUtc != null, checkedOut);
    }

    private async Task<RoomState> LoadStateAsync(Guid sessionId, bool forFacilitators, CancellationToken cancellationToken)
    {
        var room = await db.SessionRooms.AsNoTracking().SingleAsync(r => r.SessionId == sessionId, cancellationToken);
        var people = await (
                from p in db.RoomParticipants.AsNoTracking()
                where p.SessionId == sessionId && p.EnteredUtc != null
                join u in db.Users on p.UserId equals u.Id
                select new RoomViews.PersonRow(p.UserId, u.Pseudonym, p.IsFacilitator, p.SteppedOutUtc, p.HandRaisedUtc, p.MutedUtc, p.RemovedUtc, p.MessageCount, p.CharacterCount))
            .ToListAsync(cancellationToken);
        var present = (await db.RoomConnections.AsNoTracking().Where(c => c.SessionId == sessionId).Select(c => c.UserId).ToListAsync(cancellationToken)).ToHashSet();
        IReadOnlyList<RoomViews.CheckRow> checks = forFacilitators
            ? await db.Shares.AsNoTracking()
                .Where(s => s.SessionId == sessionId && (s.Kind == ShareKind.CheckIn || s.Kind == ShareKind.CheckOut) && s.Score != null)
                .Select(s => new RoomViews.CheckRow(s.AuthorId, s.Kind, s.Score!.Value))
                .ToListAsync(cancellationToken)
            : [];
        return RoomViews.State(room, people, present, checks, forFacilitators);
    }

    private async Task<IReadOnlyList<RoomMessage>> LoadMessagesAsync(RoomPlace place, CancellationToken cancellationToken)
    {
        var rows = await db.Shares.AsNoTracking()
            .Where(s => s.SessionId == place.SessionId && s.Kind == ShareKind.SessionMessage)
            .Where(ShareVisibility.VisibleTo(place.Viewer))
            .OrderByDescending(s => s.CreatedUtc).ThenByDescending(s => s.Id)
            .Take(CatchUpLimit)
            .Join(db.Users, s => s.AuthorId, u => u.Id, (s, u) => new { Share = s, u.Pseudonym })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Share.CreatedUtc).ThenBy(r => r.Share.Id)
            .Select(r => RoomViews.Message(place.Viewer, r.Share, r.Pseudonym)).ToList();
    }

    /// <summary>The caller's place in the session, or "not in this room" unless the room is open and they may enter it.</summary>
    private async Task<RoomPlace> RequirePlaceAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var place = await LoadPlaceAsync(sessionId, userId, cancellationToken);
        if (place is null || !place.MayEnter)
        {
            logger.LogWarning(new EventId(5519, "RoomRefused"), "{UserId} was refused the room of session {SessionId}", userId, sessionId);
            throw new DomainException(NotInRoom);
        }

        if (place.SessionStatus != SessionStatus.Live || !place.RoomOpen)
        {
            throw new DomainException(place.SessionStatus == SessionStatus.Scheduled
                ? "The room opens when the facilitator starts the session."
                : "This session has ended, so the room is closed.");
        }

        return place;
    }

    private async Task<(RoomPlace Place, RoomParticipant Participant, SessionRoom Room)> RequireInRoomAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        await RequireRoomCallerAsync(sessionId, userId, allowRemoved: false, cancellationToken);

    /// <summary>Checked on every call: may enter, agreement acknowledged for this session, not removed, room open.</summary>
    private async Task<(RoomPlace Place, RoomParticipant Participant, SessionRoom Room)> RequireRoomCallerAsync(
        Guid sessionId, Guid userId, bool allowRemoved, CancellationToken cancellationToken)
    {
        var place = await RequirePlaceAsync(sessionId, userId, cancellationToken);
        var participant = await db.RoomParticipants.SingleOrDefaultAsync(p => p.SessionId == sessionId && p.UserId == userId, cancellationToken)
            ?? throw new DomainException("Please read and acknowledge the group agreement to enter the room.");
        if (!allowRemoved)
        {
            participant.EnsureInRoom();
        }

        var room = await db.SessionRooms.SingleAsync(r => r.SessionId == sessionId, cancellationToken);
        return (place, participant, room);
    }

    private async Task<(RoomPlace Place, RoomParticipant Facilitator, SessionRoom Room)> RequireFacilitatorAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var (place, participant, room) = await RequireInRoomAsync(sessionId, userId, cancellationToken);
        if (!place.IsFacilitator || !participant.IsFacilitator)
        {
            logger.LogWarning(new EventId(5518, "RoomControlRefused"), "{UserId} tried a facilitator's control in session {SessionId}", userId, sessionId);
            throw new DomainException("Only the group's facilitators can do that.");
        }

        return (place, participant, room);
    }

    private async Task<RoomPlace?> LoadPlaceAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new RoomPlace
            {
                SessionId = s.Id,
                GroupId = g.Id,
                UserId = userId,
                GroupName = g.Name,
                Topic = s.Topic,
                Format = g.Format,
                GroupIsActive = g.Status == GroupStatus.Active,
                RetentionDays = g.RetentionDays,
                AgreementVersion = g.CurrentAgreementVersion,
                SessionStatus = s.Status,
                StartUtc = s.StartUtc,
                DurationMinutes = s.DurationMinutes,
                EndedUtc = s.EndedUtc,
                IsGroupFacilitator = g.Facilitators.Any(f => f.UserId == userId),
                IsAssignedFacilitator = s.Facilitators.Any(f => f.UserId == userId),
                HasSeat = s.Bookings.Any(b => b.UserId == userId && b.Status == BookingStatus.Going),
                IsActiveMember = db.Memberships.Any(m => m.GroupId == g.Id && m.UserId == userId && m.Status == MembershipStatus.Active),
                MutedUntilUtc = db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == userId).Select(m => m.MutedUntilUtc).FirstOrDefault(),
                RoomOpen = db.SessionRooms.Any(r => r.SessionId == s.Id && r.ClosedUtc == null),
            })
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Runs a read-change-save again on fresh rows when someone else changed them at the same moment.</summary>
    private async Task<T> RetryAsync<T>(Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new DomainException("Something in the room changed at the same moment. Please try again.");
            }
        }
    }
}

/// <summary>The caller's place in a session and its group, loaded fresh for every room call.</summary>
internal sealed class RoomPlace
{
    public Guid SessionId { get; init; }
    public Guid GroupId { get; init; }
    public Guid UserId { get; init; }
    public string GroupName { get; init; } = string.Empty;
    public string Topic { get; init; } = string.Empty;
    public GroupFormat Format { get; init; }
    public bool GroupIsActive { get; init; }
    public int RetentionDays { get; init; }
    public int AgreementVersion { get; init; }
    public SessionStatus SessionStatus { get; init; }
    public DateTime StartUtc { get; init; }
    public int DurationMinutes { get; init; }
    public DateTime? EndedUtc { get; init; }
    public bool IsGroupFacilitator { get; init; }
    public bool IsAssignedFacilitator { get; init; }
    public bool HasSeat { get; init; }
    public bool IsActiveMember { get; init; }
    public DateTime? MutedUntilUtc { get; init; }
    public bool RoomOpen { get; init; }

    /// <summary>The group's facilitators run the room; so does anyone assigned to facilitate this session.</summary>
    public bool IsFacilitator => IsGroupFacilitator || IsAssignedFacilitator;

    /// <summary>Booked members with a seat, and the facilitators.</summary>
    public bool MayEnter => IsFacilitator || (HasSeat && IsActiveMember);

    public DateTime ScheduledEndUtc => StartUtc.AddMinutes(DurationMinutes);

    public ShareViewer Viewer => new(UserId, GroupId, IsActiveMember, IsFacilitator);

    /// <summary>
    /// The caller as an author. A group-wide pause of someone's posting applies to room messages, not
    /// to a private check-in with the facilitators.
    /// </summary>
    public ShareAuthor Author(DateTime nowUtc, bool forCheckIn = false) =>
        new(UserId, GroupId, GroupIsActive, IsActiveMember, IsFacilitator, forCheckIn ? null : MutedUntilUtc, nowUtc);
}

public enum RoomEntryStatus
{
    NotOpenYet,
    NeedsAcknowledgement,
    Ready,
    Ended,
    Cancelled,
    InPerson,
    NoSeat,
    Removed,
}

/// <summary>What the room page needs to know about the caller's way in.</summary>
public sealed record RoomEntry(
    Guid SessionId,
    Guid GroupId,
    string GroupName,
    string Topic,
    DateTime StartUtc,
    DateTime EndUtc,
    RoomEntryStatus Status,
    bool IsFacilitator,
    bool IsAssignedFacilitator,
    string? AgreementText,
    int AgreementVersion,
    bool HasCheckedIn,
    bool MayCheckOut);
