using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>The app in the Development environment, as <c>dotnet run</c> starts it on plain http://localhost.</summary>
public sealed class DevelopmentAppFactory : PeerCircleAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public sealed class DevelopmentCookieTests(DevelopmentAppFactory app) : IClassFixture<DevelopmentAppFactory>
{
    [Fact]
    public async Task A_local_run_over_plain_http_signs_in_with_a_cookie_that_is_not_secure_only()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost"),
        });

        var response = await client.SignInAsync(user.Email, user.Password);

        response.AssertRedirectTo("/");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("PeerCircle.Dev=", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative))).StatusCode);
    }
}
