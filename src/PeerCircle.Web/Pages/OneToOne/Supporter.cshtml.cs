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
/// A facilitator opts in as a one-to-one supporter (Facilitator role, PagesSetup; training valid today,
/// the domain): introduction, topics, languages, weekly availability in their time zone, caseload limit.
/// </summary>
public sealed class SupporterModel(PeerCircleDbContext db, TimeProvider time, SupporterDirectory directory, ILogger<SupporterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Exists { get; private set; }
    public bool TrainingValid { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        TrainingValid = await directory.TrainingValidTodayAsync(me, cancellationToken);
        var profile = await db.SupporterProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == me, cancellationToken);
        Exists = profile is not null;
        if (profile is null)
        {
            Input.Availability.TimeZone = User.GetTimeZoneId();
            return;
        }

        Input = new InputModel
        {
            Bio = profile.Bio,
            Topics = [.. profile.Topics],
            Languages = [.. profile.Languages],
            CaseloadLimit = profile.CaseloadLimit,
            IsAccepting = profile.IsAccepting,
            Availability = AvailabilityInput.From(profile.Availability),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        TrainingValid = await directory.TrainingValidTodayAsync(me, cancellationToken);
        var profile = await db.SupporterProfiles.SingleOrDefaultAsync(p => p.UserId == me, cancellationToken);
        Exists = profile is not null;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!ModelState.TryDomain(() =>
            {
                var details = new SupporterDetails(Input.Bio, Input.Topics, Input.Languages,
                    WeeklyAvailability.Create(Input.Availability.TimeZone, Input.Availability.ToWindows()), Input.CaseloadLimit, Input.IsAccepting);
                if (profile is null)
                {
                    db.SupporterProfiles.Add(SupporterProfile.OptIn(me, TrainingValid, details, now));
                }
                else
                {
                    profile.Update(TrainingValid, details, now);
                }
            }))
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(new EventId(8005, "SupporterProfileSaved"), "Supporter profile of {UserId} saved", me);
        StatusMessage = Input.IsAccepting ? "Saved. Members looking for support can now choose you." : "Saved. You are not taking new people for now.";
        return RedirectToPage("./Index");
    }

    public sealed class InputModel
    {
        [Display(Name = "A short introduction members see when choosing (no real name or contact details)")]
        [StringLength(SupporterProfile.BioMaxLength, ErrorMessage = "Keep the introduction to {1} characters.")]
        public string? Bio { get; set; }

        public List<Topic> Topics { get; set; } = [];

        public List<string> Languages { get; set; } = ["English"];

        public AvailabilityInput Availability { get; set; } = new();

        [Range(SupporterProfile.MinCaseload, SupporterProfile.MaxCaseload, ErrorMessage = "Choose from {1} to {2} people.")]
        [Display(Name = "How many people can you support at once?")]
        public int CaseloadLimit { get; set; } = 2;

        [Display(Name = "I'm taking new people")]
        public bool IsAccepting { get; set; } = true;
    }
}
