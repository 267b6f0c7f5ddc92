using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// The antiforgery system remembers the form tokens it has just made (issue 9): the same token again for the same
/// cookie and the same person within a minute, never for another person or a new cookie, and every posted form is
/// still checked by the framework.
/// </summary>
public sealed class RecentAntiforgeryTokensTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string CookieName = "af";

    [Fact]
    public void The_same_cookie_and_person_within_the_minute_get_the_token_made_first_and_the_page_is_still_not_cached()
    {
        var (tokens, inner, _) = Tokens();

        var first = tokens.GetAndStoreTokens(Request("cookie-a", "alice"));
        var again = Request("cookie-a", "alice");
        var second = tokens.GetAndStoreTokens(again);

        Assert.Equal(1, inner.Made);
        Assert.Equal(first.RequestToken, second.RequestToken);
        Assert.Null(second.CookieToken);
        Assert.Equal("__RequestVerificationToken", second.FormFieldName);
        Assert.Equal("no-cache, no-store", again.Response.Headers.CacheControl.ToString());
        Assert.Equal("no-cache", again.Response.Headers.Pragma.ToString());
    }

    [Fact]
    public void Another_person_anonymous_visitors_and_another_cookie_get_tokens_of_their_own()
    {
        var (tokens, inner, _) = Tokens();

        var alice = tokens.GetAndStoreTokens(Request("cookie-a", "alice"));
        var bob = tokens.GetAndStoreTokens(Request("cookie-a", "bob"));
        var nobody = tokens.GetAndStoreTokens(Request("cookie-a", null));
        var otherCookie = tokens.GetAndStoreTokens(Request("cookie-b", "alice"));

        Assert.Equal(4, inner.Made);
        Assert.Equal(4, new[] { alice, bob, nobody, otherCookie }.Select(t => t.RequestToken).Distinct().Count());
        Assert.Equal(nobody.RequestToken, tokens.GetAndStoreTokens(Request("cookie-a", null)).RequestToken);
        Assert.Equal(4, inner.Made);
    }

    [Fact]
    public void Nothing_is_remembered_without_a_kept_cookie_or_a_known_id_claim_and_after_a_minute_a_token_is_made_again()
    {
        var (tokens, inner, clock) = Tokens();

        // No cookie; a cookie the framework replaced (it sends a new one); an id the framework reads from elsewhere.
        tokens.GetAndStoreTokens(Request(null, "alice"));
        tokens.GetAndStoreTokens(Request(null, "alice"));
        tokens.GetAndStoreTokens(Request("replaced", "alice"));
        tokens.GetAndStoreTokens(Request("replaced", "alice"));
        var withSub = Request("cookie-a", "alice");
        ((ClaimsIdentity)withSub.User.Identity!).AddClaim(new Claim("sub", "someone"));
        tokens.GetAndStoreTokens(withSub);
        tokens.GetAndStoreTokens(withSub);
        Assert.Equal(6, inner.Made);
        Assert.Equal(0, tokens.Count);

        tokens.GetAndStoreTokens(Request("cookie-a", "alice"));
        clock.Advance(RecentAntiforgeryTokens.Lifetime - TimeSpan.FromSeconds(1));
        tokens.GetAndStoreTokens(Request("cookie-a", "alice"));
        Assert.Equal(7, inner.Made);
        clock.Advance(TimeSpan.FromSeconds(1));
        tokens.GetAndStoreTokens(Request("cookie-a", "alice"));
        Assert.Equal(8, inner.Made);

        for (var i = 0; i < RecentAntiforgeryTokens.Capacity + 10; i++)
        {
            tokens.GetAndStoreTokens(Request($"cookie-{i}", "alice"));
        }

        Assert.InRange(tokens.Count, 1, RecentAntiforgeryTokens.Capacity);
    }

    [Fact]
    public async Task A_post_the_framework_accepted_is_accepted_again_for_the_same_cookie_token_and_person_within_the_minute()
    {
        var (tokens, inner, clock) = Tokens();

        await tokens.ValidateRequestAsync(Post("cookie-a", "good-1", "alice"));
        await tokens.ValidateRequestAsync(Post("cookie-a", "good-1", "alice"));
        Assert.True(await tokens.IsRequestValidAsync(Post("cookie-a", "good-1", "alice")));
        Assert.Equal(1, inner.Checked);

        // Anything else is the framework's to check: another token, cookie or person, or after a minute.
        await tokens.ValidateRequestAsync(Post("cookie-a", "good-2", "alice"));
        await tokens.ValidateRequestAsync(Post("cookie-b", "good-1", "alice"));
        await tokens.ValidateRequestAsync(Post("cookie-a", "good-1", "bob"));
        await tokens.ValidateRequestAsync(Post("cookie-a", "good-1", null));
        Assert.Equal(5, inner.Checked);
        clock.Advance(RecentAntiforgeryTokens.Lifetime);
        await tokens.ValidateRequestAsync(Post("cookie-a", "good-1", "alice"));
        Assert.Equal(6, inner.Checked);
    }

    [Fact]
    public async Task A_refused_post_is_refused_every_time_and_never_remembered()
    {
        var (tokens, inner, _) = Tokens();

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<AntiforgeryValidationException>(() => tokens.ValidateRequestAsync(Post("cookie-a", "forged", "alice")));
            Assert.False(await tokens.IsRequestValidAsync(Post("cookie-a", "forged", "alice")));
        }

        // No token, no cookie, a form that is not a form: nothing to remember by, so always the framework's.
        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => tokens.ValidateRequestAsync(Post("cookie-a", null, "alice")));
        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => tokens.ValidateRequestAsync(Post(null, "good-1", "alice")));
        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => tokens.ValidateRequestAsync(Post(null, "good-1", "alice")));
        Assert.Equal(7, inner.Checked);
        Assert.Equal(0, tokens.AcceptedCount);
    }

    [Fact]
    public async Task In_the_app_a_post_is_refused_with_someone_else_s_cookie_and_token_even_just_after_they_were_accepted_from_them()
    {
        var alice = await RawSignInAsync();
        var bob = await RawSignInAsync();
        var group = await app.CreateGroupAsync();
        await app.AddMemberAsync(group.Id, alice.User.Id, bob.User.Id);
        var page = $"/Groups/Details/{group.Id}";
        var aliceToken = await TokenAsync(alice.Cookies, page);

        // Alice's own post, twice: past the check both times (the second from memory), to a booking she does not have.
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await PostAsync(alice.Cookies, $"/Sessions/Mine?handler=Cancel&sessionId={Guid.NewGuid()}", aliceToken);
            Assert.NotEqual(HttpStatusCode.BadRequest, accepted.StatusCode);
        }

        // Bob's sign-in with Alice's antiforgery cookie and token: the framework's check, refused; nothing changes.
        var mixed = $"{bob.Cookies.Split("; ")[0]}; {alice.Cookies.Split("; ")[1]}";
        using (var refused = await PostAsync(mixed, $"{page}?handler=Leave", aliceToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Equal(MembershipStatus.Active, (await app.MembershipAsync(group.Id, bob.User.Id))!.Status);

        // Alice's token with one character changed: refused.
        var changed = aliceToken[..^2] + (aliceToken[^2] == 'A' ? 'B' : 'A') + aliceToken[^1];
        using (var tampered = await PostAsync(alice.Cookies, $"{page}?handler=Leave", changed))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        }

        Assert.Equal(MembershipStatus.Active, (await app.MembershipAsync(group.Id, alice.User.Id))!.Status);
    }

    /// <summary>Signs a new person in without a cookie container: their sign-in cookie and antiforgery cookie, as one Cookie header.</summary>
    private async Task<(TestUser User, string Cookies)> RawSignInAsync()
    {
        var user = await app.CreateUserAsync();
        using var client = RawClient();
        using var login = await client.GetAsync(new Uri("/Identity/Account/Login", UriKind.Relative));
        var antiforgery = CookieFrom(login, "__Host-PeerCircle.Af=");
        var token = HttpClientFormExtensions.AntiforgeryToken(await login.Content.ReadAsStringAsync())!;
        using var content = new FormUrlEncodedContent([new("Input.Email", user.Email), new("Input.Password", user.Password), new("__RequestVerificationToken", token)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/Identity/Account/Login", UriKind.Relative)) { Content = content };
        request.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (user, $"{CookieFrom(signedIn, "__Host-PeerCircle=")}; {antiforgery}");
    }

    private async Task<string> TokenAsync(string cookies, string page)
    {
        using var client = RawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(page, UriKind.Relative));
        request.Headers.Add("Cookie", cookies);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HttpClientFormExtensions.AntiforgeryToken(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> PostAsync(string cookies, string url, string token)
    {
        using var client = RawClient();
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = content };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    private HttpClient RawClient() => app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost"),
    });

    private static string CookieFrom(HttpResponseMessage response, string prefix) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(prefix, StringComparison.Ordinal)).Split(';')[0];

    private static DefaultHttpContext Post(string? cookie, string? token, string? person)
    {
        var context = Request(cookie, person);
        context.Request.Method = "POST";
        if (token is not null)
        {
            context.Request.Headers["RequestVerificationToken"] = token;
        }

        return context;
    }

    [Fact]
    public async Task In_the_app_a_member_s_pages_give_one_token_that_their_forms_accept_and_the_one_from_before_signing_in_is_refused()
    {
        Assert.IsType<RecentAntiforgeryTokens>(app.Services.GetRequiredService<IAntiforgery>());
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();
        // The first visit sets the antiforgery cookie; from the second, the visitor's token is remembered for "nobody".
        await client.FormTokenAsync("/Identity/Account/Login");
        var anonymous = await client.FormTokenAsync("/Identity/Account/Login");
        Assert.Equal(anonymous, await client.FormTokenAsync("/Identity/Account/Login"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Identity/Account/Login", anonymous,
            [new("Input.Email", user.Email), new("Input.Password", user.Password)])).StatusCode);
        var group = await app.CreateGroupAsync();
        await app.AddMemberAsync(group.Id, user.Id);
        var page = $"/Groups/Details/{group.Id}";

        var first = await client.FormTokenAsync(page);
        var second = await client.FormTokenAsync(page);
        Assert.Equal(first, second);
        Assert.NotEqual(anonymous, first);

        // The token made before signing in is bound to nobody: the framework refuses it from a signed-in member.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync($"{page}?handler=Leave", anonymous)).StatusCode);
        Assert.Equal(MembershipStatus.Active, (await app.MembershipAsync(group.Id, user.Id))!.Status);
        (await client.PostFormAsync($"{page}?handler=Leave", second)).AssertRedirectTo(page);
        Assert.Equal(MembershipStatus.Left, (await app.MembershipAsync(group.Id, user.Id))!.Status);
    }

    private static (RecentAntiforgeryTokens Tokens, CountingAntiforgery Inner, FakeTimeProvider Clock) Tokens()
    {
        var inner = new CountingAntiforgery();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new AntiforgeryOptions { Cookie = { Name = CookieName } });
        return (new RecentAntiforgeryTokens(inner, options, clock), inner, clock);
    }

    private static DefaultHttpContext Request(string? cookie, string? person)
    {
        var context = new DefaultHttpContext();
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{CookieName}={cookie}";
        }

        if (person is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person)], "Identity.Application"));
        }

        return context;
    }

    /// <summary>
    /// Makes a new token every time it is asked (a new cookie too when the cookie is "replaced"), and accepts a post
    /// when it has a cookie and a token that starts with "good".
    /// </summary>
    private sealed class CountingAntiforgery : IAntiforgery
    {
        public int Made { get; private set; }

        public int Checked { get; private set; }

        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
        {
            Made++;
            var cookie = httpContext.Request.Cookies[CookieName];
            return new AntiforgeryTokenSet($"token-{Made}", cookie is null or "replaced" ? $"new-cookie-{Made}" : null, "__RequestVerificationToken", "RequestVerificationToken");
        }

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => GetAndStoreTokens(httpContext);

        public Task<bool> IsRequestValidAsync(HttpContext httpContext)
        {
            Checked++;
            return Task.FromResult(Accepts(httpContext));
        }

        public Task ValidateRequestAsync(HttpContext httpContext)
        {
            Checked++;
            return Accepts(httpContext) ? Task.CompletedTask : throw new AntiforgeryValidationException("refused");
        }

        private static bool Accepts(HttpContext httpContext) =>
            httpContext.Request.Cookies[CookieName] is not null
            && httpContext.Request.Headers["RequestVerificationToken"].ToString().StartsWith("good", StringComparison.Ordinal);

        public void SetCookieTokenAndHeader(HttpContext httpContext)
        {
        }
    }
}
