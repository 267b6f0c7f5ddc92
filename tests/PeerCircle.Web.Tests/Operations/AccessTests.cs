using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Operations;

/// <summary>Every page is denied to anonymous visitors unless it is public on purpose.</summary>
public sealed partial class AccessTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    /// <summary>The pages meant to be open without signing in. Adding one here is a decision, not a fix.</summary>
    private static readonly HashSet<string> s_public = new(StringComparer.OrdinalIgnoreCase)
    {
        "/", "/Error", "/Help",
        // The caring page after a risky post: no sign-in needed, like "Get help now" (the live room opens it too).
        "/Help/Support",
        "/Identity/Account/Login", "/Identity/Account/Register", "/Identity/Account/RegisterConfirmation",
        "/Identity/Account/ConfirmEmail", "/Identity/Account/ResendEmailConfirmation", "/Identity/Account/ForgotPassword",
        "/Identity/Account/ForgotPasswordConfirmation", "/Identity/Account/ResetPassword", "/Identity/Account/ResetPasswordConfirmation",
        "/Identity/Account/Lockout", "/Identity/Account/AccessDenied", "/Identity/Account/Logout",
        // The second sign-in step: Identity's two-factor cookie (set by the right password) says who it is for.
        "/Identity/Account/LoginWith2fa", "/Identity/Account/LoginWithRecoveryCode",
        // The link emailed to a new address; the token in it is the key.
        "/Identity/Account/ConfirmEmailChange",
        // Calendar apps send no cookie: the secret token in the address is the key (an unknown one is 404).
        "/Calendar/Feed/{token}",
    };

    private List<string> PageRoutes()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Select(r => r.EndsWith("/Index", StringComparison.Ordinal) ? r[..^"/Index".Length] : r)
            .Select(r => r.Length == 0 ? "/" : r)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>A request address for a route: parameters get a well-formed value that matches nothing.</summary>
    private static string Url(string route) => RouteParameter().Replace(route, m => m.Groups[1].Value switch
    {
        "id" => Guid.NewGuid().ToString(),
        var name when name.EndsWith("Id", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
        "token" => new string('A', 43),
        var name => name,
    });

    [GeneratedRegex(@"\{([a-zA-Z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public void The_app_has_pages_to_check()
    {
        var routes = PageRoutes();

        Assert.Contains("/Identity/Account/Manage", routes);
        Assert.Contains("/Groups/Details/{id:guid}", routes);
        Assert.Contains("/Calendar/Feed/{token}", routes);
        Assert.True(routes.Count >= s_public.Count + 2, string.Join(", ", routes));
    }

    [Fact]
    public async Task Anonymous_requests_to_every_non_public_page_are_sent_to_sign_in()
    {
        var client = app.CreateBrowserClient();
        var privatePages = PageRoutes().Where(r => !s_public.Contains(r)).ToList();
        Assert.NotEmpty(privatePages);

        foreach (var route in privatePages)
        {
            var response = await client.GetAsync(new Uri(Url(route), UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Identity/Account/Login?ReturnUrl=", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_public_page_opens_without_signing_in()
    {
        var client = app.CreateBrowserClient();

        foreach (var route in PageRoutes().Where(s_public.Contains))
        {
            var response = await client.GetAsync(new Uri(Url(route), UriKind.Relative));
            var expected = route switch
            {
                "/Error" => HttpStatusCode.InternalServerError, // opened directly it reports a generic failure
                "/Identity/Account/ResetPassword" => HttpStatusCode.BadRequest, // needs the code from the email
                "/Identity/Account/AccessDenied" => HttpStatusCode.Forbidden,
                // Without the password step first, back to the sign-in page.
                "/Identity/Account/LoginWith2fa" or "/Identity/Account/LoginWithRecoveryCode" => HttpStatusCode.Redirect,
                "/Calendar/Feed/{token}" => HttpStatusCode.NotFound, // a token nobody has
                _ => HttpStatusCode.OK,
            };
            Assert.True(response.StatusCode == expected, $"{route} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_public_page_is_in_the_list_on_purpose()
    {
        // A page that opens anonymously but is not in s_public would be an accidental hole.
        var client = app.CreateBrowserClient();

        foreach (var route in PageRoutes())
        {
            var response = await client.GetAsync(new Uri(Url(route), UriKind.Relative));
            var anonymous = !(response.StatusCode == HttpStatusCode.Redirect
                && (response.Headers.Location?.OriginalString ?? "").Contains("/Identity/Account/Login?ReturnUrl=", StringComparison.Ordinal));
            Assert.True(!anonymous || s_public.Contains(route), $"{route} is open to anonymous visitors but not listed as public");
        }
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/lib/bootstrap/css/bootstrap.min.css", "text/css")]
    [InlineData("/lib/bootstrap/js/bootstrap.bundle.min.js", "text/javascript")]
    public async Task Stylesheets_and_scripts_are_served_to_anonymous_visitors(string path, string contentType)
    {
        var response = await app.CreateBrowserClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_that_does_not_exist_gets_the_friendly_not_found_page()
    {
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We can&#x27;t find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
