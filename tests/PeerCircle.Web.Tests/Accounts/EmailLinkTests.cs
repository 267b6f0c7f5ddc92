using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>Links in emails are built on the configured public address, never on a forgeable Host header.</summary>
public sealed class EmailLinkTests : IDisposable
{
    private readonly PeerCircleAppFactory _app = new PeerCircleAppFactory().With("App:PublicBaseUrl", "https://peercircle.example.org");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_reset_requested_with_a_forged_host_still_links_to_the_real_site()
    {
        var user = await _app.CreateUserAsync();
        var client = _app.CreateBrowserClient();
        client.DefaultRequestHeaders.Host = "evil.example";

        await client.SubmitFormAsync("/Identity/Account/ForgotPassword", [new("Input.Email", user.Email)]);

        var mail = Assert.Single(_app.ReadMail(), m => m.Contains(user.Email, StringComparison.Ordinal));
        Assert.Contains("https://peercircle.example.org/Identity/Account/ResetPassword?code", mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail, StringComparison.Ordinal);
    }
}
