using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Groups;

/// <summary>
/// Join a group (or accept its new agreement) by reading the current agreement and accepting the
/// version read. Open groups admit at once; by-request groups wait for a facilitator.
/// </summary>
public sealed class JoinModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public const string ConflictMessage =
        "Your membership of this group was changed by someone else just now, so nothing was saved. Please check where things stand below and try again.";

    public JoinView Group { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new InputModel { AgreementVersion = Group.AgreementVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null || !group.IsActive)
        {
            return NotFound();
        }

        const string versionKey = $"{nameof(Input)}.{nameof(InputModel.AgreementVersion)}";
        if (ModelState.GetFieldValidationState(versionKey) == ModelValidationState.Invalid)
        {
            // Not something a browser sends from this form: start again from the current agreement.
            ModelState.Remove(versionKey);
            Input.AgreementVersion = group.CurrentAgreementVersion;
            ModelState.AddModelError(string.Empty, "Please read the group agreement below and accept it.");
        }

        if (!ModelState.IsValid)
        {
            return await PageAsync(id, cancellationToken);
        }

        var me = User.GetUserId();
        var now = time.GetUtcNow().UtcDateTime;
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == id && m.UserId == me, cancellationToken);
        var acceptingNewVersion = membership is { Status: MembershipStatus.Active or MembershipStatus.Pending }
            && membership.AcceptedAgreementVersion != group.CurrentAgreementVersion;
        var accepted = ModelState.TryDomain(() =>
        {
            if (membership is null)
            {
                membership = Membership.Join(group, me, Input.AgreementVersion, now);
                db.Memberships.Add(membership);
            }
            else if (acceptingNewVersion)
            {
                membership.AcceptAgreement(group, Input.AgreementVersion, now);
            }
            else
            {
                membership.Rejoin(group, Input.AgreementVersion, now);
            }
        });
        if (!accepted)
        {
            // Typically the agreement changed while the page was open: show the new text, to be read and accepted afresh.
            ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.AgreementVersion)}");
            ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.Accept)}");
            Input = new InputModel { AgreementVersion = group.CurrentAgreementVersion };
            return await PageAsync(id, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A facilitator decided the request or removed the member between reading and saving: show where things stand now.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, ConflictMessage);
            return await PageAsync(id, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A second click raced the first one past the unique (group, person) index.
            ModelState.AddModelError(string.Empty, "You have already asked to join this group.");
            return await PageAsync(id, cancellationToken);
        }

        StatusMessage = (acceptingNewVersion, membership!.Status) switch
        {
            (true, MembershipStatus.Active) => $"Thank you: you accepted version {group.CurrentAgreementVersion} of the group agreement. You can book sessions again.",
            (true, _) => $"Thank you: you accepted version {group.CurrentAgreementVersion} of the group agreement.",
            (_, MembershipStatus.Active) => "Welcome to the group! You can now book a seat in its sessions.",
            _ => "Thank you. A facilitator will look at your request to join, and we'll email you when they have decided.",
        };
        return RedirectToPage("/Groups/Details", new { id });
    }

    private async Task<IActionResult> PageAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var group = await db.Groups.AsNoTracking()
            .Where(g => g.Id == id && g.Status == GroupStatus.Active)
            .Select(g => new JoinView(
                g.Id, g.Name, g.JoinPolicy, g.CurrentAgreementVersion,
                g.Agreements.Where(a => a.Version == g.CurrentAgreementVersion).Select(a => a.Text).FirstOrDefault() ?? string.Empty,
                db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == me).Select(m => (MembershipStatus?)m.Status).FirstOrDefault(),
                db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == me).Select(m => (int?)m.AcceptedAgreementVersion).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return false;
        }

        Group = group;
        return true;
    }

    public sealed class InputModel
    {
        /// <summary>The version shown on the page: accepting it only counts if it is still the current one.</summary>
        public int AgreementVersion { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Tick the box to show that you have read and accept the group agreement.")]
        [Display(Name = "I have read the group agreement and I accept it")]
        public bool Accept { get; set; }
    }

    public sealed record JoinView(
        Guid Id, string Name, JoinPolicy JoinPolicy, int AgreementVersion, string AgreementText,
        MembershipStatus? MembershipStatus, int? AcceptedAgreementVersion)
    {
        public bool AcceptingNewVersion => MembershipStatus is Domain.Groups.MembershipStatus.Active or Domain.Groups.MembershipStatus.Pending
            && AcceptedAgreementVersion != AgreementVersion;
    }
}
