using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Groups;

public sealed partial class GroupListTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task The_list_shows_listed_groups_with_their_next_session_and_seats_left_but_never_unlisted_or_archived_ones()
    {
        var (client, _) = await app.SignedInClientAsync();
        var listed = await app.CreateGroupAsync($"Listed kettle {Guid.NewGuid():N}"[..24], topics: [Topic.Burnout, Topic.Grief]);
        var unlisted = await app.CreateGroupAsync($"Unlisted lantern {Guid.NewGuid():N}"[..26], listed: false);
        var archived = await app.CreateGroupAsync($"Archived anchor {Guid.NewGuid():N}"[..25]);
        await app.WithDbAsync(async db =>
        {
            (await db.Groups.SingleAsync(g => g.Id == archived.Id)).Archive(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var later = await app.CreateSessionAsync(listed.Id, GroupTestData.FutureUtc(40), capacity: 8);
        var next = await app.CreateSessionAsync(listed.Id, GroupTestData.FutureUtc(20, hour: 17), capacity: 5);
        var member = await app.CreateUserAsync();
        await app.AddMemberAsync(listed.Id, member.Id);
        await app.WithDbAsync(async db =>
        {
            var session = await db.Sessions.Include(s => s.Bookings).SingleAsync(s => s.Id == next.Id);
            var group = await db.Groups.SingleAsync(g => g.Id == listed.Id);
            var membership = await db.Memberships.SingleAsync(m => m.GroupId == listed.Id && m.UserId == member.Id);
            session.Reserve(group, membership, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var html = await AllPagesAsync(client, "/Groups");

        var card = Card(html, listed.Name);
        Assert.Contains("Burnout", card, StringComparison.Ordinal);
        Assert.Contains("Grief", card, StringComparison.Ordinal);
        Assert.Contains("Online", card, StringComparison.Ordinal);
        Assert.Contains($"datetime=\"{next.StartUtc:yyyy-MM-ddTHH:mm:ss}Z\"", card, StringComparison.Ordinal);
        Assert.DoesNotContain($"datetime=\"{later.StartUtc:yyyy-MM-ddTHH:mm:ss}Z\"", card, StringComparison.Ordinal);
        Assert.Matches("class=\"[^\"]*seats-left\">4<", card);
        Assert.DoesNotContain(unlisted.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(archived.Name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filtering_by_topic_and_format_shows_only_the_groups_that_match()
    {
        var (client, _) = await app.SignedInClientAsync();
        var griefOnline = await app.CreateGroupAsync($"Grief online {Guid.NewGuid():N}"[..22], topics: [Topic.Grief], format: GroupFormat.Online);
        var griefInPerson = await app.CreateGroupAsync($"Grief in person {Guid.NewGuid():N}"[..25], topics: [Topic.Grief, Topic.LowMood],
            format: GroupFormat.InPerson, location: "Library meeting room");
        var lonely = await app.CreateGroupAsync($"Lonely hybrid {Guid.NewGuid():N}"[..23], topics: [Topic.Loneliness], format: GroupFormat.Hybrid, location: "Hub");

        var grief = await AllPagesAsync(client, "/Groups?topic=Grief");
        Assert.Contains(griefOnline.Name, grief, StringComparison.Ordinal);
        Assert.Contains(griefInPerson.Name, grief, StringComparison.Ordinal);
        Assert.DoesNotContain(lonely.Name, grief, StringComparison.Ordinal);

        var griefInPersonOnly = await AllPagesAsync(client, "/Groups?topic=Grief&format=InPerson");
        Assert.DoesNotContain(griefOnline.Name, griefInPersonOnly, StringComparison.Ordinal);
        Assert.Contains(griefInPerson.Name, griefInPersonOnly, StringComparison.Ordinal);
        Assert.Contains("<option value=\"InPerson\" selected=\"selected\">", griefInPersonOnly, StringComparison.Ordinal);

        var hybrid = await AllPagesAsync(client, "/Groups?format=Hybrid");
        Assert.Contains(lonely.Name, hybrid, StringComparison.Ordinal);
        Assert.DoesNotContain(griefOnline.Name, hybrid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Groups?topic=Banana")]
    [InlineData("/Groups?format=99")]
    [InlineData("/Groups?topic=%3Cscript%3E&p=-5")]
    [InlineData("/Groups?p=999999999")]
    [InlineData("/Groups?p=abc")]
    public async Task A_hand_edited_filter_gets_a_page_never_an_error(string url)
    {
        var (client, _) = await app.SignedInClientAsync();
        await app.CreateGroupAsync();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Groups</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_are_listed_twenty_to_a_page_and_every_group_appears_on_exactly_one_page()
    {
        var (client, _) = await app.SignedInClientAsync();
        for (var i = 0; i < 23; i++)
        {
            await app.CreateGroupAsync($"Paging {i:00} {Guid.NewGuid():N}"[..20], topics: [Topic.WorkLifeBalance]);
        }

        var names = await app.WithDbAsync(db => db.Groups
            .Where(g => g.Listed && g.Status == GroupStatus.Active && g.Topics.Any(t => t.Topic == Topic.WorkLifeBalance))
            .Select(g => g.Name).ToListAsync());
        var first = await client.GetStringAsync(new Uri("/Groups?topic=WorkLifeBalance", UriKind.Relative));
        var second = await client.GetStringAsync(new Uri("/Groups?topic=WorkLifeBalance&p=2", UriKind.Relative));

        Assert.Equal(20, CardCount(first));
        Assert.Equal(names.Count - 20, CardCount(second));
        Assert.Contains("Page 1 of 2", first, StringComparison.Ordinal);
        Assert.Matches("href=\"/Groups\\?(p=2&amp;topic=WorkLifeBalance|topic=WorkLifeBalance&amp;p=2)\">Next<", first); // "Next" keeps the filter
        Assert.All(names, name => Assert.True(first.Contains(name, StringComparison.Ordinal) ^ second.Contains(name, StringComparison.Ordinal), name));
    }

    [Fact]
    public async Task A_page_past_the_last_shows_the_last_page_with_the_count_of_every_group_found()
    {
        // The page and its count are one query; a page with no rows (an old link after groups closed) takes the count
        // on its own and shows the last page instead.
        var (client, _) = await app.SignedInClientAsync();
        for (var i = 0; i < 23; i++)
        {
            await app.CreateGroupAsync($"Past end {i:00} {Guid.NewGuid():N}"[..20], topics: [Topic.Burnout]);
        }

        var found = await app.WithDbAsync(db => db.Groups
            .CountAsync(g => g.Listed && g.Status == GroupStatus.Active && g.Topics.Any(t => t.Topic == Topic.Burnout)));
        var pageCount = (found + 19) / 20;

        var first = await client.GetStringAsync(new Uri("/Groups?topic=Burnout", UriKind.Relative));
        var lastCards = await app.WithDbAsync(db => db.Groups
            .Where(g => g.Listed && g.Status == GroupStatus.Active && g.Topics.Any(t => t.Topic == Topic.Burnout))
            .OrderBy(g => g.Name).ThenBy(g => g.Id).Skip(20 * (pageCount - 1)).Select(g => g.Name).ToListAsync());

        // Just past the end, far past it, and so far that the page's first row would not fit an int.
        foreach (var p in new[] { "999", "2147483647" })
        {
            var past = await client.GetStringAsync(new Uri($"/Groups?topic=Burnout&p={p}", UriKind.Relative));
            Assert.Contains($"{found} groups, page {pageCount} of {pageCount}.", past, StringComparison.Ordinal);
            Assert.Equal(lastCards.Count, CardCount(past));
            Assert.All(lastCards, name => Assert.Contains(name, past, StringComparison.Ordinal));
        }

        Assert.Contains($"{found} groups, page 1 of {pageCount}.", first, StringComparison.Ordinal);
        Assert.Equal(20, CardCount(first));
    }

    [Fact]
    public async Task Without_a_filter_every_listed_group_appears_on_exactly_one_page_and_the_count_is_right()
    {
        // Without a filter the compiled queries drop the filter conditions (null parameters): it must page as a filtered list does.
        var (client, _) = await app.SignedInClientAsync();
        for (var i = 0; i < 23; i++)
        {
            await app.CreateGroupAsync($"Unfiltered {i:00} {Guid.NewGuid():N}"[..22], listed: i % 5 != 0);
        }

        var names = await app.WithDbAsync(db => db.Groups.Where(g => g.Listed && g.Status == GroupStatus.Active).Select(g => g.Name).ToListAsync());
        var pageCount = (names.Count + 19) / 20;
        var pages = new List<string>();
        for (var p = 1; p <= pageCount; p++)
        {
            pages.Add(await client.GetStringAsync(new Uri($"/Groups?p={p}", UriKind.Relative)));
        }

        Assert.Contains($"Page 1 of {pageCount}", pages[0], StringComparison.Ordinal);
        Assert.Equal(names.Count, pages.Sum(CardCount));
        Assert.All(names, name => Assert.Single(pages, page => page.Contains(name, StringComparison.Ordinal)));
        Assert.All(pages, page => Assert.DoesNotContain("Unfiltered 00", page, StringComparison.Ordinal)); // unlisted
    }

    [Fact]
    public async Task My_unlisted_group_is_under_your_groups_only_for_its_members()
    {
        var (member, user) = await app.SignedInClientAsync();
        var (stranger, _) = await app.SignedInClientAsync();
        var unlisted = await app.CreateGroupAsync($"Quiet harbour {Guid.NewGuid():N}"[..23], listed: false);
        await app.AddMemberAsync(unlisted.Id, user.Id);

        Assert.Contains(unlisted.Name, await member.GetStringAsync(new Uri("/Groups", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain(unlisted.Name, await AllPagesAsync(stranger, "/Groups"), StringComparison.Ordinal);
    }

    /// <summary>The list pages concatenated, following "Next" (the fixture's groups may fill more than one page).</summary>
    private static async Task<string> AllPagesAsync(HttpClient client, string url)
    {
        var html = string.Empty;
        for (var page = 1; page < 50; page++)
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var response = await client.GetAsync(new Uri($"{url}{separator}p={page}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var current = await response.Content.ReadAsStringAsync();
            html += current;
            if (!current.Contains(">Next</a>", StringComparison.Ordinal))
            {
                return html;
            }
        }

        return html;
    }

    private static string Card(string html, string name)
    {
        var start = html.IndexOf(name, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{name} is listed");
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static int CardCount(string html) => CardPattern().Count(html);

    [GeneratedRegex("<li class=\"card mb-3\">")]
    private static partial Regex CardPattern();
}
