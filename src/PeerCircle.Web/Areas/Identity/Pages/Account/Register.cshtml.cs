using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeerCircle.Data.Identity;
using PeerCircle.Domain;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Help;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sign up with email, password, pseudonym and the minimum-age confirmation. Whether an email is
/// already registered is never revealed on the page (being a member is itself sensitive): the owner
/// of that address gets an email instead.
/// </summary>
public sealed class RegisterModel(
    UserManager<ApplicationUser> users,
    AccountEmails emails,
    PublicLinks links,
    IOptions<AccountOptions> accountOptions,
    TimeProvider time,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public int MinimumAge => accountOptions.Value.MinimumAge;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
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
            ModelState.AddModelError("Input.Pseudonym", "That pseudonym is already taken. Please choose another.");
            return Page();
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var (field, message) = Describe(error);
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        await users.AddToRoleAsync(user, Roles.Member);
        logger.LogInformation(new EventId(1001, "AccountCreated"), "Account {UserId} created", user.Id);

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await emails.SendConfirmationAsync(user.Email, AccountLinks.ConfirmEmail(links, user.Id, token), cancellationToken);
        return RedirectToPage("./RegisterConfirmation");
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
