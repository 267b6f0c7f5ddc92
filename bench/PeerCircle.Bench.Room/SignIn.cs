using System.Net;
using System.Text.RegularExpressions;

namespace PeerCircle.Bench.Room;

/// <summary>
/// Signs in through the real form at /Identity/Account/Login: GET it for the antiforgery cookie and
/// token, POST email and password, keep the sign-in cookie from the redirect.
/// </summary>
/// <remarks>
/// The app in Production issues its cookie as <c>__Host-PeerCircle</c>, which is Secure: a browser would
/// not send it back over plain http. The bench is not a browser: it keeps the cookies itself and sends
/// them back to the loopback address, so the app runs exactly as shipped (no Development cookie, no switch).
/// </remarks>
internal static partial class SignIn
{
    public const string CookieName = "__Host-PeerCircle";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    /// <summary>Returns the Cookie header value that carries the sign-in.</summary>
    public static async Task<string> SignInAsync(HttpClient http, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(http);
        var login = new Uri("/Identity/Account/Login", UriKind.Relative);
        using var page = await http.GetAsync(login);
        page.EnsureSuccessStatusCode();
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        var antiforgery = Cookies(page).Single(c => c.StartsWith("__Host-PeerCircle.Af=", StringComparison.Ordinal) || c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));

        using var post = new HttpRequestMessage(HttpMethod.Post, login)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = password,
                ["Input.RememberMe"] = "false",
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var response = await http.SendAsync(post);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}, not a redirect.");
        }

        return Cookies(response).SingleOrDefault(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Sign-in of {email} set no {CookieName} cookie.");
    }

    /// <summary>"name=value" of each Set-Cookie of a response.</summary>
    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';', 2)[0]) : [];
}
