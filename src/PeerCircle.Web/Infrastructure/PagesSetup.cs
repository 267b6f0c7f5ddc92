using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PeerCircle.Domain.Accounts;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// Who may open which page is decided here, in one place. Every page needs a signed-in person
/// unless it is listed in <see cref="PublicPages"/>; folders add their role on top.
/// </summary>
internal static class PagesSetup
{
    public const string AdminPolicy = "Admin";
    public const string FacilitatorPolicy = "Facilitator";
    public const string SafeguardingPolicy = "SafeguardingLead";

    /// <summary>Pages anyone may open without signing in, on purpose.</summary>
    /// <remarks>/Help/Support is the caring page after a risky post (the live room opens it too). /Calendar/Feed is reached by calendar apps with the secret token in its address, not a cookie.</remarks>
    public static readonly IReadOnlyList<string> PublicPages = ["/Index", "/Error", "/Help/Index", "/Help/Support", "/Calendar/Feed"];

    /// <summary>Identity pages (area "Identity") anyone may open without signing in.</summary>
    public static readonly IReadOnlyList<string> PublicAccountPages =
    [
        "/Account/Login", "/Account/Register", "/Account/RegisterConfirmation", "/Account/ConfirmEmail",
        "/Account/ResendEmailConfirmation", "/Account/ForgotPassword", "/Account/ForgotPasswordConfirmation",
        "/Account/ResetPassword", "/Account/ResetPasswordConfirmation", "/Account/Lockout",
        "/Account/AccessDenied", "/Account/Logout",
        // Between the password and the second factor: Identity's two-factor cookie says who is signing in.
        "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode",
        // Opened from the email sent to the new address, perhaps on another device.
        "/Account/ConfirmEmailChange",
    ];

    public static WebApplicationBuilder AddPeerCirclePages(this WebApplicationBuilder builder)
    {
        // The group list's remembered counts, one set per instance (issue 9).
        builder.Services.AddSingleton<Pages.Groups.ListedGroupCounts>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(FacilitatorPolicy, p => p.RequireRole(Roles.Facilitator))
            .AddPolicy(SafeguardingPolicy, p => p.RequireRole(Roles.SafeguardingLead));

        builder.Services.AddRazorPages(options =>
        {
            var conventions = options.Conventions;
            foreach (var page in PublicPages)
            {
                conventions.AllowAnonymousToPage(page);
            }

            foreach (var page in PublicAccountPages)
            {
                conventions.AllowAnonymousToAreaPage("Identity", page);
            }

            conventions.AuthorizeFolder("/Admin", AdminPolicy);
            conventions.AuthorizeFolder("/Facilitate", FacilitatorPolicy);
            conventions.AuthorizeFolder("/Safeguarding", SafeguardingPolicy);
            // Offering one-to-one support is for facilitators; the rest of /OneToOne is for any signed-in
            // person, and each page lets in only the people of that request or pairing (others get 404).
            conventions.AuthorizePage("/OneToOne/Supporter", FacilitatorPolicy);
            conventions.AuthorizeAreaFolder("Identity", "/Account/Manage");

            foreach (var page in (string[])["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode"])
            {
                RateLimit(conventions, page, SecuritySetup.SignInPolicy);
            }

            foreach (var page in (string[])["/Groups/Board/New", "/Groups/Board/Thread", "/Groups/Board/ReportPost", "/OneToOne/Pairing"])
            {
                conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(SecuritySetup.PostingPolicy)));
            }

            conventions.AddPageApplicationModelConvention("/Concerns/Worried", model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(SecuritySetup.ReportingPolicy)));

            foreach (var page in (string[])["/Account/Register", "/Account/ForgotPassword", "/Account/ResendEmailConfirmation", "/Account/Manage/Email"])
            {
                RateLimit(conventions, page, SecuritySetup.AccountEmailsPolicy);
            }
        })
        // No client-side validation library is shipped (validation is the server's), and with client
        // validation on, a valid asp-validation-summary="All" renders <li style="display:none">, an
        // inline style the Content-Security-Policy blocks (a console error on every such page).
        .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false)
        // A garbled checkbox value is a validation message, not a 500 (see the filter).
        .AddMvcOptions(options => options.Filters.Add(new UnreadableCheckboxFilter()));
        // A whole page is written to the connection at once (issue 9).
        builder.Services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Mvc.Infrastructure.IHttpResponseStreamWriterFactory, WholePageResponseWriter>());
        return builder;
    }

    private static void RateLimit(PageConventionCollection conventions, string page, string policy) =>
        conventions.AddAreaPageApplicationModelConvention("Identity", page,
            model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
}
