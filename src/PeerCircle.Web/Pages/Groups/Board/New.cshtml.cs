using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>Starts a conversation on a group's board, choosing who it is for and how I am named; facilitators can post it as a prompt.</summary>
public sealed class NewModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, RiskAlerts riskAlerts, ILogger<NewModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public BoardContext Board { get; private set; } = null!;

    public ComposerOptions Composer => new("Input", Input.Audience, Input.Byline);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var board = await BoardAccess.LoadAsync(db, groupId, User.GetUserId(), cancellationToken);
        if (board is null)
        {
            return NotFound();
        }

        Board = board;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var board = await BoardAccess.LoadAsync(db, groupId, User.GetUserId(), cancellationToken);
        if (board is null)
        {
            return NotFound();
        }

        Board = board;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var author = board.Author(now);
        Share? thread = null;
        if (!ModelState.TryDomain(() => thread = Input.AsPrompt
                ? Share.PostPrompt(author, Input.Title, Input.Text, now)
                : Share.StartThread(author, Input.Title, Input.Text, Input.Audience, Input.Byline, now)) || thread is null)
        {
            return Page();
        }

        db.Shares.Add(thread);
        if (thread.IsPrompt)
        {
            audit.Record(board.Viewer.UserId, AuditActions.PromptPosted, nameof(Share), thread.Id, groupId);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(new EventId(6101, "ThreadStarted"), "Share {ShareId} (thread) posted in group {GroupId}", thread.Id, groupId);
        StatusMessage = "Your conversation is on the board.";
        // Posted as usual; if it may mean the author is at risk, they see the caring page first.
        if (await riskAlerts.OnShareSavedAsync(thread, cancellationToken))
        {
            return LocalRedirect(riskAlerts.InterstitialUrl(Url.Page("/Groups/Board/Thread", new { id = thread.Id })));
        }

        return RedirectToPage("/Groups/Board/Thread", new { id = thread.Id });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give the conversation a title.")]
        [StringLength(Share.TitleMaxLength, ErrorMessage = "The title must be at most {1} characters.")]
        [Display(Name = "Title")]
        public string Title { get; set; } = string.Empty;

        [Required(ErrorMessage = "Write something to share.")]
        [StringLength(Share.TextMaxLength, ErrorMessage = "What you share must be at most {1} characters.")]
        [Display(Name = "What would you like to share?")]
        public string Text { get; set; } = string.Empty;

        [Display(Name = "Who is it for?")]
        public ShareAudience Audience { get; set; } = ShareAudience.Group;

        [Display(Name = "How should you be named?")]
        public ShareByline Byline { get; set; } = ShareByline.Pseudonym;

        [Display(Name = "Post as a facilitator's prompt to the whole group")]
        public bool AsPrompt { get; set; }
    }
}
