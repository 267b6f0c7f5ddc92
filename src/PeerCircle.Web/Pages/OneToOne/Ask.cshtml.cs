using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.OneToOne;

namespace PeerCircle.Web.Pages.OneToOne;

/// <summary>
/// A member asks for one-to-one support: topics, an optional language, when they are free, and an optional
/// short note that only the supporter they choose will read. Then they choose from up to three supporters.
/// </summary>
public sealed class AskModel(PeerCircleDbContext db, TimeProvider time, ILogger<AskModel> logger) : PageModel
{
    public static IReadOnlyList<string> TimeZones => Areas.Identity.Pages.Account.Manage.IndexModel.TimeZones;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var open = await db.SupportRequests.Where(r => r.MemberId == me && r.Status == SupportRequestStatus.Open).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            return RedirectToPage("./Choose", new { id = open });
        }

        // Start from the last request's answers ("ask for another supporter"), else the profile's time zone.
        var last = await db.SupportRequests.AsNoTracking().Where(r => r.MemberId == me).OrderByDescending(r => r.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
        if (last is not null)
        {
            Input.Topics = [.. last.Topics];
            Input.Language = last.Language;
            Input.Availability = AvailabilityInput.From(last.Availability);
        }
        else
        {
            Input.Availability.TimeZone = User.GetTimeZoneId();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = User.GetUserId();
        var hasOpen = await db.SupportRequests.AnyAsync(r => r.MemberId == me && r.Status == SupportRequestStatus.Open, cancellationToken);
        var hasActive = await db.Pairings.AnyAsync(p => p.MemberId == me && (p.Status == PairingStatus.Active || p.Status == PairingStatus.Asked), cancellationToken);
        SupportRequest? request = null;
        if (!ModelState.TryDomain(() =>
            {
                var availability = WeeklyAvailability.Create(Input.Availability.TimeZone, Input.Availability.ToWindows());
                request = SupportRequest.Create(me, hasOpen, hasActive, Input.Topics, string.IsNullOrEmpty(Input.Language) ? null : Input.Language,
                    availability, Input.Note, time.GetUtcNow().UtcDateTime);
            }) || request is null)
        {
            return Page();
        }

        db.SupportRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(new EventId(8001, "SupportRequested"), "Support request {RequestId} made by {UserId}", request.Id, me);
        return RedirectToPage("./Choose", new { id = request.Id });
    }

    public sealed class InputModel
    {
        public List<Topic> Topics { get; set; } = [];

        [Display(Name = "Language (optional)")]
        public string? Language { get; set; }

        public AvailabilityInput Availability { get; set; } = new();

        [StringLength(SupportRequest.NoteMaxLength, ErrorMessage = "Keep the note to {1} characters.")]
        [Display(Name = "Anything you'd like your supporter to know (optional; only the supporter you choose reads it)")]
        public string? Note { get; set; }
    }
}
