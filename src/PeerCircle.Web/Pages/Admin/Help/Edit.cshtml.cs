using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Help;
using PeerCircle.Web.Help;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Admin.Help;

/// <summary>Adds or edits a help directory entry, marks it verified today, or deletes it. Every change is audited.</summary>
public sealed class EditModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, HelpDirectoryCache helpCache) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Guid? Id { get; private set; }

    public DateOnly? LastVerifiedOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return Page();
        }

        var entry = await db.HelpEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        Id = entry.Id;
        LastVerifiedOn = entry.LastVerifiedOn;
        Input = new InputModel
        {
            Name = entry.Name, Kind = entry.Kind, Description = entry.Description, Phone = entry.Phone, TextNumber = entry.TextNumber,
            TextKeyword = entry.TextKeyword, Url = entry.Url, OpeningHours = entry.OpeningHours, Regions = [.. entry.RegionCodes],
            Topics = entry.Topics, SortOrder = entry.SortOrder,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        HelpEntry? entry = null;
        if (id is not null)
        {
            entry = await db.HelpEntries.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (entry is null)
            {
                return NotFound();
            }

            Id = entry.Id;
            LastVerifiedOn = entry.LastVerifiedOn;
        }

        if (Input.Regions.Any(r => !HelpRegions.IsKnown(r)))
        {
            ModelState.AddModelError("Input.Regions", "Choose regions from the list.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var details = new HelpEntryDetails(Input.Name, Input.Kind, Input.Description, Input.Phone, Input.TextNumber, Input.TextKeyword, Input.Url,
            Input.OpeningHours, Input.Regions, Input.Topics, Input.SortOrder);
        var now = time.GetUtcNow().UtcDateTime;
        if (!ModelState.TryDomain(() =>
            {
                if (entry is null)
                {
                    entry = new HelpEntry(details, now);
                    db.HelpEntries.Add(entry);
                }
                else
                {
                    entry.Update(details);
                }

                if (Input.MarkVerified)
                {
                    entry.MarkVerified(User.GetUserId(), DateOnly.FromDateTime(now));
                }
            }) || entry is null)
        {
            return Page();
        }

        audit.Record(User.GetUserId(), Input.MarkVerified ? SafeguardingAuditActions.HelpEntryVerified : SafeguardingAuditActions.HelpEntrySaved,
            nameof(HelpEntry), entry.Id, null, entry.Name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            helpCache.Invalidate();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "Someone else changed this entry at the same moment, so nothing was saved. Please reload and try again.");
            return Page();
        }

        StatusMessage = $"{entry.Name} is saved{(Input.MarkVerified ? " and marked verified today" : string.Empty)}.";
        return RedirectToPage("./Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var entry = await db.HelpEntries.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFound();
        }

        db.HelpEntries.Remove(entry);
        audit.Record(User.GetUserId(), SafeguardingAuditActions.HelpEntryDeleted, nameof(HelpEntry), entry.Id, null, entry.Name);
        await db.SaveChangesAsync(cancellationToken);
        helpCache.Invalidate();
        StatusMessage = $"{entry.Name} is removed from the directory.";
        return RedirectToPage("./Index");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the service's name.")]
        [StringLength(HelpEntry.NameMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "Name")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Kind")]
        public HelpKind Kind { get; set; } = HelpKind.CrisisLine;

        [Required(ErrorMessage = "Say in a sentence what the service offers.")]
        [StringLength(HelpEntry.DescriptionMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "What it offers (caring, direct wording; no method details)")]
        public string Description { get; set; } = string.Empty;

        [StringLength(HelpEntry.PhoneMaxLength)]
        [Display(Name = "Phone")]
        public string? Phone { get; set; }

        [StringLength(HelpEntry.PhoneMaxLength)]
        [Display(Name = "Number to text")]
        public string? TextNumber { get; set; }

        [StringLength(HelpEntry.TextKeywordMaxLength)]
        [Display(Name = "Word to text (e.g. SHOUT)")]
        public string? TextKeyword { get; set; }

        [StringLength(HelpEntry.UrlMaxLength)]
        [Display(Name = "Web address (https://)")]
        public string? Url { get; set; }

        [StringLength(HelpEntry.HoursMaxLength)]
        [Display(Name = "Opening hours")]
        public string? OpeningHours { get; set; }

        [Display(Name = "Regions")]
        public List<string> Regions { get; set; } = [];

        [StringLength(HelpEntry.TopicsMaxLength)]
        [Display(Name = "Topics (e.g. anxiety, work stress)")]
        public string? Topics { get; set; }

        [Range(0, 100)]
        [Display(Name = "Order among services of the same kind (lower first)")]
        public int SortOrder { get; set; }

        [Display(Name = "I have checked these details against the service's own site today")]
        public bool MarkVerified { get; set; }
    }
}
