using System.Net;
using System.Text.RegularExpressions;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>Sets up and uses two-factor sign-in through the real pages, as a person with an authenticator app would.</summary>
public static partial class TwoFactorSteps
{
    public const string EnablePage = "/Identity/Account/Manage/EnableAuthenticator";

    /// <summary>The shared key shown on the set-up page (in groups of four).</summary>
    public static async Task<string> SharedKeyAsync(this HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.PageTextAsync(EnablePage);
        var match = SharedKeyPattern().Match(html);
        Assert.True(match.Success, "The set-up page shows no shared key.");
        return match.Groups[1].Value;
    }

    /// <summary>Turns two-factor on with a code computed from the shown key; returns the key and the 10 recovery codes.</summary>
    /// <remarks>Identity checks authenticator codes against the real clock, not the app's TimeProvider.</remarks>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableTwoFactorAsync(this HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var key = await client.SharedKeyAsync();
        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        var response = await client.SubmitFormAsync(EnablePage, [new("Input.Code", code)]);
        response.AssertRedirectTo("/Identity/Account/Manage/ShowRecoveryCodes");
        var codesPage = await client.GetAsync(new Uri("/Identity/Account/Manage/ShowRecoveryCodes", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, codesPage.StatusCode);
        return (key, RecoveryCodes(await codesPage.TextAsync()));
    }

    public static IReadOnlyList<string> RecoveryCodes(string html) =>
        RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Password, then the second step's page; returns the response to the password.</summary>
    public static async Task<HttpResponseMessage> SignInWithPasswordAsync(this HttpClient client, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        return await client.SignInAsync(user.Email, user.Password);
    }

    public static Task<HttpResponseMessage> SubmitTwoFactorCodeAsync(this HttpClient client, string code) =>
        client.SubmitFormAsync("/Identity/Account/LoginWith2fa", [new("Input.Code", code)]);

    public static Task<HttpResponseMessage> SubmitRecoveryCodeAsync(this HttpClient client, string code) =>
        client.SubmitFormAsync("/Identity/Account/LoginWithRecoveryCode", [new("Input.RecoveryCode", code)]);

    [GeneratedRegex("<kbd id=\"shared-key\">([a-z2-7 ]+)</kbd>")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex(@"<li>([A-Za-z0-9]{5}-[A-Za-z0-9]{5})</li>")]
    private static partial Regex RecoveryCodePattern();
}
