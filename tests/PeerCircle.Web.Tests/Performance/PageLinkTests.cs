using System.Net;
using System.Text.RegularExpressions;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// The benchmarked pages write their links and forms as plain addresses worked out once per page, with the form
/// token written by the page, instead of a route lookup and the form tag helpers for each (issue 9). Every link
/// must still open its page, and every form must still do what its button says.
/// </summary>
public sealed partial class PageLinkTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Every_link_on_the_benchmarked_pages_opens_its_page()
    {
        var (member, user) = await app.SignedInClientAsync();
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var group = await app.CreateGroupAsync(topics: [Topic.Grief, Topic.Burnout]);
        var session = await app.CreateSessionAsync(group.Id);
        await app.AddMemberAsync(group.Id, user.Id);
        await app.ReserveAsync(session.Id, user.Id);
        var threadId = await app.WithDbAsync(async db =>
        {
            var author = new ShareAuthor(user.Id, group.Id, true, true, false);
            var thread = Share.StartThread(author, "A thread", "The first post.", ShareAudience.Group, ShareByline.Pseudonym, DateTime.UtcNow.AddHours(-1));
            db.Shares.Add(thread);
            await db.SaveChangesAsync();
            return thread.Id;
        });

        foreach (var (client, page, expected) in new[]
        {
            (member, "/Groups", $"/Groups/Details/{group.Id}"),
            (member, $"/Groups/Details/{group.Id}", $"/Sessions/Details/{session.Id}"),
            (member, "/Sessions/Mine", $"/Sessions/Details/{session.Id}"),
            (member, $"/Groups/Board/Thread/{threadId}", $"/Groups/Details/{group.Id}"),
            (admin, "/Admin", "/Admin/Settings"),
        })
        {
            var links = await MainLinksAsync(client, page);
            Assert.Contains(expected, links, StringComparer.OrdinalIgnoreCase);
            await PageLinks.AssertEachOpensAsync(client, links, page);
        }
    }

    [Fact]
    public async Task Cancelling_from_my_sessions_leaving_from_the_group_page_and_signing_out_work_through_the_page_s_own_forms()
    {
        var (client, user) = await app.SignedInClientAsync();
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id);
        await app.AddMemberAsync(group.Id, user.Id);
        await app.ReserveAsync(session.Id, user.Id);

        (await SubmitPageFormAsync(client, "/Sessions/Mine", "Cancel my booking")).AssertRedirectTo("/Sessions/Mine");
        Assert.Equal(0, (await app.SessionAsync(session.Id)).SeatsTaken);

        (await SubmitPageFormAsync(client, $"/Groups/Details/{group.Id}", "Leave this group")).AssertRedirectTo($"/Groups/Details/{group.Id}");
        Assert.Equal(MembershipStatus.Left, (await app.MembershipAsync(group.Id, user.Id))!.Status);

        await SubmitPageFormAsync(client, "/Groups", "Sign out");
        using var after = await client.GetAsync(new Uri("/Sessions/Mine", UriKind.Relative));
        after.AssertRedirectTo("/Identity/Account/Login");
    }

    /// <summary>Posts the form whose button says <paramref name="button"/>, with its own action and hidden fields.</summary>
    private static async Task<HttpResponseMessage> SubmitPageFormAsync(HttpClient client, string page, string button)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var form = Form().Matches(html).Single(m => m.Groups["body"].Value.Contains($">{button}</button>", StringComparison.Ordinal));
        var fields = Hidden().Matches(form.Groups["body"].Value)
            .Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["value"].Value)));
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(WebUtility.HtmlDecode(form.Groups["action"].Value), UriKind.Relative), content);
    }

    private static async Task<List<string>> MainLinksAsync(HttpClient client, string page)
    {
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        return [.. PageLinks.In(main).Where(l => l.StartsWith('/'))];
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("<input (?=[^>]*type=\"hidden\")(?=[^>]*name=\"(?<name>[^\"]*)\")(?=[^>]*value=\"(?<value>[^\"]*)\")[^>]*>")]
    private static partial Regex Hidden();
}
