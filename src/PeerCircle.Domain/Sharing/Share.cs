namespace PeerCircle.Domain.Sharing;

/// <summary>
/// Anything a person shares in a group: a board thread or reply, a live-session message, a check-in.
/// Every place people share goes through this one type, so audience, byline, lifetime, withdrawal
/// and moderation work the same everywhere. Who may see a share is decided only by
/// <see cref="ShareVisibility"/>.
/// </summary>
public sealed class Share
{
    public const int TextMaxLength = 4000;
    public const int TitleMaxLength = 120;
    public const int MinScore = 1;
    public const int MaxScore = 5;

    private Share()
    {
    }

    private Share(Guid? groupId, Guid authorId, ShareKind kind, ShareAudience audience, ShareByline byline, string text, DateTime nowUtc)
    {
        // The pair audience belongs to one-to-one messages only; a group share is for the group or its facilitators.
        if ((audience == ShareAudience.Pair) != (kind == ShareKind.PairMessage) || !Enum.IsDefined(audience))
        {
            throw new DomainException("Choose who can see this: the group, or the facilitators only.");
        }

        Id = Guid.CreateVersion7();
        GroupId = groupId;
        AuthorId = authorId;
        Kind = kind;
        Audience = audience;
        Byline = byline;
        Text = CleanText(text);
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    /// <summary>The group it was shared in; null for a message in a one-to-one pairing (<see cref="PairingId"/>).</summary>
    public Guid? GroupId { get; private set; }

    /// <summary>The one-to-one pairing a message belongs to (audience <see cref="ShareAudience.Pair"/>); null for group shares.</summary>
    public Guid? PairingId { get; private set; }

    public Guid AuthorId { get; private set; }
    public ShareKind Kind { get; private set; }

    /// <summary>The thread a board reply belongs to; null for a thread itself and for non-board shares.</summary>
    public Guid? ThreadId { get; private set; }

    /// <summary>The session a live-room message or check-in was made in.</summary>
    public Guid? SessionId { get; private set; }

    public ShareAudience Audience { get; private set; }
    public ShareByline Byline { get; private set; }

    /// <summary>
    /// For a reply in a facilitators-only conversation: the member who started it, so the facilitators'
    /// answers reach them. Null otherwise.
    /// </summary>
    public Guid? ConversationOwnerId { get; private set; }

    /// <summary>A thread's title. It is share text too: it never goes into page titles, emails or logs.</summary>
    public string? Title { get; private set; }

    /// <summary>The text; null once withdrawn or purged (the tombstone row stays).</summary>
    public string? Text { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>When the text is purged for good; null while it lives until withdrawn or the group is archived.</summary>
    public DateTime? ExpiresUtc { get; private set; }

    public DateTime? WithdrawnUtc { get; private set; }
    public DateTime? HiddenUtc { get; private set; }
    public Guid? HiddenBy { get; private set; }
    public DateTime? PurgedUtc { get; private set; }

    /// <summary>A facilitator's prompt to the group (a thread).</summary>
    public bool IsPrompt { get; private set; }

    /// <summary>A check-in's or check-out's answer to "how are you?", 1 (struggling) to 5 (good); purged with the text.</summary>
    public int? Score { get; private set; }

    public bool IsPinned { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public bool IsWithdrawn => WithdrawnUtc is not null;
    public bool IsHidden => HiddenUtc is not null;

    /// <summary>Starts a board thread. Only an active member or a facilitator of an active group may.</summary>
    public static Share StartThread(ShareAuthor author, string title, string text, ShareAudience audience, ShareByline byline, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(author);
        author.EnsureMayShare();
        var share = new Share(author.GroupId, author.UserId, ShareKind.BoardThread, audience, byline, text, nowUtc)
        {
            Title = CleanTitle(title),
        };
        return share;
    }

    /// <summary>A facilitator's prompt: a thread to the whole group under the facilitator's pseudonym.</summary>
    public static Share PostPrompt(ShareAuthor author, string title, string text, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(author);
        if (!author.IsGroupFacilitator)
        {
            throw new DomainException("Only the group's facilitators can post a prompt.");
        }

        var share = StartThread(author, title, text, ShareAudience.Group, ShareByline.Pseudonym, nowUtc);
        share.IsPrompt = true;
        return share;
    }

    /// <summary>
    /// Replies in a thread. A reply is never seen more widely than its thread: in a facilitators-only
    /// thread every reply is facilitators-only too.
    /// </summary>
    public static Share Reply(ShareAuthor author, Share thread, string text, ShareAudience audience, ShareByline byline, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(thread);
        author.EnsureMayShare();
        if (thread.Kind != ShareKind.BoardThread || thread.GroupId != author.GroupId)
        {
            throw new DomainException("That conversation is not on this group's board.");
        }

        if (thread.IsWithdrawn || thread.IsHidden || thread.PurgedUtc is not null)
        {
            throw new DomainException("This conversation is closed, so it takes no new replies.");
        }

        var effective = thread.Audience == ShareAudience.FacilitatorsOnly ? ShareAudience.FacilitatorsOnly : audience;
        return new Share(author.GroupId, author.UserId, ShareKind.BoardReply, effective, byline, text, nowUtc)
        {
            ThreadId = thread.Id,
            ConversationOwnerId = thread.Audience == ShareAudience.FacilitatorsOnly ? thread.AuthorId : null,
        };
    }

    /// <summary>
    /// A live-session message or check-in: it expires <paramref name="retentionDays"/> after the session ends.
    /// Check-ins are always for facilitators only.
    /// </summary>
    public static Share InSession(ShareAuthor author, Guid sessionId, DateTime sessionEndUtc, int retentionDays, ShareKind kind,
        string text, ShareAudience audience, ShareByline byline, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(author);
        if (kind is not (ShareKind.SessionMessage or ShareKind.CheckIn or ShareKind.CheckOut))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only session messages and check-ins belong to a session.");
        }

        author.EnsureMayShare();
        var effective = kind is ShareKind.CheckIn or ShareKind.CheckOut ? ShareAudience.FacilitatorsOnly : audience;
        return new Share(author.GroupId, author.UserId, kind, effective, byline, text, nowUtc)
        {
            SessionId = sessionId,
            ExpiresUtc = sessionEndUtc.AddDays(retentionDays),
        };
    }

    /// <summary>
    /// A check-in on entering a live room (or a check-out on leaving it): "how are you?" from 1 to 5,
    /// for the group's facilitators only, with the lifetime of the session's messages.
    /// </summary>
    public static Share CheckIn(ShareAuthor author, Guid sessionId, DateTime sessionEndUtc, int retentionDays, bool closing, int score, DateTime nowUtc)
    {
        if (score is < MinScore or > MaxScore)
        {
            throw new DomainException($"Choose how you are from {MinScore} to {MaxScore}.");
        }

        var kind = closing ? ShareKind.CheckOut : ShareKind.CheckIn;
        var text = $"{(closing ? "Check-out" : "Check-in")}: {score} of {MaxScore} ({ScoreLabel(score)})";
        var share = InSession(author, sessionId, sessionEndUtc, retentionDays, kind, text, ShareAudience.FacilitatorsOnly, ShareByline.Pseudonym, nowUtc);
        share.Score = score;
        return share;
    }

    /// <summary>
    /// A message between the two people of a one-to-one pairing: its audience is the pair. It lives until
    /// withdrawn, or until the pairing has ended plus the retention period (set then as its expiry).
    /// Only <see cref="OneToOne.Pairing.Message"/> makes one, after checking the pairing is active.
    /// </summary>
    internal static Share InPairing(Guid pairingId, Guid authorId, string text, DateTime nowUtc) =>
        new(null, authorId, ShareKind.PairMessage, ShareAudience.Pair, ShareByline.Pseudonym, text, nowUtc) { PairingId = pairingId };

    /// <summary>The words shown beside a check-in score.</summary>
    public static string ScoreLabel(int score) => score switch
    {
        1 => "struggling",
        2 => "low",
        3 => "okay",
        4 => "fairly good",
        5 => "good",
        _ => throw new ArgumentOutOfRangeException(nameof(score)),
    };

    /// <summary>The author withdraws the share: its text is deleted at once; a tombstone remains.</summary>
    public void Withdraw(Guid byUserId, DateTime nowUtc)
    {
        if (byUserId != AuthorId)
        {
            throw new DomainException("Only the person who wrote this can withdraw it.");
        }

        if (IsWithdrawn)
        {
            throw new DomainException("You have already withdrawn this.");
        }

        WithdrawnUtc = nowUtc;
        Text = null;
        Title = null;
        Score = null;
        IsPinned = false;
        Touch();
    }

    /// <summary>A facilitator of the group hides the share from the group; it is kept for review.</summary>
    public void Hide(ShareModerator moderator, DateTime nowUtc)
    {
        EnsureModerator(moderator);
        if (IsHidden)
        {
            throw new DomainException("This post is already hidden.");
        }

        if (IsWithdrawn)
        {
            throw new DomainException("This post was withdrawn by its author; there is nothing to hide.");
        }

        HiddenUtc = nowUtc;
        HiddenBy = moderator.UserId;
        Touch();
    }

    public void Unhide(ShareModerator moderator)
    {
        EnsureModerator(moderator);
        if (!IsHidden)
        {
            throw new DomainException("This post is not hidden.");
        }

        HiddenUtc = null;
        HiddenBy = null;
        Touch();
    }

    public void Pin(ShareModerator moderator, bool pinned)
    {
        EnsureModerator(moderator);
        if (Kind != ShareKind.BoardThread)
        {
            throw new DomainException("Only a conversation can be pinned.");
        }

        if (pinned && (IsWithdrawn || IsHidden))
        {
            throw new DomainException("A withdrawn or hidden conversation can't be pinned.");
        }

        IsPinned = pinned;
        Touch();
    }

    /// <summary>
    /// The author deleted their account and chose to leave this share in place: it stays, anonymous to
    /// everyone (the account it points to no longer holds any personal data).
    /// </summary>
    public void AnonymiseAuthor()
    {
        Byline = ShareByline.Anonymous;
        Touch();
    }

    /// <summary>Deletes the text for good (expiry, or an account deleted with "withdraw everything").</summary>
    public void Purge(DateTime nowUtc)
    {
        Text = null;
        Title = null;
        Score = null;
        PurgedUtc ??= nowUtc;
        Touch();
    }

    /// <summary>
    /// The archive of the group starts the clock for its board posts: they are purged after the group's
    /// retention period. Session messages keep the expiry they were given.
    /// </summary>
    public static DateTime BoardExpiry(DateTime archivedUtc, int retentionDays) => archivedUtc.AddDays(retentionDays);

    /// <summary>
    /// The hook for safeguarding (a later issue): a concern keeps a copy of the shares it is about, so
    /// the safeguarding leads can read it even after the share is withdrawn or purged. Only the
    /// safeguarding workflow may call this; it is never a way around <see cref="ShareVisibility"/>.
    /// </summary>
    public ShareSnapshot Snapshot(DateTime nowUtc) => new(Id, GroupId, PairingId, AuthorId, Kind, Title, Text, CreatedUtc, nowUtc);

    private void EnsureModerator(ShareModerator moderator)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (moderator.GroupId != GroupId || !moderator.IsGroupFacilitator)
        {
            throw new DomainException("Only the group's facilitators can moderate its posts.");
        }
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();

    private static string CleanText(string? text)
    {
        var clean = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (clean.Length == 0)
        {
            throw new DomainException("Write something to share.");
        }

        if (clean.Length > TextMaxLength)
        {
            throw new DomainException($"What you share must be at most {TextMaxLength} characters.");
        }

        return clean;
    }

    private static string CleanTitle(string? title)
    {
        var clean = string.Join(' ', (title ?? string.Empty).Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length == 0)
        {
            throw new DomainException("Give the conversation a title.");
        }

        if (clean.Length > TitleMaxLength)
        {
            throw new DomainException($"The title must be at most {TitleMaxLength} characters.");
        }

        return clean;
    }
}

/// <summary>The person sharing, in relation to the group they share in.</summary>
public sealed record ShareAuthor(Guid UserId, Guid GroupId, bool GroupIsActive, bool IsActiveMember, bool IsGroupFacilitator, DateTime? MutedUntilUtc = null, DateTime? NowUtc = null)
{
    internal void EnsureMayShare()
    {
        if (!GroupIsActive)
        {
            throw new DomainException("This group is archived, so nothing new can be shared in it.");
        }

        if (!IsActiveMember && !IsGroupFacilitator)
        {
            throw new DomainException("Only the group's members and facilitators can share in it.");
        }

        if (!IsGroupFacilitator && MutedUntilUtc is { } until && NowUtc is { } now && until > now)
        {
            throw new DomainException("A facilitator has paused your posting in this group for a while, so you can't post just now.");
        }
    }
}

/// <summary>The person moderating, in relation to the group of the share.</summary>
public sealed record ShareModerator(Guid UserId, Guid GroupId, bool IsGroupFacilitator);

/// <summary>A copy of a share kept by a safeguarding concern (see <see cref="Share.Snapshot"/>).</summary>
public sealed record ShareSnapshot(Guid ShareId, Guid? GroupId, Guid? PairingId, Guid AuthorId, ShareKind Kind, string? Title, string? Text, DateTime CreatedUtc, DateTime TakenUtc);
