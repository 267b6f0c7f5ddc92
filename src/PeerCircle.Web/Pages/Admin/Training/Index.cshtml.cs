using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Admin.Training;

/// <summary>Facilitators' training records: the ones waiting for an admin to verify them, then all of them.</summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time, ILogger<IndexModel> logger) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<RecordRow> Records { get; private set; } = [];

    public IEnumerable<RecordRow> Awaiting => Records.Where(r => r.VerifiedUtc is null);

    public DateOnly Today { get; private set; }

    public Guid Me { get; private set; }

    public async Task OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostVerifyAsync(Guid recordId)
    {
        var record = await db.TrainingRecords.SingleOrDefaultAsync(t => t.Id == recordId);
        if (record is null)
        {
            return NotFound();
        }

        if (record.IsVerified)
        {
            StatusMessage = "That record was already verified.";
            return RedirectToPage();
        }

        if (!ModelState.TryDomain(() => record.Verify(User.GetUserId(), time.GetUtcNow().UtcDateTime)))
        {
            await ShowAsync();
            return Page();
        }

        await db.SaveChangesAsync();
        logger.LogInformation(new EventId(5301, "TrainingVerified"), "Training record {RecordId} verified", record.Id);
        StatusMessage = $"The record \"{record.Course}\" is verified.";
        return RedirectToPage();
    }

    private async Task ShowAsync()
    {
        Me = User.GetUserId();
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rows = await db.TrainingRecords.AsNoTracking()
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new
            {
                t.Id, t.UserId, u.Pseudonym, Email = u.Email ?? string.Empty, t.Course, t.Provider, t.CompletedOn, t.ExpiresOn, t.CreatedUtc, t.VerifiedUtc, t.VerifiedBy,
            })
            .OrderBy(r => r.Pseudonym).ThenByDescending(r => r.ExpiresOn)
            .ToListAsync();
        var verifiers = await Facilitation.StaffQueries.PseudonymsAsync(db, rows.Where(r => r.VerifiedBy != null).Select(r => r.VerifiedBy!.Value));
        Records = rows.Select(r => new RecordRow(r.Id, r.UserId, r.Pseudonym, r.Email, r.Course, r.Provider, r.CompletedOn, r.ExpiresOn, r.CreatedUtc,
                r.VerifiedUtc, r.VerifiedBy is { } by ? verifiers.GetValueOrDefault(by, "an admin") : null))
            .ToList();
    }

    public sealed record RecordRow(
        Guid Id, Guid UserId, string Pseudonym, string Email, string Course, string Provider, DateOnly CompletedOn, DateOnly ExpiresOn,
        DateTime CreatedUtc, DateTime? VerifiedUtc, string? VerifiedBy);
}
