namespace PeerCircle.Domain.Sharing;

/// <summary>When a person last opened a group's board, so it can show what is new since then.</summary>
public sealed class BoardVisit
{
    private BoardVisit()
    {
    }

    public BoardVisit(Guid groupId, Guid userId, DateTime nowUtc)
    {
        GroupId = groupId;
        UserId = userId;
        LastVisitUtc = nowUtc;
    }

    public Guid GroupId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime LastVisitUtc { get; private set; }

    public void Visit(DateTime nowUtc)
    {
        if (nowUtc > LastVisitUtc)
        {
            LastVisitUtc = nowUtc;
        }
    }
}
