using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Facilitation;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Admin.Groups;

/// <summary>
/// Who looks after a group: people in the Facilitator role, chosen by pseudonym. The admin also sees
/// their email; nobody else does.
/// </summary>
public sealed class FacilitatorsModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, ILogger<FacilitatorsModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Guid GroupId { get; private set; }

    public string GroupName { get; private set; } = string.Empty;

    public bool IsArchived { get; private set; }

    public IReadOnlyList<StaffPerson> Assigned { get; private set; } = [];

    public IReadOnlyList<StaffPerson> Available { get; private set; } = [];

    public IEnumerable<SelectListItem> AvailableItems => Available.Select(p => new SelectListItem($"{p.Pseudonym} ({p.Email})", p.Id.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssignAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        if (ModelState.IsValid && Available.All(p => p.Id != Input.UserId))
        {
            ModelState.AddModelError("Input.UserId", Assigned.Any(p => p.Id == Input.UserId)
                ? "That facilitator already looks after this group."
                : "Choose a facilitator from the list.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var group = await db.Groups.Include(g => g.Facilitators).SingleAsync(g => g.Id == id);
        if (!ModelState.TryDomain(() => group.AssignFacilitator(Input.UserId!.Value, time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        audit.Record(User.GetUserId(), AuditActions.FacilitatorAssigned, "User", Input.UserId!.Value, id);

        if (!await SaveAsync())
        {
            return Page();
        }

        logger.LogInformation(new EventId(5105, "GroupFacilitatorAssigned"), "Facilitator {UserId} assigned to group {GroupId}", Input.UserId, id);
        StatusMessage = $"{Available.Single(p => p.Id == Input.UserId).Pseudonym} now facilitates this group.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid userId)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        ModelState.Clear();
        var group = await db.Groups.Include(g => g.Facilitators).SingleAsync(g => g.Id == id);
        if (!ModelState.TryDomain(() => group.RemoveFacilitator(userId)))
        {
            return Page();
        }

        audit.Record(User.GetUserId(), AuditActions.FacilitatorRemoved, "User", userId, id);

        if (!await SaveAsync())
        {
            return Page();
        }

        logger.LogInformation(new EventId(5106, "GroupFacilitatorRemoved"), "Facilitator {UserId} removed from group {GroupId}", userId, id);
        StatusMessage = $"{Assigned.Single(p => p.Id == userId).Pseudonym} no longer facilitates this group. Sessions they are assigned to keep them until you change those sessions.";
        return RedirectToPage(new { id });
    }

    /// <summary>Saves; false (with a message) when someone else changed the group at the same moment.</summary>
    private async Task<bool> SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "Someone else changed this group at the same time, so nothing was saved. Please try again.");
            return false;
        }
    }

    private async Task<bool> ShowAsync(Guid id)
    {
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new { g.Id, g.Name, g.Status, Ids = g.Facilitators.Select(f => f.UserId).ToList() })
            .SingleOrDefaultAsync();
        if (group is null)
        {
            return false;
        }

        GroupId = group.Id;
        GroupName = group.Name;
        IsArchived = group.Status == GroupStatus.Archived;
        var facilitators = await db.Facilitators().ToListAsync();
        var assignedIds = group.Ids.ToHashSet();
        Available = facilitators.Where(p => !assignedIds.Contains(p.Id)).ToList();
        // Someone assigned earlier who has since lost the role is still listed, so they can be removed.
        Assigned = await db.Users.Where(u => group.Ids.Contains(u.Id)).OrderBy(u => u.Pseudonym)
            .Select(u => new StaffPerson(u.Id, u.Pseudonym, u.Email ?? string.Empty)).ToListAsync();
        return true;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a facilitator from the list.")]
        [Display(Name = "Facilitator")]
        public Guid? UserId { get; set; }
    }
}
