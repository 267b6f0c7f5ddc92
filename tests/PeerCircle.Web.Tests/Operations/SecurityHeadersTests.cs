using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Operations;

public sealed class SecurityHeadersTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Help")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Manage")]
    [InlineData("/no/such/page")]
    [InlineData("/health/live")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("noindex", Assert.Single(response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style()
    {
        var client = app.CreateBrowserClient();

        foreach (var path in new[] { "/", "/Help", "/Identity/Account/Login", "/Identity/Account/Register" })
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" on", System.Text.RegularExpressions.Regex.Match(html, "<[^>]+ on[a-z]+=").Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HSTS_is_sent_outside_development_for_at_least_a_year()
    {
        // (localhost is excluded from HSTS by design, so the request names a real host.)
        using var https = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://peercircle.example") });

        var response = await https.GetAsync(new Uri("/", UriKind.Relative));

        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        var maxAge = long.Parse(System.Text.RegularExpressions.Regex.Match(hsts, "max-age=(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(maxAge >= 31_536_000, hsts);
    }
}
