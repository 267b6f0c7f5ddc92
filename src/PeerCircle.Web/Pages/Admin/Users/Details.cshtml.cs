using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Areas.Identity.Pages.Account;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Admin.Users;

/// <summary>
/// One person as an admin sees them: roles, group memberships and account status (never anything
/// they shared). Roles are granted and removed, the account locked and unlocked, and the
/// confirmation email sent again; each is audited and shown in the person's own recent activity. A
/// role change or lock renews the person's security stamp, so their sessions are checked again within
/// a minute: they sign in again and get the new roles (or, locked, cannot).
/// </summary>
public sealed class DetailsModel(
    PeerCircleDbContext db, UserManager<ApplicationUser> users, AuditLog audit, AccountActivityLog activity, AccountEmails emails,
    PublicLinks links, TimeProvider time, ILogger<DetailsModel> logger) : PageModel
{
    private const string RecordType = "User";

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    [StringLength(AuditEntry.ReasonMaxLength, ErrorMessage = "Keep the reason under 500 characters.")]
    public string? Reason { get; set; }

    public Person? Shown { get; private set; }

    public IReadOnlyList<string> UserRoles { get; private set; } = [];

    public IReadOnlyList<MembershipRow> Memberships { get; private set; } = [];

    public bool IsMe { get; private set; }

    public IEnumerable<string> RolesToGrant => Roles.Assignable.Except(UserRoles);

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostGrantAsync(Guid id, string? role)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (!ModelState.TryDomain(() => Roles.EnsureAssignable(role ?? string.Empty)) || await users.IsInRoleAsync(user, role!))
        {
            StatusMessage = ModelState.IsValid ? $"Error: {user.Pseudonym} already has that role." : "Error: choose a role from the list.";
            return RedirectToPage(new { id });
        }

        // Added before the change, so Identity's save of the role writes the audit line with it.
        audit.Record(User.GetUserId(), AuditActions.RoleGranted, RecordType, user.Id, null, Roles.Describe(role!));
        activity.Add(user.Id, AccountActivityKind.RoleGranted, Roles.Describe(role!));
        var result = await users.AddToRoleAsync(user, role!);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            StatusMessage = "Error: the role could not be given. Please try again.";
            return RedirectToPage(new { id });
        }

        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation(new EventId(8001, "RoleGranted"), "Role {Role} granted to {UserId} by {ActorId}", role, user.Id, User.GetUserId());
        StatusMessage = $"{user.Pseudonym} is now a {Roles.Describe(role!).ToLowerInvariant()}. They will be asked to sign in again within a minute.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, string? role)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (role is null || !Roles.Assignable.Contains(role, StringComparer.Ordinal) || !await users.IsInRoleAsync(user, role))
        {
            StatusMessage = "Error: they don't have that role.";
            return RedirectToPage(new { id });
        }

        var admins = await AdminCountAsync();
        if (!ModelState.TryDomain(() => Roles.EnsureCanRemove(role, admins)))
        {
            StatusMessage = "Error: " + ModelState[string.Empty]!.Errors[0].ErrorMessage;
            return RedirectToPage(new { id });
        }

        audit.Record(User.GetUserId(), AuditActions.RoleRemoved, RecordType, user.Id, null, Roles.Describe(role));
        activity.Add(user.Id, AccountActivityKind.RoleRemoved, Roles.Describe(role));
        var result = await users.RemoveFromRoleAsync(user, role);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            StatusMessage = "Error: the role could not be removed. Please try again.";
            return RedirectToPage(new { id });
        }

        if (role == Roles.Admin && await AdminCountAsync() == 0)
        {
            // Two admins removed each other at the same moment: give this one back, the service keeps an admin.
            await users.AddToRoleAsync(user, role);
            StatusMessage = "Error: this is the last admin: make someone else an admin first.";
            return RedirectToPage(new { id });
        }

        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation(new EventId(8002, "RoleRemoved"), "Role {Role} removed from {UserId} by {ActorId}", role, user.Id, User.GetUserId());
        StatusMessage = $"{user.Pseudonym} is no longer a {Roles.Describe(role).ToLowerInvariant()}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLockAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (user.Id == User.GetUserId())
        {
            StatusMessage = "Error: you can't lock your own account.";
            return RedirectToPage(new { id });
        }

        if (!ModelState.IsValid)
        {
            await ShowAsync(id);
            return Page();
        }

        audit.Record(User.GetUserId(), AuditActions.UserLocked, RecordType, user.Id, null, Reason);
        activity.Add(user.Id, AccountActivityKind.LockedByAdmin);
        await users.SetLockoutEnabledAsync(user, true);
        // Locked until an admin unlocks it; the new stamp ends the sessions it has now.
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation(new EventId(8003, "AccountLockedByAdmin"), "Account {UserId} locked by {ActorId}", user.Id, User.GetUserId());
        StatusMessage = $"{user.Pseudonym}'s account is locked: they can't sign in until it is unlocked.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        audit.Record(User.GetUserId(), AuditActions.UserUnlocked, RecordType, user.Id, null, null);
        activity.Add(user.Id, AccountActivityKind.UnlockedByAdmin);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        logger.LogInformation(new EventId(8004, "AccountUnlockedByAdmin"), "Account {UserId} unlocked by {ActorId}", user.Id, User.GetUserId());
        StatusMessage = $"{user.Pseudonym}'s account is unlocked.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (user.EmailConfirmed || user.Email is null)
        {
            StatusMessage = "Error: their email address is already confirmed.";
            return RedirectToPage(new { id });
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await emails.SendConfirmationAsync(user.Email, AccountLinks.ConfirmEmail(links, user.Id, token), cancellationToken);
        audit.Record(User.GetUserId(), AuditActions.ConfirmationResent, RecordType, user.Id, null, null);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(new EventId(8005, "ConfirmationResent"), "Confirmation email sent again to {UserId} by {ActorId}", user.Id, User.GetUserId());
        StatusMessage = "The confirmation email was sent again.";
        return RedirectToPage(new { id });
    }

    private Task<int> AdminCountAsync() =>
        db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin));

    private async Task<bool> ShowAsync(Guid id)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var lastSignIn = await db.AccountActivities.AsNoTracking()
            .Where(a => a.UserId == id && a.Kind == AccountActivityKind.SignedIn)
            .OrderByDescending(a => a.AtUtc).Select(a => (DateTime?)a.AtUtc).FirstOrDefaultAsync();
        Shown = new Person(user.Id, user.Pseudonym, user.Email ?? string.Empty, user.EmailConfirmed, user.LockoutEnd > now,
            user.LockoutEnd == DateTimeOffset.MaxValue, user.TwoFactorEnabled, user.CreatedUtc, lastSignIn);
        IsMe = user.Id == User.GetUserId();
        UserRoles = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync();
        Memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == id)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Name, m.Status, m.RequestedUtc })
            .OrderBy(m => m.Name)
            .Select(m => new MembershipRow(m.Id, m.Name, m.Status, m.RequestedUtc))
            .ToListAsync();
        return true;
    }

    public sealed record Person(
        Guid Id, string Pseudonym, string Email, bool Confirmed, bool Locked, bool LockedByAdmin, bool TwoFactor, DateTime CreatedUtc, DateTime? LastSignInUtc);

    public sealed record MembershipRow(Guid GroupId, string GroupName, MembershipStatus Status, DateTime SinceUtc);
}
