using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Sharing;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Calendar;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.OneToOne;
using PeerCircle.Web.Safeguarding;

namespace PeerCircle.Web.Pages.OneToOne;

/// <summary>
/// The private space of one pairing: messages (shares whose audience is the pair), check-ins, goals, and
/// ending. Only its two people may open it (anyone else, admins included, gets 404), and every handler
/// checks that the record it is given belongs to this pairing. Nothing new can be added once it has ended.
/// </summary>
public sealed class PairingModel(
    PeerCircleDbContext db, TimeProvider time, Notifier notifier, PairingSafety safety, RiskAlerts riskAlerts,
    ServiceSettingsProvider settings, ILogger<PairingModel> logger) : PageModel
{
    public Pairing Pairing { get; private set; } = null!;
    public bool IAmSupporter { get; private set; }
    public string OtherPseudonym { get; private set; } = string.Empty;
    public string MyPseudonym { get; private set; } = string.Empty;
    public IReadOnlyList<MessageView> Messages { get; private set; } = [];
    public IReadOnlyList<PairCheckIn> CheckIns { get; private set; } = [];
    public IReadOnlyList<Goal> Goals { get; private set; } = [];

    /// <summary>The member's private note, for the supporter only.</summary>
    public string? RequestNote { get; private set; }

    [BindProperty]
    public MessageInput Message { get; set; } = new();

    [BindProperty]
    public CheckInInput CheckIn { get; set; } = new();

    [BindProperty]
    public GoalInput NewGoal { get; set; } = new();

    [BindProperty]
    public StepInput NewStep { get; set; } = new();

    [BindProperty]
    public EndInput End { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMessageAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ClearOtherForms(nameof(Message));
        var now = time.GetUtcNow().UtcDateTime;
        Share? share = null;
        if (!ModelState.IsValid || !ModelState.TryDomain(() => share = Pairing.Message(User.GetUserId(), Message.Text ?? string.Empty, now)) || share is null)
        {
            return Page();
        }

        db.Shares.Add(share);
        notifier.Notify(Pairing.Other(share.AuthorId), PairingNotices.NewMessage, Url.Page("/OneToOne/Pairing", new { id }));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(8101, "PairMessagePosted"), "Share {ShareId} posted in pairing {PairingId}", share.Id, id);
        if (await safety.OnMessageSavedAsync(share, Pairing, cancellationToken))
        {
            return LocalRedirect(riskAlerts.InterstitialUrl(Url.Page("/OneToOne/Pairing", new { id })));
        }

        return RedirectToPage(null, null, new { id }, "messages");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid shareId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var share = await db.Shares.SingleOrDefaultAsync(s => s.Id == shareId && s.PairingId == id, cancellationToken);
        if (share is null)
        {
            return NotFound();
        }

        if (!ModelState.TryDomain(() => share.Withdraw(User.GetUserId(), time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(new EventId(8102, "PairMessageWithdrawn"), "Share {ShareId} withdrawn in pairing {PairingId}", share.Id, id);
        StatusMessage = "Your message was withdrawn. Its text is deleted.";
        return RedirectToPage(null, null, new { id }, "messages");
    }

    public async Task<IActionResult> OnPostProposeCheckInAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ClearOtherForms(nameof(CheckIn));
        // A post without the check-in fields binds nothing, so [Required] never runs: say so on the form.
        if (CheckIn.Date is null)
        {
            ModelState.AddModelError($"{nameof(CheckIn)}.{nameof(CheckInInput.Date)}", "Choose a date.");
        }

        if (CheckIn.Time is null)
        {
            ModelState.AddModelError($"{nameof(CheckIn)}.{nameof(CheckInInput.Time)}", "Choose a time.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var zone = User.GetTimeZoneId();
        PairCheckIn? checkIn = null;
        if (!ModelState.TryDomain(() => checkIn = Pairing.ProposeCheckIn(User.GetUserId(),
                Zones.ToUtc(CheckIn.Date!.Value.ToDateTime(CheckIn.Time!.Value), zone), CheckIn.DurationMinutes, now)) || checkIn is null)
        {
            return Page();
        }

        db.PairCheckIns.Add(checkIn);
        notifier.Notify(Pairing.Other(User.GetUserId()), PairingNotices.CheckInProposed, Url.Page("/OneToOne/Pairing", new { id }));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        StatusMessage = "Time proposed. It is booked once the other person accepts.";
        return RedirectToPage(null, null, new { id }, "check-ins");
    }

    public Task<IActionResult> OnPostAcceptCheckInAsync(Guid id, Guid checkInId, CancellationToken cancellationToken) =>
        AnswerCheckInAsync(id, checkInId, (c, me, now) => c.Accept(Pairing, me, now), "Booked. It is in both your calendars.", PairingNotices.CheckInAccepted, cancellationToken);

    public Task<IActionResult> OnPostDeclineCheckInAsync(Guid id, Guid checkInId, CancellationToken cancellationToken) =>
        AnswerCheckInAsync(id, checkInId, (c, me, now) => c.Decline(Pairing, me, now), "Declined. Either of you can propose another time.", null, cancellationToken);

    public Task<IActionResult> OnPostCancelCheckInAsync(Guid id, Guid checkInId, CancellationToken cancellationToken) =>
        AnswerCheckInAsync(id, checkInId, (c, me, now) => c.Cancel(Pairing, me, now), "Called off.", null, cancellationToken);

    /// <summary>The .ics of one booked check-in (discreet mode respected; the file name never says more than PeerCircle).</summary>
    public async Task<IActionResult> OnGetCalendarAsync(Guid id, Guid checkInId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var checkIn = CheckIns.SingleOrDefault(c => c.Id == checkInId && c.Status == PairCheckInStatus.Accepted);
        if (checkIn is null)
        {
            return NotFound();
        }

        var discreet = await db.Users.Where(u => u.Id == User.GetUserId()).Select(u => u.DiscreetMode).SingleAsync(cancellationToken);
        var entry = new CheckInCalendarEntry(checkIn.Id, checkIn.StartUtc, checkIn.DurationMinutes, OtherPseudonym,
            Url.Page("/OneToOne/Pairing", null, new { id }, Request.Scheme) ?? string.Empty);
        return File(SessionCalendar.Write([], [entry], discreet, time.GetUtcNow().UtcDateTime), SessionCalendar.ContentType, SessionCalendar.CheckInFileName);
    }

    public async Task<IActionResult> OnPostAddGoalAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ClearOtherForms(nameof(NewGoal));
        Goal? goal = null;
        if (!ModelState.IsValid
            || !ModelState.TryDomain(() => goal = Pairing.AddGoal(User.GetUserId(), NewGoal.Title, Goals.Count(g => g.AchievedUtc is null), time.GetUtcNow().UtcDateTime))
            || goal is null)
        {
            return Page();
        }

        db.Goals.Add(goal);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = "Goal added. Break it into small steps below.";
        return RedirectToPage(null, null, new { id }, "goals");
    }

    public async Task<IActionResult> OnPostAddStepAsync(Guid id, Guid goalId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ClearOtherForms(nameof(NewStep));
        var goal = await db.Goals.Include(g => g.Steps).SingleOrDefaultAsync(g => g.Id == goalId && g.PairingId == id, cancellationToken);
        if (goal is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid || !ModelState.TryDomain(() => goal.AddStep(Pairing, User.GetUserId(), NewStep.Text, time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(null, null, new { id }, "goals");
    }

    public async Task<IActionResult> OnPostStepAsync(Guid id, Guid goalId, Guid stepId, bool done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var goal = await db.Goals.Include(g => g.Steps).SingleOrDefaultAsync(g => g.Id == goalId && g.PairingId == id, cancellationToken);
        if (goal is null)
        {
            return NotFound();
        }

        if (!ModelState.TryDomain(() => goal.SetStepDone(Pairing, User.GetUserId(), stepId, done, time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = done ? $"Progress recorded: {goal.ProgressPercent}% of this goal." : "Step marked as not done.";
        return RedirectToPage(null, null, new { id }, "goals");
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        ClearOtherForms(nameof(End));
        var me = User.GetUserId();
        var now = time.GetUtcNow().UtcDateTime;
        var retention = (await settings.GetAsync(cancellationToken)).BoardRetentionDays;
        if (!ModelState.IsValid || !ModelState.TryDomain(() => Pairing.End(me, End.Reason, now, retention)))
        {
            return Page();
        }

        // Check-ins still to come are called off, so they leave both calendars.
        foreach (var checkIn in await db.PairCheckIns.Where(c => c.PairingId == id && c.StartUtc > now
                     && (c.Status == PairCheckInStatus.Proposed || c.Status == PairCheckInStatus.Accepted)).ToListAsync(cancellationToken))
        {
            checkIn.Cancel(Pairing, me, now);
        }

        var other = Pairing.Other(me);
        notifier.Notify(other, other == Pairing.MemberId ? PairingNotices.EndedForMember : PairingNotices.EndedForSupporter, Url.Page("/OneToOne/Pairing", new { id }));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(8103, "PairingEnded"), "Pairing {PairingId} ended by {UserId}", id, me);
        StatusMessage = me == Pairing.MemberId
            ? "The pairing has ended. You can ask for another supporter whenever you like."
            : "The pairing has ended. Thank you for the support you gave.";
        return RedirectToPage("/OneToOne/Index");
    }

    private async Task<IActionResult> AnswerCheckInAsync(Guid id, Guid checkInId, Action<PairCheckIn, Guid, DateTime> answer, string status, string? notice,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var checkIn = await db.PairCheckIns.SingleOrDefaultAsync(c => c.Id == checkInId && c.PairingId == id, cancellationToken);
        if (checkIn is null)
        {
            return NotFound();
        }

        var me = User.GetUserId();
        if (!ModelState.TryDomain(() => answer(checkIn, me, time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        if (notice is not null)
        {
            notifier.Notify(Pairing.Other(me), notice, Url.Page("/OneToOne/Pairing", new { id }));
        }

        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        StatusMessage = status;
        return RedirectToPage(null, null, new { id }, "check-ins");
    }

    /// <summary>Only the pair; the space exists once the supporter has accepted (asked, declined or withdrawn pairings answer 404 here).</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var me = User.GetUserId();
        var pairing = await PairingAccess.FindForAsync(db, id, me, cancellationToken, tracked);
        if (pairing is null || pairing.Status is not (PairingStatus.Active or PairingStatus.Ended))
        {
            return false;
        }

        Pairing = pairing;
        IAmSupporter = pairing.SupporterId == me;
        var names = await db.Users.AsNoTracking().Where(u => u.Id == pairing.MemberId || u.Id == pairing.SupporterId)
            .Select(u => new { u.Id, u.Pseudonym }).ToDictionaryAsync(u => u.Id, u => u.Pseudonym, cancellationToken);
        OtherPseudonym = names.GetValueOrDefault(pairing.Other(me)) ?? "Your peer";
        MyPseudonym = names.GetValueOrDefault(me) ?? string.Empty;
        var viewer = new PairViewer(me, id, pairing.Includes(me));
        Messages = await db.Shares.AsNoTracking()
            .Where(ShareVisibility.VisibleInPairing(viewer))
            .OrderBy(s => s.CreatedUtc)
            .Select(s => new MessageView(s.Id, s.AuthorId, s.Text, s.CreatedUtc, s.WithdrawnUtc != null, s.PurgedUtc != null))
            .ToListAsync(cancellationToken);
        CheckIns = await db.PairCheckIns.AsNoTracking().Where(c => c.PairingId == id).OrderBy(c => c.StartUtc).ToListAsync(cancellationToken);
        Goals = await db.Goals.AsNoTracking().Include(g => g.Steps).Where(g => g.PairingId == id).OrderBy(g => g.CreatedUtc).ToListAsync(cancellationToken);
        if (IAmSupporter)
        {
            RequestNote = await db.SupportRequests.Where(r => r.Id == pairing.RequestId).Select(r => r.Note).SingleOrDefaultAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>Each form on the page validates only its own fields.</summary>
    private void ClearOtherForms(string keep)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(keep + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    public sealed record MessageView(Guid Id, Guid AuthorId, string? Text, DateTime CreatedUtc, bool Withdrawn, bool Purged);

    public sealed class MessageInput
    {
        [Required(ErrorMessage = "Write a message.")]
        [StringLength(Share.TextMaxLength, ErrorMessage = "A message must be at most {1} characters.")]
        [Display(Name = "Your message")]
        public string? Text { get; set; }
    }

    public sealed class CheckInInput
    {
        [Required(ErrorMessage = "Choose a date.")]
        [Display(Name = "Date")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Choose a time.")]
        [Display(Name = "Time (your time zone)")]
        public TimeOnly? Time { get; set; }

        [Range(PairCheckIn.MinMinutes, PairCheckIn.MaxMinutes, ErrorMessage = "A check-in lasts from {1} to {2} minutes.")]
        [Display(Name = "Length in minutes")]
        public int DurationMinutes { get; set; } = 30;
    }

    public sealed class GoalInput
    {
        [Required(ErrorMessage = "Write the goal.")]
        [StringLength(Goal.TitleMaxLength, ErrorMessage = "A goal must be at most {1} characters.")]
        [Display(Name = "A goal for yourself")]
        public string? Title { get; set; }
    }

    public sealed class StepInput
    {
        [Required(ErrorMessage = "Write the step.")]
        [StringLength(Goal.StepMaxLength, ErrorMessage = "A step must be at most {1} characters.")]
        [Display(Name = "A small step")]
        public string? Text { get; set; }
    }

    public sealed class EndInput
    {
        [StringLength(Pairing.ReasonMaxLength, ErrorMessage = "Keep the reason to {1} characters.")]
        [Display(Name = "A few kind words about why (optional; only the other person sees them)")]
        public string? Reason { get; set; }
    }
}
