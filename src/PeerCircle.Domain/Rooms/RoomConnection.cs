namespace PeerCircle.Domain.Rooms;

/// <summary>
/// One open real-time connection of a participant to a live room. Stored (not kept in one server's
/// memory) so that presence is right across instances, and so that a removed participant's or a
/// closed room's connections can be taken out of the room's broadcast groups from any instance.
/// </summary>
public sealed class RoomConnection
{
    public const int ConnectionIdMaxLength = 64;

    private RoomConnection()
    {
        ConnectionId = string.Empty;
    }

    public RoomConnection(string connectionId, Guid sessionId, Guid userId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        if (connectionId.Length > ConnectionIdMaxLength)
        {
            throw new ArgumentException("A connection id is short.", nameof(connectionId));
        }

        ConnectionId = connectionId;
        SessionId = sessionId;
        UserId = userId;
        ConnectedUtc = nowUtc;
    }

    public string ConnectionId { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime ConnectedUtc { get; private set; }
}
