using Microsoft.AspNetCore.Identity;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;

namespace PeerCircle.Web.Seeding;

/// <summary>
/// Demo people for a local run (Seed:DemoData, on in Development). Idempotent: an account that
/// already exists is left as it is. All share the demo password, documented in the README.
/// </summary>
internal sealed class DemoDataSeeder(UserManager<ApplicationUser> users, TimeProvider time, ILogger<DemoDataSeeder> logger)
{
    public const string DemoPassword = "PeerCircle-demo-1";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@peercircle.test", "Ash", [Roles.Admin]),
        new("lead@peercircle.test", "Lee", [Roles.SafeguardingLead]),
        new("facilitator@peercircle.test", "Frankie", [Roles.Facilitator]),
        new("facilitator2@peercircle.test", "Robin", [Roles.Facilitator]),
        new("member@peercircle.test", "Sam", []),
        new("member2@peercircle.test", "Alex", []),
        new("member3@peercircle.test", "Jordan", []),
    ];

    public async Task SeedAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                Pseudonym = account.Pseudonym,
                CreatedUtc = now,
                AgeConfirmedUtc = now,
                AgeConfirmedMinimum = AgeRequirement.Default,
                Region = "GB",
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo account: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            }

            await users.AddToRolesAsync(user, [Roles.Member, .. account.Roles]);
        }

        logger.LogInformation(new EventId(1901, "DemoDataSeeded"), "Demo accounts are ready");
    }

    public sealed record DemoAccount(string Email, string Pseudonym, string[] Roles);
}
