using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

public sealed partial class TwoFactorTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task The_set_up_page_shows_the_key_in_groups_of_four_and_a_server_made_qr_code_image()
    {
        var (client, _) = await app.SignedInClientAsync();

        var response = await client.GetAsync(new Uri(TwoFactorSteps.EnablePage, UriKind.Relative));
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = await client.SharedKeyAsync();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        var image = QrImage().Match(html);
        Assert.True(image.Success, "No QR code image with alt text.");
        var png = Convert.FromBase64String(image.Groups[1].Value);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        // Viewing again keeps the same key, so an app scanned a moment ago still matches.
        Assert.Equal(key, await client.SharedKeyAsync());
    }

    [Fact]
    public async Task A_wrong_code_does_not_turn_two_factor_on()
    {
        var (client, user) = await app.SignedInClientAsync();
        var key = await client.SharedKeyAsync();
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(-3));

        var response = await client.SubmitFormAsync(TwoFactorSteps.EnablePage, [new("Input.Code", wrong)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code didn't work", await response.TextAsync(), StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(user));
    }

    [Theory]
    [InlineData("", "Enter the 6-digit code")]
    [InlineData("12345", "The code has 6 digits.")]
    [InlineData("abcdef", "The code has 6 digits.")]
    [InlineData("1234567890123", "The code has 6 digits.")]
    public async Task Bad_codes_get_a_clear_message_on_the_set_up_page(string code, string expected)
    {
        var (client, _) = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync(TwoFactorSteps.EnablePage, [new("Input.Code", code)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setting_up_an_authenticator_app_then_signing_in_needs_the_code_from_it()
    {
        var (client, user) = await app.SignedInClientAsync();

        var (key, codes) = await client.EnableTwoFactorAsync();

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(await TwoFactorEnabledAsync(user));
        // Shown once only.
        (await client.GetAsync(new Uri("/Identity/Account/Manage/ShowRecoveryCodes", UriKind.Relative))).AssertRedirectTo("/Identity/Account/Manage/TwoFactor");
        Assert.Contains("You have <strong>10</strong> recovery codes left", await client.PageTextAsync("/Identity/Account/Manage/TwoFactor"), StringComparison.Ordinal);

        var browser = app.CreateBrowserClient();
        var password = await browser.SignInWithPasswordAsync(user);
        password.AssertRedirectTo("/Identity/Account/LoginWith2fa");
        // The password alone does not sign in.
        (await browser.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative))).AssertRedirectTo("/Identity/Account/Login");

        var second = await browser.SubmitTwoFactorCodeAsync(Totp.Code(key, DateTimeOffset.UtcNow));

        second.AssertRedirectTo("/");
        Assert.Contains(user.Email, await browser.PageTextAsync("/Identity/Account/Manage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_second_step_keeps_the_return_address_and_never_leaves_the_site()
    {
        var (client, user) = await app.SignedInClientAsync();
        var (key, _) = await client.EnableTwoFactorAsync();
        var browser = app.CreateBrowserClient();

        var password = await browser.SubmitFormAsync("/Identity/Account/Login?returnUrl=%2FGroups",
            [new("Input.Email", user.Email), new("Input.Password", user.Password)]);
        password.AssertRedirectTo("/Identity/Account/LoginWith2fa");
        var second = await browser.SubmitFormAsync(password.Headers.Location!.OriginalString,
            [new("Input.Code", Totp.Code(key, DateTimeOffset.UtcNow)), new("ReturnUrl", "https://evil.example/")]);

        second.AssertRedirectTo("/");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only()
    {
        var (client, user) = await app.SignedInClientAsync();
        var (_, codes) = await client.EnableTwoFactorAsync();

        var first = app.CreateBrowserClient();
        (await first.SignInWithPasswordAsync(user)).AssertRedirectTo("/Identity/Account/LoginWith2fa");
        // Typed in lower case with a space instead of the hyphen: still the same code.
        (await first.SubmitRecoveryCodeAsync(codes[0].ToLowerInvariant().Replace('-', ' '))).AssertRedirectTo("/");
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative))).StatusCode);

        var again = app.CreateBrowserClient();
        (await again.SignInWithPasswordAsync(user)).AssertRedirectTo("/Identity/Account/LoginWith2fa");
        var reused = await again.SubmitRecoveryCodeAsync(codes[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("That recovery code didn't work", await reused.TextAsync(), StringComparison.Ordinal);
        (await again.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative))).AssertRedirectTo("/Identity/Account/Login");

        (await again.SubmitRecoveryCodeAsync(codes[1])).AssertRedirectTo("/");
        Assert.Contains("You have <strong>8</strong> recovery codes left", await again.PageTextAsync("/Identity/Account/Manage/TwoFactor"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_authenticator_codes_lock_the_account()
    {
        var (client, user) = await app.SignedInClientAsync();
        var (key, _) = await client.EnableTwoFactorAsync();
        var browser = app.CreateBrowserClient();
        (await browser.SignInWithPasswordAsync(user)).AssertRedirectTo("/Identity/Account/LoginWith2fa");
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(-5));

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var response = await browser.SubmitTwoFactorCodeAsync(wrong);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("That code didn't work", await response.TextAsync(), StringComparison.Ordinal);
        }

        (await browser.SubmitTwoFactorCodeAsync(wrong)).AssertRedirectTo("/Identity/Account/Lockout");
        // Locked: even the right code is refused now.
        var fresh = app.CreateBrowserClient();
        (await fresh.SignInWithPasswordAsync(user)).AssertRedirectTo("/Identity/Account/Lockout");
        Assert.True(await LockedOutAsync(user));
    }

    [Fact]
    public async Task Five_wrong_recovery_codes_lock_the_account()
    {
        var (client, user) = await app.SignedInClientAsync();
        await client.EnableTwoFactorAsync();
        var browser = app.CreateBrowserClient();
        (await browser.SignInWithPasswordAsync(user)).AssertRedirectTo("/Identity/Account/LoginWith2fa");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitRecoveryCodeAsync("AAAAA-AAAAA")).StatusCode);
        }

        (await browser.SubmitRecoveryCodeAsync("AAAAA-AAAAA")).AssertRedirectTo("/Identity/Account/Lockout");
        Assert.True(await LockedOutAsync(user));
    }

    [Fact]
    public async Task The_second_step_pages_send_anyone_without_a_password_step_back_to_sign_in()
    {
        var client = app.CreateBrowserClient();

        (await client.GetAsync(new Uri("/Identity/Account/LoginWith2fa", UriKind.Relative))).AssertRedirectTo("/Identity/Account/Login");
        (await client.GetAsync(new Uri("/Identity/Account/LoginWithRecoveryCode", UriKind.Relative))).AssertRedirectTo("/Identity/Account/Login");
    }

    [Fact]
    public async Task Making_new_recovery_codes_replaces_the_old_ones()
    {
        var (client, user) = await app.SignedInClientAsync();
        var (_, oldCodes) = await client.EnableTwoFactorAsync();

        var reset = await client.SubmitFormAsync("/Identity/Account/Manage/TwoFactor", [], "/Identity/Account/Manage/TwoFactor?handler=ResetRecoveryCodes");
        reset.AssertRedirectTo("/Identity/Account/Manage/ShowRecoveryCodes");
        var newCodes = TwoFactorSteps.RecoveryCodes(await client.PageTextAsync("/Identity/Account/Manage/ShowRecoveryCodes"));

        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        var browser = app.CreateBrowserClient();
        (await browser.SignInWithPasswordAsync(user)).AssertRedirectTo("/Identity/Account/LoginWith2fa");
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitRecoveryCodeAsync(oldCodes[0])).StatusCode);
        (await browser.SubmitRecoveryCodeAsync(newCodes[0])).AssertRedirectTo("/");
    }

    [Fact]
    public async Task Turning_two_factor_off_signs_in_with_the_password_alone_and_the_old_key_is_gone()
    {
        var (client, user) = await app.SignedInClientAsync();
        var (key, _) = await client.EnableTwoFactorAsync();

        var off = await client.SubmitFormAsync("/Identity/Account/Manage/TwoFactor", [], "/Identity/Account/Manage/TwoFactor?handler=Disable");

        off.AssertRedirectTo("/Identity/Account/Manage/TwoFactor");
        Assert.False(await TwoFactorEnabledAsync(user));
        Assert.NotEqual(key, await client.SharedKeyAsync());
        (await app.CreateBrowserClient().SignInWithPasswordAsync(user)).AssertRedirectTo("/");
    }

    [Fact]
    public async Task No_code_or_key_reaches_the_log()
    {
        var (client, user) = await app.SignedInClientAsync();
        var (key, codes) = await client.EnableTwoFactorAsync();
        var browser = app.CreateBrowserClient();
        await browser.SignInWithPasswordAsync(user);
        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        await browser.SubmitTwoFactorCodeAsync(code);

        var logs = await app.ReadLogsWhenAsync("signed in with an authenticator app");

        Assert.Contains(user.Id.ToString(), logs, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Replace(" ", string.Empty, StringComparison.Ordinal), logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(codes[0], logs, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{code}\"", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Email, logs, StringComparison.Ordinal);
    }

    private async Task<bool> TwoFactorEnabledAsync(TestUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByIdAsync(user.Id.ToString()))!);
    }

    private async Task<bool> LockedOutAsync(TestUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id.ToString()))!);
    }

    [GeneratedRegex("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"QR code[^\"]+\"")]
    private static partial Regex QrImage();
}
