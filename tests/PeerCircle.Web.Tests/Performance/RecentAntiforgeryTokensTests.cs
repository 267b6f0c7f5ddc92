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
    public async Task Checking_a_posted_form_is_the_frameworks_every_time()
    {
        var (tokens, inner, _) = Tokens();
        var post = Request("cookie-a", "alice");
        post.Request.Method = "POST";

        Assert.False(await tokens.IsRequestValidAsync(post));
        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => tokens.ValidateRequestAsync(post));
        Assert.Equal(2, inner.Checked);
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

    /// <summary>Makes a new token every time it is asked (a new cookie too when the cookie is "replaced"), and refuses every post.</summary>
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
            return Task.FromResult(false);
        }

        public Task ValidateRequestAsync(HttpContext httpContext)
        {
            Checked++;
            throw new AntiforgeryValidationException("refused");
        }

        public void SetCookieTokenAndHeader(HttpContext httpContext)
        {
        }
    }
}
