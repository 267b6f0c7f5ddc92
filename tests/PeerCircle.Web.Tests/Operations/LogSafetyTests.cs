using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Operations;

/// <summary>Logs never carry what people typed: passwords, emails in forms, pseudonyms or query strings.</summary>
public sealed class LogSafetyTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Passwords_emails_and_form_values_never_reach_the_log_file()
    {
        var canary = $"canary-{Guid.NewGuid():N}";
        var client = app.CreateBrowserClient();

        await client.SignInAsync($"{canary}@example.test", $"{canary}-password");
        await client.SubmitFormAsync("/Identity/Account/Register",
        [
            new("Input.Email", $"{canary}@example.test"), new("Input.Pseudonym", $"Owl {canary[7..15]}"),
            new("Input.Password", $"{canary}-password"), new("Input.ConfirmPassword", $"{canary}-password"), new("Input.ConfirmAge", "true"),
        ]);
        await client.GetAsync(new Uri($"/Help?region={canary}", UriKind.Relative));
        var (signedIn, user) = await app.SignedInClientAsync();
        await signedIn.GetAsync(new Uri("/Identity/Account/Manage?last=1", UriKind.Relative));

        var logs = await app.ReadLogsWhenAsync("\"RequestPath\":\"/Identity/Account/Manage\"");
        Assert.Contains("\"RequestPath\":\"/Identity/Account/Manage\"", logs, StringComparison.Ordinal); // the log is being written
        Assert.DoesNotContain(canary, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(canary[7..15], logs, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Email, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Pseudonym, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Password, logs, StringComparison.Ordinal);
    }
}
