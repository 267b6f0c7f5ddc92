using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Administration;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Help;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sign up with email, password, pseudonym and the minimum-age confirmation. Whether an email is
/// already registered is never revealed on the page (being a member is itself sensitive): the owner
/// of that address gets an email instead. While sign-up is by invitation (an admin setting), the page
/// needs an open invitation link (<c>?invitation=…</c>); the invitation is claimed with one conditional
/// UPDATE just before the account is made, so each link makes at most one account.
/// </summary>
public sealed class RegisterModel(
    UserManager<ApplicationUser> users,
    PeerCircleDbContext db,
    AccountEmails emails,
    PublicLinks links,
    ServiceSettingsProvider settings,
    TimeProvider time,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The token of an admin's invitation link, when sign-up is by invitation.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Invitation { get; set; }

    public int MinimumAge { get; private set; } = AgeRequirement.Default;

    public bool ByInvitation { get; private set; }

    /// <summary>Why the form is not shown: sign-up is by invitation and the link is missing, used or expired.</summary>
    public string? InvitationProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (InvitationProblem is not null)
        {
            ModelState.AddModelError(string.Empty, InvitationProblem);
            return Page();
        }

        if (!Pseudonym.TryParse(Input.Pseudonym, out var pseudonym, out var pseudonymError))
        {
            ModelState.AddModelError("Input.Pseudonym", pseudonymError);
        }

        try
        {
            new AgeRequirement(MinimumAge).EnsureConfirmed(Input.ConfirmAge);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("Input.ConfirmAge", ex.Message);
        }

        if (!ModelState.IsValid || pseudonym is null)
        {
            return Page();
        }

        if (await users.Users.AnyAsync(u => u.NormalizedPseudonym == pseudonym.Normalized, cancellationToken))
        {
            ModelState.AddModelError("Input.Pseudonym", "That pseudonym is already taken. Please choose another.");
            return Page();
        }

        var existing = await users.FindByEmailAsync(Input.Email);
        if (existing is not null)
        {
            await emails.SendAlreadyRegisteredAsync(existing.Email!, AccountLinks.SignIn(links), AccountLinks.ForgotPassword(links), cancellationToken);
            return RedirectToPage("./RegisterConfirmation");
        }

        var now = time.GetUtcNow().UtcDateTime;
        Guid? invitationId = null;
        if (ByInvitation)
        {
            invitationId = await ClaimInvitationAsync(now, cancellationToken);
            if (invitationId is null)
            {
                ModelState.AddModelError(string.Empty, "This invitation link has just been used. Ask whoever invited you for a new one.");
                return Page();
            }
        }

        var user = new ApplicationUser
        {
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            Pseudonym = pseudonym.Value,
            NormalizedPseudonym = pseudonym.Normalized,
            CreatedUtc = now,
            AgeConfirmedUtc = now,
            AgeConfirmedMinimum = MinimumAge,
            Region = HelpRegions.FromAcceptLanguage(Request.Headers.AcceptLanguage),
        };

        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, Input.Password);
        }
        catch (DbUpdateException)
        {
            // Someone took the same pseudonym at the same moment: the unique index said no.
            await ReleaseInvitationAsync(invitationId, cancellationToken);
            ModelState.AddModelError("Input.Pseudonym", "That pseudonym is already taken. Please choose another.");
            return Page();
        }

        if (!result.Succeeded)
        {
            await ReleaseInvitationAsync(invitationId, cancellationToken);
            foreach (var error in result.Errors)
            {
                var (field, message) = Describe(error);
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        await users.AddToRoleAsync(user, Roles.Member);
        logger.LogInformation(new EventId(1001, "AccountCreated"), "Account {UserId} created", user.Id);
        if (invitationId is { } used)
        {
            await db.Invitations.Where(i => i.Id == used).ExecuteUpdateAsync(u => u.SetProperty(i => i.UsedBy, user.Id), cancellationToken);
            logger.LogInformation(new EventId(8203, "InvitationUsed"), "Invitation {InvitationId} used by {UserId}", used, user.Id);
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await emails.SendConfirmationAsync(user.Email, AccountLinks.ConfirmEmail(links, user.Id, token), cancellationToken);
        return RedirectToPage("./RegisterConfirmation");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        MinimumAge = current.MinimumAge;
        ByInvitation = current.SignUp == SignUpMode.InvitationOnly;
        if (!ByInvitation)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(Invitation) || Invitation.Length > 100)
        {
            InvitationProblem = "Joining PeerCircle is by invitation at the moment. Please use the invitation link you were sent.";
            return;
        }

        var hash = Domain.Administration.Invitation.Hash(Invitation);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            InvitationProblem = "That invitation link isn't one we know. Check you copied all of it, or ask for a new one.";
            return;
        }

        try
        {
            invitation.EnsureOpen(time.GetUtcNow().UtcDateTime);
        }
        catch (DomainException ex)
        {
            InvitationProblem = ex.Message;
        }
    }

    /// <summary>Claims the invitation: of two sign-ups with the same link at once, only one changes the row.</summary>
    private async Task<Guid?> ClaimInvitationAsync(DateTime now, CancellationToken cancellationToken)
    {
        var hash = Domain.Administration.Invitation.Hash(Invitation ?? string.Empty);
        var claimed = await db.Invitations
            .Where(i => i.TokenHash == hash && i.UsedUtc == null && i.RevokedUtc == null && i.ExpiresUtc > now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.UsedUtc, now), cancellationToken);
        return claimed == 1
            ? await db.Invitations.Where(i => i.TokenHash == hash).Select(i => (Guid?)i.Id).SingleAsync(cancellationToken)
            : null;
    }

    /// <summary>The account was not made after all: the link works again.</summary>
    private async Task ReleaseInvitationAsync(Guid? invitationId, CancellationToken cancellationToken)
    {
        if (invitationId is { } id)
        {
            await db.Invitations.Where(i => i.Id == id && i.UsedBy == null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.UsedUtc, (DateTime?)null), cancellationToken);
        }
    }

    private static (string Field, string Message) Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.InvalidUserName) or nameof(IdentityErrorDescriber.InvalidEmail) =>
            ("Input.Email", "Please use an email address made of plain letters, numbers and . _ - + @."),
        PseudonymUserValidator.DuplicateCode or PseudonymUserValidator.InvalidCode => ("Input.Pseudonym", error.Description),
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => ("Input.Password", error.Description),
        _ => (string.Empty, error.Description),
    };

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "That email address is too long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a pseudonym: the name other members will see instead of your real name.")]
        [StringLength(200, ErrorMessage = "Your pseudonym must be between 3 and 32 characters long.")]
        [Display(Name = "Pseudonym")]
        public string Pseudonym { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(IdentitySetup.PasswordMaxLength, MinimumLength = IdentitySetup.PasswordMinLength,
            ErrorMessage = "Your password must be at least {2} and at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Type your password again.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords don't match.")]
        public string ConfirmPassword { get; set; } = string.Empty;

        public bool ConfirmAge { get; set; }
    }
}
