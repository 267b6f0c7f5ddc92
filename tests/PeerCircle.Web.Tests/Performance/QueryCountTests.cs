using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// The group list and the group page run the same small number of SQL commands whether there are 3
/// groups or 500 groups with 20,000 sessions: no query per row (N+1), whatever the data.
/// </summary>
public sealed class QueryCountTests(ITestOutputHelper output)
{
    private const int MaxCommands = 6;

    [Fact]
    public async Task The_group_list_and_group_page_run_the_same_few_SQL_commands_for_3_groups_and_for_500_groups_with_20000_sessions()
    {
        var stopwatch = Stopwatch.StartNew();
        using var small = new PeerCircleAppFactory().With("Seed:Scale", "3").With("Seed:ScaleSessionsPerGroup", "2");
        using var large = new PeerCircleAppFactory().With("Seed:Scale", "500").With("Seed:ScaleSessionsPerGroup", "40");

        var smallCounts = await MeasureAsync(small, expectedSessions: 6);
        output.WriteLine($"3 groups x 2 sessions: /Groups {smallCounts.List}, group page {smallCounts.Details} SQL commands ({stopwatch.ElapsedMilliseconds} ms so far)");
        var largeCounts = await MeasureAsync(large, expectedSessions: 20_000);
        output.WriteLine($"500 groups x 40 sessions: /Groups {largeCounts.List}, group page {largeCounts.Details} SQL commands ({stopwatch.ElapsedMilliseconds} ms in all)");

        Assert.Equal(smallCounts, largeCounts);
        Assert.InRange(largeCounts.List, 1, MaxCommands);
        Assert.InRange(largeCounts.Details, 1, MaxCommands);
    }

    private async Task<(int List, int Details)> MeasureAsync(PeerCircleAppFactory app, int expectedSessions)
    {
        // The viewer is a member with a booking, so every part of both pages has something to show.
        var (client, user) = await app.SignedInClientAsync();
        var groupId = await app.WithDbAsync(db => db.Groups
            .Where(g => g.Listed && g.JoinPolicy == JoinPolicy.Open && g.Status == GroupStatus.Active)
            .OrderBy(g => g.Name).Select(g => g.Id).FirstAsync());
        Assert.Equal(expectedSessions, await app.WithDbAsync(db => db.Sessions.CountAsync()));
        var sessionId = await app.WithDbAsync(db => db.Sessions.Where(s => s.GroupId == groupId).OrderBy(s => s.StartUtc).Select(s => s.Id).FirstAsync());
        await app.AddMemberAsync(groupId, user.Id);
        Assert.Equal(BookingStatus.Going, await app.ReserveAsync(sessionId, user.Id));
        // Warm up (first request compiles the queries and views), then count.
        await client.GetStringAsync(new Uri("/Groups", UriKind.Relative));
        await client.GetStringAsync(new Uri($"/Groups/Details/{groupId}", UriKind.Relative));

        var (list, listCommands) = await app.GetCountingSqlAsync(client, "/Groups");
        var (details, detailsCommands) = await app.GetCountingSqlAsync(client, $"/Groups/Details/{groupId}");

        foreach (var command in listCommands.Concat(detailsCommands))
        {
            output.WriteLine(command + "\n--");
        }

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var listHtml = await list.Content.ReadAsStringAsync();
        Assert.Contains("seats-left", listHtml, StringComparison.Ordinal); // the page really showed groups with sessions
        Assert.Contains("You're going", WebUtility.HtmlDecode(await details.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        return (listCommands.Count, detailsCommands.Count);
    }
}
