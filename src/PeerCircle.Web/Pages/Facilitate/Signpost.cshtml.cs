using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Help;
using PeerCircle.Web.Help;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Facilitate;

/// <summary>
/// A facilitator privately sends a member of their group chosen services from the help directory with a
/// short note. It arrives as an in-app notification; the email (for those who chose emails) says only
/// that there is something new, so nothing about it is shared outside the app.
/// </summary>
public sealed class SignpostModel(PeerCircleDbContext db, HelpDirectory directory, Notifier notifier, AuditLog audit, ILogger<SignpostModel> logger) : PageModel
{
    public const int MaxEntries = 5;
    public const int NoteMaxLength = 300;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Pseudonym { get; private set; } = string.Empty;

    public string GroupName { get; private set; } = string.Empty;

    public IReadOnlyList<HelpEntry> Entries { get; private set; } = [];

    public string? MemberRegion { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid groupId, Guid userId, CancellationToken cancellationToken) =>
        await LoadAsync(groupId, userId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid groupId, Guid userId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(groupId, userId, cancellationToken))
        {
            return NotFound();
        }

        var chosen = await directory.FindAsync(Input.EntryIds.Distinct().ToList(), cancellationToken);
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("Input.EntryIds", "Choose at least one service to send.");
        }
        else if (chosen.Count > MaxEntries)
        {
            ModelState.AddModelError("Input.EntryIds", $"Choose at most {MaxEntries} services, so the message stays easy to read.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var services = string.Join("; ", chosen.Select(e => $"{e.Name} ({HelpDirectory.Contact(e)})"));
        var note = Input.Note?.Trim();
        var text = $"A facilitator of one of your groups sent you some places where you can find support: {services}."
            + (string.IsNullOrEmpty(note) ? string.Empty : $" Their note: {note}");
        notifier.Notify(userId, text, Url.Page("/Help/Index"));
        audit.Record(User.GetUserId(), SafeguardingAuditActions.MemberSignposted, "User", userId, groupId, string.Join(", ", chosen.Select(e => e.Name)));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(7401, "MemberSignposted"), "Member {UserId} signposted to {Count} services in group {GroupId}", userId, chosen.Count, groupId);
        StatusMessage = $"Sent privately to {Pseudonym}.";
        return RedirectToPage(new { groupId, userId });
    }

    /// <summary>Only a facilitator of the group, for an active member of it; anyone else gets 404.</summary>
    private async Task<bool> LoadAsync(Guid groupId, Guid userId, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        if (userId == me || !await ConcernAccess.IsGroupFacilitatorAsync(db, groupId, me, cancellationToken))
        {
            return false;
        }

        var member = await db.Memberships.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.UserId == userId && m.Status == MembershipStatus.Active)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Pseudonym, u.Region })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return false;
        }

        Pseudonym = member.Pseudonym;
        MemberRegion = member.Region;
        GroupName = await db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync(cancellationToken);
        var region = HelpRegions.Find(member.Region);
        var all = await db.HelpEntries.AsNoTracking().ToListAsync(cancellationToken);
        // The member's own region first, then services anywhere, then the rest.
        Entries = [.. all.OrderBy(e => e.ServesRegion(region.Code) ? 0 : e.ServesRegion(HelpRegions.International) ? 1 : 2)
            .ThenBy(e => e.Kind).ThenBy(e => e.SortOrder).ThenBy(e => e.Name, StringComparer.Ordinal)];
        return true;
    }

    public sealed class InputModel
    {
        public List<Guid> EntryIds { get; set; } = [];

        [StringLength(NoteMaxLength, ErrorMessage = "Keep the note to {1} characters.")]
        [Display(Name = "A short private note (optional)")]
        public string? Note { get; set; }
    }
}
