using Microsoft.AspNetCore.Identity;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Accounts;

namespace PeerCircle.Web.Infrastructure;

internal static class IdentitySetup
{
    public const int MaxFailedAccessAttempts = 5;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    public static WebApplicationBuilder AddPeerCircleIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<ApplicationUser, IdentityRole<Guid>>(options =>
            {
                // Length over composition rules (NIST SP 800-63B): at least 8 characters, anything allowed.
                options.Password.RequiredLength = PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                options.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;

                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<PeerCircleDbContext>()
            .AddDefaultTokenProviders()
            .AddUserValidator<PseudonymUserValidator>()
            .AddClaimsPrincipalFactory<PeerCircleClaimsFactory>();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.AccessDeniedPath = "/Identity/Account/AccessDenied";
            options.Cookie.Name = ".PeerCircle.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        builder.Services.AddOptions<AccountOptions>()
            .Bind(builder.Configuration.GetSection("Accounts"))
            .Validate(o => o.MinimumAge is >= AgeRequirement.Lowest and <= AgeRequirement.Highest,
                $"Accounts:MinimumAge must be between {AgeRequirement.Lowest} and {AgeRequirement.Highest}.")
            .ValidateOnStart();
        builder.Services.AddScoped<AccountEmails>();
        PublicLinks.AddPublicLinks(builder);
        return builder;
    }
}
