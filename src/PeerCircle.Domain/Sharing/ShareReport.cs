namespace PeerCircle.Domain.Sharing;

/// <summary>
/// A member tells the group's facilitators that a post worries them. The author is never told who
/// reported it; facilitators review open reports and close them.
/// </summary>
public sealed class ShareReport
{
    public const int ReasonMaxLength = 500;

    private ShareReport()
    {
        Reason = string.Empty;
    }

    private ShareReport(Share share, Guid reporterId, string reason, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        ShareId = share.Id;
        GroupId = share.GroupId ?? throw new DomainException("Only posts in a group can be reported to its facilitators.");
        ReporterId = reporterId;
        Reason = reason;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ShareId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid ReporterId { get; private set; }
    public string Reason { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ClosedUtc { get; private set; }
    public Guid? ClosedBy { get; private set; }

    public bool IsOpen => ClosedUtc is null;

    /// <summary>Reports a share the reporter can see; nobody reports their own.</summary>
    public static ShareReport Create(ShareViewer reporter, Share share, string? reason, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(share);
        if (!ShareVisibility.CanSee(reporter, share))
        {
            throw new DomainException("That post is not one you can see.");
        }

        if (share.AuthorId == reporter.UserId)
        {
            throw new DomainException("You can't report your own post. You can withdraw it instead.");
        }

        if (share.IsWithdrawn)
        {
            throw new DomainException("This post has been withdrawn by its author.");
        }

        var clean = reason?.Trim() ?? string.Empty;
        if (clean.Length == 0)
        {
            throw new DomainException("Tell the facilitators briefly why you are reporting this post.");
        }

        if (clean.Length > ReasonMaxLength)
        {
            throw new DomainException($"The reason must be at most {ReasonMaxLength} characters.");
        }

        return new ShareReport(share, reporter.UserId, clean, nowUtc);
    }

    public void Close(ShareModerator moderator, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (moderator.GroupId != GroupId || !moderator.IsGroupFacilitator)
        {
            throw new DomainException("Only the group's facilitators can review its reports.");
        }

        if (!IsOpen)
        {
            throw new DomainException("This report has already been reviewed.");
        }

        ClosedUtc = nowUtc;
        ClosedBy = moderator.UserId;
    }
}
