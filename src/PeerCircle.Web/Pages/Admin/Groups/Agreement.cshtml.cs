using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Admin.Groups;

/// <summary>Publishes a new version of a group's agreement; earlier versions stay as they were.</summary>
public sealed class AgreementModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, ILogger<AgreementModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Guid GroupId { get; private set; }

    public string GroupName { get; private set; } = string.Empty;

    public bool IsArchived { get; private set; }

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        Input = new InputModel { Text = Versions.Count > 0 ? Versions[0].Text : string.Empty };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var group = await db.Groups.Include(g => g.Agreements).SingleAsync(g => g.Id == id);
        GroupAgreement? published = null;
        if (!ModelState.TryDomain(() => published = group.PublishAgreement(Input.Text, time.GetUtcNow().UtcDateTime)) || published is null)
        {
            return Page();
        }

        audit.Record(User.GetUserId(), AuditActions.AgreementPublished, nameof(Group), id, id, $"Version {published.Version}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another admin published (or edited the group) at the same moment: show what is there now.
            db.ChangeTracker.Clear();
            await ShowAsync(id);
            ModelState.AddModelError(string.Empty, "Someone else changed this group at the same time. Your version was not published; please check the current version and try again.");
            return Page();
        }

        logger.LogInformation(new EventId(5104, "AgreementPublished"), "Group {GroupId} agreement version {Version} published", id, published.Version);
        StatusMessage = $"Version {published.Version} of the agreement is published. Members accept it before their next booking.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> ShowAsync(Guid id)
    {
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new { g.Id, g.Name, g.Status })
            .SingleOrDefaultAsync();
        if (group is null)
        {
            return false;
        }

        GroupId = group.Id;
        GroupName = group.Name;
        IsArchived = group.Status == GroupStatus.Archived;
        Versions = await db.Groups.Where(g => g.Id == id).SelectMany(g => g.Agreements)
            .OrderByDescending(a => a.Version)
            .Select(a => new VersionRow(a.Version, a.Text, a.PublishedUtc))
            .ToListAsync();
        return true;
    }

    public sealed record VersionRow(int Version, string Text, DateTime PublishedUtc);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Write the group agreement: the ground rules members accept.")]
        [StringLength(Group.AgreementMaxLength, ErrorMessage = "The agreement must be at most {1} characters.")]
        [Display(Name = "New version of the agreement")]
        public string Text { get; set; } = string.Empty;
    }
}
