namespace PeerCircle.Domain.Sharing;

/// <summary>Where a share was made.</summary>
public enum ShareKind
{
    BoardThread,
    BoardReply,

    /// <summary>A message in a session's live room.</summary>
    SessionMessage,

    /// <summary>"How are you?" (1–5) on entering a live room: for the facilitators only.</summary>
    CheckIn,

    /// <summary>The same question when leaving the room (or just after the session): for the facilitators only.</summary>
    CheckOut,

    /// <summary>A message in a one-to-one pairing (mentoring, befriending): for the pair only.</summary>
    PairMessage,
}

/// <summary>Who a share is for (besides its author).</summary>
public enum ShareAudience
{
    /// <summary>The group's active members and its facilitators.</summary>
    Group,

    /// <summary>The group's facilitators only.</summary>
    FacilitatorsOnly,

    /// <summary>The two people of a one-to-one pairing (the member and their supporter), and nobody else.</summary>
    Pair,
}

/// <summary>How the author is named to the group. Facilitators always see who wrote a share.</summary>
public enum ShareByline
{
    Pseudonym,
    Anonymous,
}
