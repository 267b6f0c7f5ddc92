using System.Net;
using System.Text.RegularExpressions;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// The layout writes its stylesheet's and script's versioned addresses itself (StaticAssetUrls, issue 9), as
/// asp-append-version did: the content-fingerprinted names the app serves, so a new version is never read from a
/// browser's cache.
/// </summary>
public sealed partial class StaticAssetUrlsTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Every_page_links_the_fingerprinted_stylesheet_and_script_and_both_are_served()
    {
        var (member, _) = await app.SignedInClientAsync();
        foreach (var (client, page) in new[] { (app.CreateBrowserClient(), "/Help"), (member, "/Sessions/Mine") })
        {
            var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
            var css = Stylesheet().Match(html).Groups[1].Value;
            var js = Script().Match(html).Groups[1].Value;
            Assert.Matches(@"^/css/site\.[a-z0-9]{6,}\.css$", css);
            Assert.Matches(@"^/js/site\.[a-z0-9]{6,}\.js$", js);
            foreach (var (url, type) in new[] { (css, "text/css"), (js, "text/javascript") })
            {
                using var asset = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
                Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]*site[^\"]*)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<script src=\"([^\"]*site[^\"]*)\"></script>")]
    private static partial Regex Script();
}
