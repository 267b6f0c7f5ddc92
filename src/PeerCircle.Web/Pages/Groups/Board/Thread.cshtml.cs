using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>
/// One conversation and its replies, as far as I may see them; reply, withdraw my own post, and (facilitators)
/// hide, unhide, pin. Reporting a post to the facilitators has its own page (<see cref="ReportPostModel"/>), one
/// link per post rather than a form per post (half of this page's weight; issue 9). Every handler checks that the
/// conversation is on a board I belong to and that the post is in it and visible to me: anything
/// else is 404.
/// </summary>
public sealed class ThreadModel(
    PeerCircleDbContext db, TimeProvider time, AuditLog audit, Notifier notifier, RiskAlerts riskAlerts, IAntiforgery antiforgery, ILogger<ThreadModel> logger) : PageModel
{
    /// <summary>Replies shown per page: a long conversation is read a page at a time, oldest first (issue 9).</summary>
    public const int RepliesPerPage = 25;

    [BindProperty]
    public ReplyInput Reply { get; set; } = new();

    /// <summary>The page asked for as <c>?p=</c>, meaning "the last page, wherever it is now": where a new reply takes its author.</summary>
    public const string LastPage = "last";

    /// <summary>
    /// The page of replies asked for (<c>?p=</c>): a number (1 = the oldest) or <see cref="LastPage"/>. Read from the
    /// query string by <see cref="LoadAsync"/> rather than by model binding, which on a conversation's page (nothing
    /// else to bind) cost about 2 % of its CPU with the handler's parameters (issue 9).
    /// </summary>
    public string? RequestedPage { get; private set; }

    /// <summary>The page of replies shown (1 = the oldest); out-of-range or unreadable numbers show the nearest page.</summary>
    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    /// <summary>How many replies the viewer may see in the whole conversation.</summary>
    public int ReplyCount { get; private set; }

    /// <summary>What every post's forms and links need, worked out once for the page.</summary>
    public PostLinks Links { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public BoardContext Board { get; private set; } = null!;

    public ComposerOptions Composer => new("Reply", Reply.Audience, Reply.Byline);

    public PostView Thread { get; private set; } = null!;

    public IReadOnlyList<PostView> Replies { get; private set; } = [];

    // No handler parameters to bind: the id is the route's (its "{id:guid}" constraint only matches a Guid).
    public async Task<IActionResult> OnGetAsync() =>
        await LoadAsync(Guid.Parse((string)RouteData.Values["id"]!, CultureInfo.InvariantCulture), HttpContext.RequestAborted) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(Guid id, CancellationToken cancellationToken)
    {
        // The board and the thread are checked first; the thread's posts are read only if the page is shown
        // again (an error): a reply to a long thread must not read the whole thread (issue 9).
        if (!await LoadAsync(id, cancellationToken, withPosts: false))
        {
            return NotFound();
        }

        var thread = await FindVisibleAsync(id, id, cancellationToken);
        if (thread is null || thread.Kind != ShareKind.BoardThread)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await PageWithPostsAsync(id, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        Share? reply = null;
        if (!ModelState.TryDomain(() => reply = Share.Reply(Board.Author(now), thread, Reply.Text, Reply.Audience, Reply.Byline, now)) || reply is null)
        {
            return await PageWithPostsAsync(id, cancellationToken);
        }

        db.Shares.Add(reply);
        // The person who started the conversation hears about replies they can see (never the text); the link opens
        // the last page of replies, where the newest is.
        if (thread.AuthorId != reply.AuthorId && ShareVisibility.CanSee(new ShareViewer(thread.AuthorId, Board.GroupId, true, false), reply))
        {
            await notifier.NotifyReplyAsync(thread.AuthorId, Url.Page("/Groups/Board/Thread", new { id, p = LastPage }), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(6102, "ReplyPosted"), "Share {ShareId} (reply) posted in thread {ThreadId}", reply.Id, id);
        StatusMessage = "Your reply is posted.";
        // Back to the page the new reply is on, the last one, at the reply. The page works out which that is when
        // it counts the replies anyway: counting them here too read every reply of the conversation once more on
        // every reply (issue 9).
        // Posted as usual; if it may mean the author is at risk, they see the caring page first.
        if (await riskAlerts.OnShareSavedAsync(reply, cancellationToken))
        {
            return LocalRedirect(riskAlerts.InterstitialUrl(Url.Page("/Groups/Board/Thread", new { id, p = LastPage })));
        }

        return RedirectToPage(null, null, new { id, p = LastPage }, $"post-{reply.Id}");
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid shareId, CancellationToken cancellationToken) =>
        ActOnShareAsync(id, shareId, (share, now) => share.Withdraw(Board.Viewer.UserId, now), null,
            "Your post is withdrawn: its text is deleted.", cancellationToken);

    public Task<IActionResult> OnPostHideAsync(Guid id, Guid shareId, string? reason, CancellationToken cancellationToken) =>
        ActOnShareAsync(id, shareId, (share, now) => share.Hide(Board.Moderator, now), (AuditActions.ShareHidden, reason),
            "The post is hidden from the group. You and the other facilitators can still see it.", cancellationToken);

    public Task<IActionResult> OnPostUnhideAsync(Guid id, Guid shareId, string? reason, CancellationToken cancellationToken) =>
        ActOnShareAsync(id, shareId, (share, _) => share.Unhide(Board.Moderator), (AuditActions.ShareUnhidden, reason),
            "The post is visible to the group again.", cancellationToken);

    public Task<IActionResult> OnPostPinAsync(Guid id, CancellationToken cancellationToken) =>
        ActOnShareAsync(id, id, (share, _) => share.Pin(Board.Moderator, true), (AuditActions.ThreadPinned, null),
            "The conversation is pinned to the top of the board.", cancellationToken);

    public Task<IActionResult> OnPostUnpinAsync(Guid id, CancellationToken cancellationToken) =>
        ActOnShareAsync(id, id, (share, _) => share.Pin(Board.Moderator, false), (AuditActions.ThreadUnpinned, null),
            "The conversation is no longer pinned.", cancellationToken);

    private async Task<IActionResult> ActOnShareAsync(Guid id, Guid shareId, Action<Share, DateTime> action, (string Action, string? Reason)? audited,
        string done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var share = await FindVisibleAsync(id, shareId, cancellationToken);
        if (share is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!ModelState.TryDomain(() => action(share, now)))
        {
            return Page();
        }

        if (audited is { } entry)
        {
            audit.Record(Board.Viewer.UserId, entry.Action, nameof(Share), share.Id, Board.GroupId, entry.Reason);
            // The author is told what happened to their post, never by whom.
            var told = entry.Action switch
            {
                AuditActions.ShareHidden => Notifier.Hidden,
                AuditActions.ShareUnhidden => Notifier.Unhidden,
                _ => null,
            };
            if (told is not null && share.AuthorId != Board.Viewer.UserId)
            {
                notifier.Notify(share.AuthorId, told, Url.Page("/Groups/Board/Thread", new { id }));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(string.Empty, "Someone else changed this post at the same moment, so nothing was changed. Please check it and try again.");
            return Page();
        }

        logger.LogInformation(new EventId(6103, "ShareChanged"), "Share {ShareId} in group {GroupId} changed by {UserId}", share.Id, Board.GroupId, Board.Viewer.UserId);
        StatusMessage = done;
        return RedirectToPage(new { id, p = PageNumber });
    }

    /// <summary>The thread itself or one of its replies, tracked, if the viewer may see it.</summary>
    private Task<Share?> FindVisibleAsync(Guid threadId, Guid shareId, CancellationToken cancellationToken) =>
        FindVisibleAsync(db, Board, threadId, shareId, cancellationToken);

    /// <summary>
    /// The conversation <paramref name="threadId"/> itself or one of its replies, tracked, if the viewer of
    /// <paramref name="board"/> (the conversation's board, <see cref="BoardAccess.ForThreadAsync"/>) may see it; otherwise null.
    /// </summary>
    internal static Task<Share?> FindVisibleAsync(PeerCircleDbContext db, BoardContext board, Guid threadId, Guid shareId, CancellationToken cancellationToken)
    {
        var v = board.Viewer;
        return s_findVisible(db, threadId, shareId, v.UserId, v.GroupId, v.IsActiveMember, v.IsGroupFacilitator, cancellationToken);
    }

    // The post a form acts on (tracked, to change it): compiled once like the page's own queries (issue 9), with the
    // visibility rule inlined from ShareVisibility.
    private static readonly Func<PeerCircleDbContext, Guid, Guid, Guid, Guid, bool, bool, CancellationToken, Task<Share?>> s_findVisible = EF.CompileAsyncQuery(
        ShareVisibility.Inline<Func<PeerCircleDbContext, Guid, Guid, Guid, Guid, bool, bool, CancellationToken, Share?>>(
            (db, threadId, shareId, userId, groupId, member, facilitator, cancellationToken) => db.Shares
                .Where(s => s.Id == shareId && (s.Id == threadId || s.ThreadId == threadId) && ShareVisibility.Sees(s, userId, groupId, member, facilitator))
                .SingleOrDefault()));

    private async Task<IActionResult> PageWithPostsAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool withPosts = true)
    {
        RequestedPage = Request.Query.TryGetValue("p", out var asked) ? asked[0] : null;
        PageNumber = int.TryParse(RequestedPage, NumberStyles.Integer, CultureInfo.InvariantCulture, out var requested) ? requested : 1;
        var me = User.GetUserId();
        var board = await BoardAccess.ForThreadAsync(db, id, me, cancellationToken);
        if (board is null)
        {
            return false;
        }

        Board = board;
        if (!withPosts)
        {
            return true;
        }

        // The conversation's first post with the number of replies the viewer may see, then one page of them:
        // bounded however long the conversation grows.
        var v = board.Viewer;
        var head = await s_head(db, id, v.UserId, v.GroupId, v.IsActiveMember, v.IsGroupFacilitator, cancellationToken);
        if (head is null)
        {
            return false;
        }

        ReplyCount = head.Replies;
        PageCount = PageCountFor(ReplyCount);
        PageNumber = RequestedPage == LastPage ? PageCount : Math.Clamp(PageNumber, 1, PageCount);
        var replies = new List<PostRow>(RepliesPerPage);
        await foreach (var reply in s_replies(db, id, v.UserId, v.GroupId, v.IsActiveMember, v.IsGroupFacilitator, (PageNumber - 1) * RepliesPerPage)
            .WithCancellation(cancellationToken))
        {
            replies.Add(reply);
        }

        PostView View(PostRow p) => new(
            p.Id, p.IsThread, p.IsMine, ShareVisibility.BylineFor(board.Viewer, p.IsMine, p.Byline, p.Pseudonym), p.Audience,
            p.Title, p.Text, p.CreatedUtc, p.WithdrawnUtc is not null, p.PurgedUtc is not null && p.WithdrawnUtc is null, p.HiddenUtc is not null, p.IsPinned, p.IsPrompt);
        Thread = View(head.Post);
        Replies = replies.ConvertAll(View);
        Links = PostLinksFor(id, board.GroupId);
        return true;
    }

    // The page's two queries of shares, compiled once (EF.CompileAsyncQuery) rather than built, hashed and looked
    // up on every request (issue 9). The viewer's facts are the queries' parameters; ShareVisibility.Inline puts
    // the one visibility rule where ShareVisibility.Sees stands.
    private static readonly Func<PeerCircleDbContext, Guid, Guid, Guid, bool, bool, CancellationToken, Task<HeadRow?>> s_head = EF.CompileAsyncQuery(
        ShareVisibility.Inline<Func<PeerCircleDbContext, Guid, Guid, Guid, bool, bool, CancellationToken, HeadRow?>>(
            (db, id, userId, groupId, member, facilitator, cancellationToken) =>
            db.Shares.AsNoTracking()
                .Where(s => s.Id == id && ShareVisibility.Sees(s, userId, groupId, member, facilitator))
                .Select(s => new HeadRow(
                    new PostRow(s.Id, s.ThreadId == null, s.AuthorId == userId, s.Byline, s.Audience, s.Title, s.Text, s.CreatedUtc, s.WithdrawnUtc, s.HiddenUtc, s.PurgedUtc,
                        s.IsPinned, s.IsPrompt, db.Users.Where(u => u.Id == s.AuthorId).Select(u => u.Pseudonym).FirstOrDefault() ?? string.Empty),
                    db.Shares.Count(r => r.ThreadId == id && ShareVisibility.Sees(r, userId, groupId, member, facilitator))))
                .SingleOrDefault()));

    private static readonly Func<PeerCircleDbContext, Guid, Guid, Guid, bool, bool, int, IAsyncEnumerable<PostRow>> s_replies = EF.CompileAsyncQuery(
        ShareVisibility.Inline<Func<PeerCircleDbContext, Guid, Guid, Guid, bool, bool, int, IQueryable<PostRow>>>(
            (db, id, userId, groupId, member, facilitator, skip) =>
            db.Shares.AsNoTracking()
                .Where(s => s.ThreadId == id && ShareVisibility.Sees(s, userId, groupId, member, facilitator))
                .OrderBy(s => s.CreatedUtc).ThenBy(s => s.Id)
                .Skip(skip).Take(RepliesPerPage)
                .Select(s => new PostRow(s.Id, s.ThreadId == null, s.AuthorId == userId, s.Byline, s.Audience, s.Title, s.Text, s.CreatedUtc, s.WithdrawnUtc, s.HiddenUtc, s.PurgedUtc,
                    s.IsPinned, s.IsPrompt, db.Users.Where(u => u.Id == s.AuthorId).Select(u => u.Pseudonym).FirstOrDefault() ?? string.Empty))));

    private static int PageCountFor(int replies) => Math.Max(1, (replies + RepliesPerPage - 1) / RepliesPerPage);

    /// <summary>
    /// The forms' addresses and token, the worried link's base and the viewer's zone, once per page rather
    /// than once per post by a tag helper each: they were about half of rendering a thread (issue 9).
    /// </summary>
    private PostLinks PostLinksFor(Guid id, Guid groupId)
    {
        // The conversation's address as its route writes it ("{id:guid}" under the page's path), without a route lookup;
        // each form adds its handler and page as the query string, exactly as Url.Page(page, handler, values) would.
        var conversation = Url.Content("~/Groups/Board/Thread/") + id.ToString();
        var page = PageNumber.ToString(CultureInfo.InvariantCulture);
        string Action(string handler) => QueryHelpers.AddQueryString(conversation, new KeyValuePair<string, string?>[] { new("handler", handler), new("p", page) });
        return new PostLinks(
            conversation,
            antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? string.Empty,
            Action("Withdraw"), Action("Hide"), Action("Unhide"), Action("Reply"), Action("Pin"), Action("Unpin"),
            // "I'm worried about this person": this address followed by the post's id (the page's route is "{groupId:guid}").
            Url.Content("~/Concerns/Worried/") + groupId.ToString() + "?shareId=",
            // "Report to the facilitators": ReportPost's address for this conversation and page, followed by the post's id.
            ReportPostModel.Address(Url, id, PageNumber) + "&shareId=",
            Url.Content("~/Groups/Board/Member/"),
            Url.Content("~/Facilitate/Concerns/New/"),
            User.GetTimeZoneId());
    }

    private sealed record HeadRow(PostRow Post, int Replies);

    // Whether it opens the conversation and whether the viewer wrote it are worked out by the query, not read as ids
    // (SQLite keeps ids as text: a string and a parse each, twice per post; issue 9).
    private sealed record PostRow(
        Guid Id, bool IsThread, bool IsMine, ShareByline Byline, ShareAudience Audience, string? Title, string? Text, DateTime CreatedUtc,
        DateTime? WithdrawnUtc, DateTime? HiddenUtc, DateTime? PurgedUtc, bool IsPinned, bool IsPrompt, string Pseudonym);

    public sealed record PostLinks(
        string Conversation, string FormToken, string WithdrawAction, string HideAction, string UnhideAction,
        string ReplyAction, string PinAction, string UnpinAction, string WorriedPrefix, string ReportPrefix, string MemberBase, string ConcernBase, string TimeZoneId)
    {
        /// <summary>Another page of this conversation's replies.</summary>
        public string Page(int pageNumber) => QueryHelpers.AddQueryString(Conversation, "p", pageNumber.ToString(CultureInfo.InvariantCulture));
    }

    public sealed record PostView(
        Guid Id, bool IsThread, bool IsMine, ShownByline Byline, ShareAudience Audience, string? Title, string? Text, DateTime CreatedUtc,
        bool IsWithdrawn, bool IsExpired, bool IsHidden, bool IsPinned, bool IsPrompt)
    {
        /// <summary>The post's id as the page writes it (in its anchor, form fields and links): made once, not once per use.</summary>
        public string IdText { get; } = Id.ToString();
    }

    public sealed class ReplyInput
    {
        [Required(ErrorMessage = "Write something to share.")]
        [StringLength(Share.TextMaxLength, ErrorMessage = "What you share must be at most {1} characters.")]
        [Display(Name = "Your reply")]
        public string Text { get; set; } = string.Empty;

        public ShareAudience Audience { get; set; } = ShareAudience.Group;

        public ShareByline Byline { get; set; } = ShareByline.Pseudonym;
    }
}
