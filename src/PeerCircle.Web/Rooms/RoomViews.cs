using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Rooms;

/// <summary>
/// What the room's clients receive. Every payload is made for one audience (the members, the
/// facilitators or the author), so nothing reaches a browser that its viewer may not see: an
/// anonymous message carries no author key to the members; talk time, check-ins and mutes go to
/// facilitators only.
/// </summary>
public sealed record RoomMessage(
    Guid SessionId,
    Guid Id,
    string? Text,
    string AuthorName,
    string? BylineNote,
    Guid? AuthorKey,
    bool Mine,
    bool ToFacilitatorsOnly,
    DateTime SentUtc,
    bool Withdrawn,
    bool Hidden);

/// <summary>
/// A participant as the room shows them. The last five fields are for facilitators only and are null
/// in what members receive.
/// </summary>
public sealed record RoomPerson(
    Guid Key,
    string Name,
    bool IsFacilitator,
    bool Present,
    bool SteppedOut,
    bool HandRaised,
    bool? Muted = null,
    bool? Removed = null,
    int? Messages = null,
    int? Characters = null,
    int? CheckIn = null,
    int? CheckOut = null);

/// <summary>The room as everyone sees it: controls, who has the floor, the raised-hand queue (in order), who is here.</summary>
public sealed record RoomState(
    Guid SessionId,
    bool Paused,
    int SlowModeSeconds,
    Guid? FloorKey,
    IReadOnlyList<Guid> Queue,
    IReadOnlyList<RoomPerson> People);

/// <summary>To facilitators after a message: one person's talk-time counts.</summary>
public sealed record RoomTalk(Guid SessionId, Guid Key, int Messages, int Characters);

/// <summary>The viewer's own place in the room.</summary>
public sealed record RoomMe(Guid SessionId, Guid Key, string Name, bool IsFacilitator, bool Muted, bool SteppedOut, bool HandRaised, bool CheckedOut);

/// <summary>Everything a client needs on entering (or re-entering after a dropped connection).</summary>
public sealed record RoomSnapshot(RoomMe Me, RoomState State, IReadOnlyList<RoomMessage> Messages);

/// <summary>Messages the client sends: text, to whom, and under which name.</summary>
public sealed record RoomSend(string? Text, ShareAudience Audience, ShareByline Byline);

/// <summary>The events the room's hub sends to its clients.</summary>
public interface IRoomClient
{
    /// <summary>A new message, or a changed one (e.g. shown again), in the view of its receiver.</summary>
    Task Message(RoomMessage message);

    /// <summary>The author withdrew a message: its text is gone for everyone.</summary>
    Task MessageWithdrawn(Guid sessionId, Guid messageId);

    /// <summary>To facilitators and the author: a facilitator hid a message from the group.</summary>
    Task MessageHidden(Guid sessionId, Guid messageId);

    /// <summary>To members: a message is no longer theirs to see (hidden by a facilitator).</summary>
    Task MessageRemoved(Guid sessionId, Guid messageId);

    Task State(RoomState state);

    /// <summary>To facilitators: one person's talk-time counts changed.</summary>
    Task Talk(RoomTalk talk);

    Task Self(RoomMe self);

    /// <summary>To a removed participant: they have been asked to leave.</summary>
    Task Removed(Guid sessionId);

    /// <summary>The facilitator ended the session: the room is closed.</summary>
    Task Ended(Guid sessionId);

    /// <summary>
    /// To the author of a message that matched a risk phrase: the caring page to show them now (their
    /// message was posted as usual).
    /// </summary>
    Task Support(Guid sessionId, string url);

    /// <summary>To the facilitators: a message in the room may need attention; the link opens the draft concern.</summary>
    Task Alert(Guid sessionId, string text, string link);
}
