using System.Net;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.ScaleOut;

/// <summary>
/// Two instances of the app over one database (issue 10's first step): the Data Protection key ring is
/// in the database, so a sign-in cookie and an antiforgery token made by one instance are accepted by
/// the other, with no sticky sessions.
/// </summary>
public sealed class SharedKeysTests : IDisposable
{
    private readonly PeerCircleAppFactory _a = new();
    private readonly PeerCircleAppFactory _b;

    public SharedKeysTests()
    {
        _b = new PeerCircleAppFactory().With("ConnectionStrings:Sqlite", $"Data Source={_a.DatabaseFile}");
    }

    [Fact]
    public async Task A_cookie_and_a_form_from_instance_A_work_on_instance_B()
    {
        var person = await _a.PersonAsync();
        var (onA, user) = (person.Client, person.User);
        var cookies = person.CookieHeader;
        var form = await onA.GetStringAsync(new Uri("/Identity/Account/Manage", UriKind.Relative));
        var token = HttpClientFormExtensions.AntiforgeryToken(form)!;

        using var onB = _b.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/Identity/Account/Manage", UriKind.Relative));
        page.Headers.Add("Cookie", cookies);
        var response = await onB.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(user.Pseudonym, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A form rendered by A (its antiforgery token and cookie) is accepted by B: signing out works there.
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/Identity/Account/Logout", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", cookies);
        var signedOut = await onB.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // Without a shared key ring B would have refused both: the forged token shows B does check.
        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri("/Identity/Account/Logout", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", "CfDJ8" + new string('A', 100))]),
        };
        forged.Headers.Add("Cookie", cookies);
        Assert.Equal(HttpStatusCode.BadRequest, (await onB.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Both_instances_use_one_key_stored_in_the_database()
    {
        var onA = (await _a.PersonAsync()).Client;
        using var onB = _b.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        await onB.GetAsync(new Uri("/Identity/Account/Login", UriKind.Relative));

        var keys = await _a.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DataProtectionKeys));
        Assert.Equal(1, keys);
        Assert.NotNull(onA);
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }
}
