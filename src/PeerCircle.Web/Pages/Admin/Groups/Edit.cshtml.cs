using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Pages.Groups;

namespace PeerCircle.Web.Pages.Admin.Groups;

/// <summary>
/// Creates a group (no id) or edits one. The group's concurrency stamp travels with the form, so when
/// two admins edit at once the second save is refused and shown the current version instead of
/// silently overwriting the first.
/// </summary>
public sealed class EditModel(
    PeerCircleDbContext db, TimeProvider time, Administration.ServiceSettingsProvider settings, ListedGroupCounts listedCounts, ILogger<EditModel> logger) : PageModel
{
    public const string ConflictMessage =
        "This group was changed by someone else while you were editing. Your changes were not saved; here is the current version.";

    /// <summary>IANA zones people recognise (Area/City), plus UTC.</summary>
    public static IReadOnlyList<string> TimeZones { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<Topic> AllTopics { get; } = Enum.GetValues<Topic>();

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The group as stored; null while creating.</summary>
    public GroupSummary? Current { get; private set; }

    public bool IsNew => Current is null;

    public IEnumerable<SelectListItem> TimeZoneItems => TimeZones.Select(z => new SelectListItem(z, z));

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (id is null)
        {
            Input = new InputModel { TimeZoneId = User.GetTimeZoneId() };
            return Page();
        }

        var group = await LoadAsync(id.Value, tracked: false);
        if (group is null)
        {
            return NotFound();
        }

        Show(group);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        Group? group = null;
        if (id is not null)
        {
            group = await LoadAsync(id.Value, tracked: true);
            if (group is null)
            {
                return NotFound();
            }

            Current = Summary(group);
        }

        if (!TimeZones.Contains(Input.TimeZoneId, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Input.TimeZoneId", "Choose the group's time zone from the list.");
        }

        if (group is null && string.IsNullOrWhiteSpace(Input.Agreement))
        {
            ModelState.AddModelError("Input.Agreement", "Write the group agreement: the ground rules members accept.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var details = new GroupDetails(Input.Name, Input.Description, Input.Topics, Input.Format, Input.Location,
            Input.TimeZoneId, Input.Capacity, Input.JoinPolicy, Input.Listed, Input.RequiresCoFacilitation);

        if (group is null)
        {
            Group? created = null;
            var retentionDays = (await settings.GetAsync(HttpContext.RequestAborted)).BoardRetentionDays;
            if (!ModelState.TryDomain(() => { created = new Group(details, Input.Agreement!, now); created.KeepBoardFor(retentionDays); }) || created is null)
            {
                return Page();
            }

            db.Groups.Add(created);
            await db.SaveChangesAsync();
            listedCounts.Forget();
            logger.LogInformation(new EventId(5101, "GroupCreated"), "Group {GroupId} created", created.Id);
            StatusMessage = $"The group \"{created.Name}\" was created. Next: assign its facilitators and schedule sessions.";
            return RedirectToPage("./Index");
        }

        if (Input.ConcurrencyStamp != group.ConcurrencyStamp)
        {
            return ShowConflict(group);
        }

        if (!ModelState.TryDomain(() => group.Update(details)))
        {
            return Page();
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await LoadAsync(group.Id, tracked: false);
            return fresh is null ? NotFound() : (IActionResult)ShowConflict(fresh);
        }

        listedCounts.Forget();
        logger.LogInformation(new EventId(5102, "GroupEdited"), "Group {GroupId} edited", group.Id);
        StatusMessage = $"The group \"{group.Name}\" was saved.";
        return RedirectToPage("./Index");
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid? id, bool confirmArchive)
    {
        var group = id is null ? null : await LoadAsync(id.Value, tracked: true);
        if (group is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        Show(group);
        if (!confirmArchive)
        {
            ModelState.AddModelError("ConfirmArchive", "Tick the box to confirm that you want to archive this group.");
            return Page();
        }

        if (!ModelState.TryDomain(() => group.Archive(time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        await db.SaveChangesAsync();
        listedCounts.Forget();
        logger.LogInformation(new EventId(5103, "GroupArchived"), "Group {GroupId} archived", group.Id);
        StatusMessage = $"The group \"{group.Name}\" was archived. It no longer takes members or new sessions.";
        return RedirectToPage("./Index");
    }

    private PageResult ShowConflict(Group current)
    {
        ModelState.Clear();
        Show(current);
        ModelState.AddModelError(string.Empty, ConflictMessage);
        return Page();
    }

    private void Show(Group group)
    {
        Current = Summary(group);
        Input = new InputModel
        {
            Name = group.Name,
            Description = group.Description,
            Topics = group.Topics.Select(t => t.Topic).ToList(),
            Format = group.Format,
            Location = group.Location,
            TimeZoneId = group.TimeZoneId,
            Capacity = group.Capacity,
            JoinPolicy = group.JoinPolicy,
            Listed = group.Listed,
            RequiresCoFacilitation = group.RequiresCoFacilitation,
            ConcurrencyStamp = group.ConcurrencyStamp,
        };
    }

    private static GroupSummary Summary(Group group) => new(group.Id, group.Name, group.Status, group.ArchivedUtc, group.CurrentAgreementVersion);

    private Task<Group?> LoadAsync(Guid id, bool tracked)
    {
        var query = db.Groups.Include(g => g.Topics).Where(g => g.Id == id);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

    public sealed record GroupSummary(Guid Id, string Name, GroupStatus Status, DateTime? ArchivedUtc, int AgreementVersion);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the group's name.")]
        [StringLength(Group.NameMaxLength, ErrorMessage = "The name must be at most {1} characters.")]
        [Display(Name = "Name")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Describe the group in a sentence or two.")]
        [StringLength(Group.DescriptionMaxLength, ErrorMessage = "The description must be at most {1} characters.")]
        [Display(Name = "Short description")]
        public string Description { get; set; } = string.Empty;

        [Display(Name = "Topics")]
        public List<Topic> Topics { get; set; } = [];

        [Display(Name = "Format")]
        public GroupFormat Format { get; set; } = GroupFormat.Online;

        [Required(ErrorMessage = "Enter where the group meets, or the name of its online room.")]
        [StringLength(Group.LocationMaxLength, ErrorMessage = "The location must be at most {1} characters.")]
        [Display(Name = "Location or online room")]
        public string Location { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose the group's time zone from the list.")]
        [StringLength(Group.TimeZoneMaxLength, ErrorMessage = "Choose the group's time zone from the list.")]
        [Display(Name = "Time zone")]
        public string TimeZoneId { get; set; } = PeerCircleClaims.DefaultTimeZone;

        [Range(Group.MinCapacity, Group.MaxCapacity, ErrorMessage = "Seats per session must be between {1} and {2}.")]
        [Display(Name = "Seats per session")]
        public int Capacity { get; set; } = 8;

        [Display(Name = "Who can join")]
        public JoinPolicy JoinPolicy { get; set; } = JoinPolicy.Open;

        [Display(Name = "Listed: members can find this group in the list of groups")]
        public bool Listed { get; set; } = true;

        [Display(Name = "Co-facilitation: every session needs two facilitators")]
        public bool RequiresCoFacilitation { get; set; }

        [StringLength(Group.AgreementMaxLength, ErrorMessage = "The agreement must be at most {1} characters.")]
        [Display(Name = "Group agreement (ground rules)")]
        public string? Agreement { get; set; }

        public Guid? ConcurrencyStamp { get; set; }
    }
}
