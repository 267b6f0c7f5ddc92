namespace PeerCircle.Domain.Sharing;

/// <summary>Where a share was made. Live-room messages and check-ins arrive with the live room.</summary>
public enum ShareKind
{
    BoardThread,
    BoardReply,
    SessionMessage,
    CheckIn,
}

/// <summary>Who a share is for (besides its author).</summary>
public enum ShareAudience
{
    /// <summary>The group's active members and its facilitators.</summary>
    Group,

    /// <summary>The group's facilitators only.</summary>
    FacilitatorsOnly,
}

/// <summary>How the author is named to the group. Facilitators always see who wrote a share.</summary>
public enum ShareByline
{
    Pseudonym,
    Anonymous,
}
