using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Administration;
using PeerCircle.Domain.Auditing;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Admin.Invitations;

/// <summary>
/// Invitation links for when sign-up is by invitation: each is single use and expires. The link is
/// shown once, right after it is made; only a hash of its token is stored.
/// </summary>
public sealed class IndexModel(
    PeerCircleDbContext db, ServiceSettingsProvider settings, AuditLog audit, PublicLinks links, TimeProvider time, ILogger<IndexModel> logger) : PageModel
{
    public const int Shown = 50;
    private const string RecordType = "Invitation";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The link just made, shown once.</summary>
    [TempData]
    public string? NewLink { get; set; }

    public bool ByInvitation { get; private set; }

    public DateTime Now { get; private set; }

    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await ShowAsync(cancellationToken);
            return Page();
        }

        (Invitation Invitation, string Token)? made = null;
        if (!ModelState.TryDomain(() => made = Invitation.Create(Input.Note, Input.ValidDays, User.GetUserId(), time.GetUtcNow().UtcDateTime)) || made is null)
        {
            await ShowAsync(cancellationToken);
            return Page();
        }

        var (invitation, token) = made.Value;
        db.Invitations.Add(invitation);
        audit.Record(User.GetUserId(), AuditActions.InvitationCreated, RecordType, invitation.Id, null, invitation.Note);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(new EventId(8201, "InvitationCreated"), "Invitation {InvitationId} created by {ActorId}", invitation.Id, User.GetUserId());
        NewLink = links.Page("/Account/Register", new { area = "Identity", invitation = token });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null)
        {
            return NotFound();
        }

        if (!ModelState.TryDomain(() => invitation.Revoke(time.GetUtcNow().UtcDateTime)))
        {
            await ShowAsync(cancellationToken);
            return Page();
        }

        audit.Record(User.GetUserId(), AuditActions.InvitationRevoked, RecordType, invitation.Id, null, invitation.Note);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(new EventId(8202, "InvitationRevoked"), "Invitation {InvitationId} withdrawn by {ActorId}", invitation.Id, User.GetUserId());
        StatusMessage = "The invitation is withdrawn: its link no longer works.";
        return RedirectToPage();
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        ByInvitation = (await settings.GetAsync(cancellationToken)).SignUp == SignUpMode.InvitationOnly;
        Invitations = await db.Invitations.AsNoTracking().OrderByDescending(i => i.CreatedUtc).Take(Shown).ToListAsync(cancellationToken);
    }

    public sealed class InputModel
    {
        [StringLength(Invitation.NoteMaxLength, ErrorMessage = "Keep the note under 100 characters.")]
        [Display(Name = "Note for yourself (who it is for; never shown to them)")]
        public string? Note { get; set; }

        [Range(Invitation.MinValidDays, Invitation.MaxValidDays, ErrorMessage = "An invitation is valid for 1 to 30 days.")]
        [Display(Name = "Valid for (days)")]
        public int ValidDays { get; set; } = 7;
    }
}
