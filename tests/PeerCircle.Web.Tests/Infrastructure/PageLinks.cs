using System.Net;
using System.Text.RegularExpressions;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// The links a page writes and whether they open: the layout's and the benchmarked pages' links are plain
/// addresses worked out from the base path, not a route lookup each (issue 9), so the tests follow them.
/// </summary>
internal static partial class PageLinks
{
    /// <summary>The address of every link (<c>&lt;a href&gt;</c>) in <paramref name="html"/>, HTML-decoded, in page order.</summary>
    public static IEnumerable<string> In(string html) => Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));

    /// <summary>Opens every address of the app among <paramref name="links"/> once; each must answer 200.</summary>
    public static async Task AssertEachOpensAsync(HttpClient client, IEnumerable<string> links, string? foundOn = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var link in links.Where(l => l.StartsWith('/')).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            using var response = await client.GetAsync(new Uri(link, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK,
                $"{link}{(foundOn is null ? string.Empty : $" on {foundOn}")} answered {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex("<a [^>]*href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
