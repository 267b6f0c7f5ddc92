using Microsoft.AspNetCore.Authentication.Cookies;
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
    public const string CookieName = "__Host-PeerCircle";
    public const string DevelopmentCookieName = "PeerCircle.Dev";

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

        var accounts = builder.Configuration.GetSection("Accounts").Get<AccountOptions>() ?? new AccountOptions();
        var development = builder.Environment.IsDevelopment();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.AccessDeniedPath = "/Identity/Account/AccessDenied";
            // __Host- makes the browser refuse the cookie unless it is Secure, has Path=/ and no Domain, so no
            // subdomain or plain-http page can plant or overwrite it. A local run in Development is plain http
            // on localhost, where some browsers (Safari) drop Secure cookies: there the cookie has another
            // name and follows the request's scheme. Everywhere else (Testing and E2E included) it is Secure.
            options.Cookie.Name = development ? DevelopmentCookieName : CookieName;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.Cookie.Path = "/";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Idle timeout: sliding, renewed by any request in the second half of the window. The configured
            // value is the default; OnSigningIn gives each new session the admin setting's value.
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(accounts.IdleTimeoutMinutes);
            options.Events.OnSigningIn = SessionLimits.OnSigningIn;
            options.Events.OnValidatePrincipal = SessionLimits.OnValidatePrincipal;
        });

        // The cookie's clock and the security stamp check both read the app's TimeProvider, so tests can move time.
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((options, time) => options.TimeProvider = time)
            // After the cookie handler's own post-configuration has made the cookie's format: the same format,
            // remembering the cookies it has just read (RecentTicketFormat, issue 9).
            .PostConfigure<TimeProvider>((options, time) => options.TicketDataFormat = new RecentTicketFormat(options.TicketDataFormat, time));
        builder.Services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<TimeProvider>((options, time) =>
            {
                // "Sign out everywhere" and a password change reach other sessions within this interval.
                options.ValidationInterval = TimeSpan.FromMinutes(1);
                options.TimeProvider = time;
            });

        builder.Services.AddOptions<AccountOptions>()
            .Bind(builder.Configuration.GetSection("Accounts"))
            .Validate(o => o.MinimumAge is >= AgeRequirement.Lowest and <= AgeRequirement.Highest,
                $"Accounts:MinimumAge must be between {AgeRequirement.Lowest} and {AgeRequirement.Highest}.")
            .Validate(o => o.IdleTimeoutMinutes is >= 5 and <= 24 * 60, "Accounts:IdleTimeoutMinutes must be between 5 and 1440.")
            .Validate(o => o.AbsoluteLifetimeHours is >= 1 and <= 24 * 30, "Accounts:AbsoluteLifetimeHours must be between 1 and 720.")
            .ValidateOnStart();
        builder.Services.AddScoped<AccountEmails>();
        PublicLinks.AddPublicLinks(builder);
        return builder;
    }
}
