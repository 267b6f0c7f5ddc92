using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// Every account has a valid pseudonym that no one else uses (compared on its folded form).
/// The unique index on NormalizedPseudonym is the backstop for two sign-ups at the same moment.
/// </summary>
internal sealed class PseudonymUserValidator : IUserValidator<ApplicationUser>
{
    public const string DuplicateCode = "DuplicatePseudonym";
    public const string InvalidCode = "InvalidPseudonym";

    public async Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        if (!Pseudonym.TryParse(user.Pseudonym, out var pseudonym, out var error))
        {
            return IdentityResult.Failed(new IdentityError { Code = InvalidCode, Description = error });
        }

        user.Pseudonym = pseudonym.Value;
        user.NormalizedPseudonym = pseudonym.Normalized;
        var taken = await manager.Users.AnyAsync(u => u.NormalizedPseudonym == pseudonym.Normalized && u.Id != user.Id);
        return taken
            ? IdentityResult.Failed(new IdentityError { Code = DuplicateCode, Description = "That pseudonym is already taken. Please choose another." })
            : IdentityResult.Success;
    }
}
