using System.Net;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Operations;

public sealed class RateLimitTests : IDisposable
{
    private readonly PeerCircleAppFactory _app = new PeerCircleAppFactory()
        .With("RateLimits:SignInPerMinute", "3")
        .With("RateLimits:AccountEmailsPerMinute", "2");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Too_many_sign_in_attempts_get_a_429_with_a_clear_message()
    {
        var client = _app.CreateBrowserClient();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.SignInAsync("someone@example.test", "wrong password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var limited = await client.SignInAsync("someone@example.test", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var html = await limited.Content.ReadAsStringAsync();
        Assert.Contains("Please wait a minute, then try again.", html, StringComparison.Ordinal);
        Assert.Contains("get help now", html, StringComparison.Ordinal);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Too_many_posts_to_pages_that_send_email_get_a_429_but_reading_the_page_is_never_limited()
    {
        var client = _app.CreateBrowserClient();
        KeyValuePair<string, string>[] form = [new("Input.Email", "")];

        Assert.Equal(HttpStatusCode.OK, (await client.SubmitFormAsync("/Identity/Account/Register", form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SubmitFormAsync("/Identity/Account/Register", form)).StatusCode);
        var limited = await client.SubmitFormAsync("/Identity/Account/Register", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var forgot = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", [new("Input.Email", "someone@example.test")]);
        Assert.Equal(HttpStatusCode.TooManyRequests, forgot.StatusCode);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Identity/Account/Register", UriKind.Relative))).StatusCode);
        }
    }
}
