using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Facilitate;

/// <summary>My training records, and adding one (it counts once an admin has verified it).</summary>
public sealed class TrainingModel(PeerCircleDbContext db, TimeProvider time, ILogger<TrainingModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<RecordRow> Records { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await ShowAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        TrainingRecord? record = null;
        if (!ModelState.TryDomain(() => record = new TrainingRecord(User.GetUserId(), Input.Course, Input.Provider,
                Input.CompletedOn!.Value, Input.ExpiresOn!.Value, time.GetUtcNow().UtcDateTime)) || record is null)
        {
            return Page();
        }

        db.TrainingRecords.Add(record);
        await db.SaveChangesAsync();
        logger.LogInformation(new EventId(5402, "TrainingAdded"), "Training record {RecordId} added", record.Id);
        StatusMessage = $"\"{record.Course}\" is saved. It counts once an admin has verified it.";
        return RedirectToPage();
    }

    private async Task ShowAsync()
    {
        var me = User.GetUserId();
        Today = DateOnly.FromDateTime(Zones.ToLocal(time.GetUtcNow().UtcDateTime, User.GetTimeZoneId()));
        Records = await db.TrainingRecords.AsNoTracking().Where(t => t.UserId == me)
            .OrderByDescending(t => t.ExpiresOn)
            .Select(t => new RecordRow(t.Course, t.Provider, t.CompletedOn, t.ExpiresOn, t.VerifiedUtc))
            .ToListAsync();
    }

    public sealed record RecordRow(string Course, string Provider, DateOnly CompletedOn, DateOnly ExpiresOn, DateTime? VerifiedUtc);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the course.")]
        [StringLength(TrainingRecord.CourseMaxLength, ErrorMessage = "The course must be at most {1} characters.")]
        [Display(Name = "Course")]
        public string Course { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the training provider.")]
        [StringLength(TrainingRecord.ProviderMaxLength, ErrorMessage = "The training provider must be at most {1} characters.")]
        [Display(Name = "Training provider")]
        public string Provider { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the date you completed the course.")]
        [Display(Name = "Completed on")]
        public DateOnly? CompletedOn { get; set; }

        [Required(ErrorMessage = "Enter the date the certificate expires.")]
        [Display(Name = "Expires on")]
        public DateOnly? ExpiresOn { get; set; }
    }
}
