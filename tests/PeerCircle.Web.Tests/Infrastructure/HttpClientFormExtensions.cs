using System.Net;
using System.Text.RegularExpressions;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>Posts forms the way a browser does: fetch the page, keep its antiforgery token, submit.</summary>
public static partial class HttpClientFormExtensions
{
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetAsync(new Uri(pageUrl, UriKind.Relative));
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {pageUrl} returned {(int)page.StatusCode}");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken(html) ?? throw new InvalidOperationException($"{pageUrl} has no antiforgery token.");
        var form = fields.Append(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(postUrl ?? pageUrl, UriKind.Relative), content);
    }

    /// <summary>The antiforgery token of a page's form, to post later (e.g. many clients at the same moment).</summary>
    public static async Task<string> FormTokenAsync(this HttpClient client, string pageUrl)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetAsync(new Uri(pageUrl, UriKind.Relative));
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {pageUrl} returned {(int)page.StatusCode}");
        return AntiforgeryToken(await page.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException($"{pageUrl} has no antiforgery token.");
    }

    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string postUrl, string token, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new FormUrlEncodedContent((fields ?? []).Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(postUrl, UriKind.Relative), content);
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        client.SubmitFormAsync("/Identity/Account/Login", [new("Input.Email", email), new("Input.Password", password)]);

    public static string? AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
