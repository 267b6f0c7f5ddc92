using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>
/// The layout's own links are plain addresses worked out from the app's base path, not a route lookup each
/// (issue 9): every one of them must still lead to its page, for someone with every role and for a visitor.
/// </summary>
public sealed class LayoutLinkTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Every_link_of_the_signed_in_layout_opens_its_page()
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Admin, Roles.Facilitator, Roles.SafeguardingLead);
        var links = await LayoutLinksAsync(client);

        Assert.Equal(["#main", "/", "/Help", "/", "/Groups", "/Sessions/Mine", "/OneToOne", "/Facilitate", "/Safeguarding", "/Admin", "/Notifications", "/Identity/Account/Manage", "/Help"], links);
        await PageLinks.AssertEachOpensAsync(client, links);
    }

    [Fact]
    public async Task Every_link_of_the_visitor_s_layout_opens_its_page()
    {
        var client = app.CreateBrowserClient();
        var links = await LayoutLinksAsync(client);

        Assert.Equal(["#main", "/", "/Help", "/", "/Identity/Account/Login", "/Identity/Account/Register", "/Help"], links);
        await PageLinks.AssertEachOpensAsync(client, links);
    }

    private static async Task<List<string>> LayoutLinksAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/Help", UriKind.Relative));
        // The layout's links: the header (brand, help button, nav) and the footer's help link; not the page's own.
        var header = html[..html.IndexOf("<main", StringComparison.Ordinal)];
        var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
        return [.. PageLinks.In(header).Concat(PageLinks.In(footer))];
    }
}
