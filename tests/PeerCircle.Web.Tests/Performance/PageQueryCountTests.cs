using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// Every page of the page benchmark (bench/PeerCircle.Bench.Pages, issue 9), and each of its mixed writes
/// (a reply, a booking, its cancellation), runs the same number of SQL commands whatever the amount of data:
/// 3 groups or 300 with 3,000 sessions, a thread of 3 posts or of 50 among thousands of other shares, one
/// booking or twenty. A query per row (N+1) or per page of data would make a count grow and fail this test.
/// Tests do not time anything: the bench does.
/// </summary>
public sealed class PageQueryCountTests(ITestOutputHelper output)
{
    private const int MaxCommands = 6;

    [Fact]
    public async Task Every_benchmarked_page_and_write_runs_the_same_few_SQL_commands_with_little_data_and_with_a_lot()
    {
        using var small = new PeerCircleAppFactory().With("Seed:Scale", "3").With("Seed:ScaleSessionsPerGroup", "2");
        using var large = new PeerCircleAppFactory().With("Seed:Scale", "300").With("Seed:ScaleSessionsPerGroup", "10");

        var smallCounts = await MeasureAsync(small, posts: 3, bookings: 1, otherShares: 0);
        var largeCounts = await MeasureAsync(large, posts: 50, bookings: 20, otherShares: 3_000);
        foreach (var (page, count) in smallCounts)
        {
            output.WriteLine($"{page}: {count} SQL commands with little data, {largeCounts[page]} with a lot");
        }

        Assert.Equal(smallCounts, largeCounts);
        Assert.All(largeCounts, page => Assert.InRange(page.Value, 0, MaxCommands));
    }

    private static async Task<Dictionary<string, int>> MeasureAsync(PeerCircleAppFactory app, int posts, int bookings, int otherShares)
    {
        var (member, user) = await app.SignedInClientAsync();
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var anonymous = app.CreateBrowserClient();

        // The member belongs to as many groups as they have bookings, with a seat in each group's first session.
        var groups = await app.WithDbAsync(db => db.Groups
            .Where(g => g.Listed && g.JoinPolicy == JoinPolicy.Open && g.Status == GroupStatus.Active)
            .OrderBy(g => g.Name).Select(g => g.Id).Take(bookings).ToListAsync());
        Assert.Equal(bookings, groups.Count);
        foreach (var groupId in groups)
        {
            await app.AddMemberAsync(groupId, user.Id);
            var sessionId = await app.WithDbAsync(db => db.Sessions.Where(s => s.GroupId == groupId).OrderBy(s => s.StartUtc).Select(s => s.Id).FirstAsync());
            Assert.Equal(BookingStatus.Going, await app.ReserveAsync(sessionId, user.Id));
        }

        // A thread of `posts` posts in the member's first group, and other shares elsewhere in it.
        var threadId = await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var author = new ShareAuthor(user.Id, groups[0], true, true, false);
            var thread = Share.StartThread(author, "A thread", "The first post.", ShareAudience.Group, ShareByline.Pseudonym, now.AddHours(-2));
            db.Shares.Add(thread);
            for (var i = 1; i < posts; i++)
            {
                db.Shares.Add(Share.Reply(author, thread, $"Reply {i}", ShareAudience.Group, i % 2 == 0 ? ShareByline.Anonymous : ShareByline.Pseudonym, now.AddMinutes(-100 + i)));
            }

            var other = Share.StartThread(author, "Another thread", "Another conversation.", ShareAudience.Group, ShareByline.Pseudonym, now.AddHours(-3));
            db.Shares.Add(other);
            for (var i = 0; i < otherShares; i++)
            {
                db.Shares.Add(Share.Reply(author, other, $"Other reply {i}", ShareAudience.Group, ShareByline.Pseudonym, now.AddMinutes(-170)));
            }

            await db.SaveChangesAsync();
            return thread.Id;
        });

        var pages = new (string Name, HttpClient Client, string Url, string Expect)[]
        {
            ("Get help (anonymous)", anonymous, "/Help", "Get help"),
            ("Home", member, "/", "PeerCircle"),
            ("Group list", member, "/Groups", "seats-left"),
            ("Group page", member, $"/Groups/Details/{groups[0]}", "You're going"),
            ("My sessions", member, "/Sessions/Mine", "You're going"),
            // The last page of replies (an out-of-range page number shows the last one): the newest reply is on it.
            ("Board thread", member, $"/Groups/Board/Thread/{threadId}?p=999", $"Reply {posts - 1}"),
            ("Admin dashboard", admin, "/Admin", "Admin"),
        };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, client, url, expect) in pages)
        {
            using var warmUp = await client.GetAsync(new Uri(url, UriKind.Relative)); // compiles the page's queries and views
            var (response, commands) = await app.GetCountingSqlAsync(client, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(expect, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            counts[name] = commands.Count;
        }

        // The bench's mixed writes, by the same member: a reply in the thread, then a booking in the group's second
        // session and its cancellation. Each runs twice and the fewer commands count, as for the pages.
        var token = await member.FormTokenAsync($"/Groups/Board/Thread/{threadId}");
        var secondSessionId = await app.WithDbAsync(db => db.Sessions.Where(s => s.GroupId == groups[0]).OrderBy(s => s.StartUtc).Select(s => s.Id).Skip(1).FirstAsync());
        var writes = new (string Name, string Url, KeyValuePair<string, string>[] Fields)[]
        {
            ("Reply", $"/Groups/Board/Thread/{threadId}?handler=Reply", [new("Reply.Text", "One more reply."), new("Reply.Audience", "Group"), new("Reply.Byline", "Pseudonym")]),
            ("Book", $"/Sessions/Details/{secondSessionId}?handler=Book", []),
            ("Cancel", $"/Sessions/Details/{secondSessionId}?handler=Cancel", []),
        };
        for (var round = 0; round < 2; round++)
        {
            foreach (var (name, url, fields) in writes)
            {
                var (response, commands) = await app.PostCountingSqlAsync(member, url, [.. fields, new("__RequestVerificationToken", token)]);
                using (response)
                {
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                }

                counts[name] = round == 0 ? commands.Count : Math.Min(counts[name], commands.Count);
            }
        }

        return counts;
    }
}
