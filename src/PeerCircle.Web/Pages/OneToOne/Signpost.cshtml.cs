using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Help;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Web.Help;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.OneToOne;

/// <summary>
/// The supporter privately sends the member they support chosen services from the help directory with a
/// short note, as facilitators do for their groups (an in-app notification; audited with the services'
/// names, never the note). Only the supporter of an active pairing; anyone else gets 404.
/// </summary>
public sealed class SignpostModel(PeerCircleDbContext db, HelpDirectory directory, Notifier notifier, AuditLog audit, ILogger<SignpostModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Pseudonym { get; private set; } = string.Empty;
    public IReadOnlyList<HelpEntry> Entries { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var pairing = await LoadAsync(id, cancellationToken);
        if (pairing is null)
        {
            return NotFound();
        }

        var chosen = await directory.FindAsync(Input.EntryIds.Distinct().ToList(), cancellationToken);
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("Input.EntryIds", "Choose at least one service to send.");
        }
        else if (chosen.Count > Facilitate.SignpostModel.MaxEntries)
        {
            ModelState.AddModelError("Input.EntryIds", $"Choose at most {Facilitate.SignpostModel.MaxEntries} services, so the message stays easy to read.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var services = string.Join("; ", chosen.Select(e => $"{e.Name} ({HelpDirectory.Contact(e)})"));
        var note = Input.Note?.Trim();
        var text = $"Your one-to-one supporter sent you some places where you can find support: {services}."
            + (string.IsNullOrEmpty(note) ? string.Empty : $" Their note: {note}");
        notifier.Notify(pairing.MemberId, text, Url.Page("/Help/Index"));
        audit.Record(User.GetUserId(), SafeguardingAuditActions.MemberSignposted, "User", pairing.MemberId, null, string.Join(", ", chosen.Select(e => e.Name)));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(7402, "PairMemberSignposted"), "Member signposted to {Count} services in pairing {PairingId}", chosen.Count, id);
        StatusMessage = $"Sent privately to {Pseudonym}.";
        return RedirectToPage("./Pairing", new { id });
    }

    private async Task<Pairing?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var pairing = await db.Pairings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.SupporterId == me && p.Status == PairingStatus.Active, cancellationToken);
        if (pairing is null)
        {
            return null;
        }

        var member = await db.Users.Where(u => u.Id == pairing.MemberId).Select(u => new { u.Pseudonym, u.Region }).SingleAsync(cancellationToken);
        Pseudonym = member.Pseudonym;
        var region = HelpRegions.Find(member.Region);
        var all = await db.HelpEntries.AsNoTracking().ToListAsync(cancellationToken);
        Entries = [.. all.OrderBy(e => e.ServesRegion(region.Code) ? 0 : e.ServesRegion(HelpRegions.International) ? 1 : 2)
            .ThenBy(e => e.Kind).ThenBy(e => e.SortOrder).ThenBy(e => e.Name, StringComparer.Ordinal)];
        return pairing;
    }

    public sealed class InputModel
    {
        public List<Guid> EntryIds { get; set; } = [];

        [StringLength(Facilitate.SignpostModel.NoteMaxLength, ErrorMessage = "Keep the note to {1} characters.")]
        [Display(Name = "A short private note (optional)")]
        public string? Note { get; set; }
    }
}
