using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// SQLite's own plan for the hot pages' queries (issue 9): the SQL a page really sent, captured per request,
/// is explained with EXPLAIN QUERY PLAN against the same database. A plan that sorts or scans a whole table
/// grows with the data even when the number of commands does not (PageQueryCountTests counts those).
/// </summary>
public sealed partial class QueryPlanTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_group_list_reads_listed_groups_in_name_order_from_an_index_and_stops_after_one_page()
    {
        using var app = new PeerCircleAppFactory().With("Seed:Scale", "60").With("Seed:ScaleSessionsPerGroup", "2");
        var (client, _) = await app.SignedInClientAsync();
        using var warmUp = await client.GetAsync(new Uri("/Groups", UriKind.Relative));

        var (response, commands) = await app.GetCountingSqlAsync(client, "/Groups");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pageQuery = Assert.Single(commands, c => c.Contains("FROM \"Groups\" AS \"g\"", StringComparison.Ordinal) && c.Contains("LIMIT", StringComparison.Ordinal));
        // The compiled query's filters are null parameters here: EF Core leaves them out of the SQL altogether.
        Assert.DoesNotContain("@topic", pageQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("@format", pageQuery, StringComparison.Ordinal);
        output.WriteLine(pageQuery);
        var plan = await PlanAsync(app, pageQuery);
        output.WriteLine(string.Join(Environment.NewLine, plan.Select(p => $"{p.Id} {p.Parent} {p.Detail}")));

        // The page of groups reads the filtered index in order (no sort of every listed group, which would
        // also work out each group's next session and topics before sorting); each group's topics and next
        // session are read by key for the twenty groups of the page only.
        var groups = Assert.Single(plan, p => p.Parent == 0 && p.Detail.StartsWith("SEARCH g ", StringComparison.Ordinal));
        Assert.Contains("USING INDEX IX_Groups_Listed_Status_Name_Id", groups.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(plan, p => p.Detail.Contains("TEMP B-TREE", StringComparison.Ordinal) || p.Detail.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Contains(plan, p => p.Detail.Contains("GroupTopic", StringComparison.Ordinal) && p.Detail.Contains("(GroupId=?)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_of_a_board_thread_reads_the_thread_s_replies_by_index_not_the_group_s_shares()
    {
        using var app = new PeerCircleAppFactory();
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Planned", "The opening post.");
        Assert.Equal(HttpStatusCode.Redirect, (await people.Bob.Client.ReplyAsync(thread, "A reply.")).StatusCode);
        var url = SharingTestData.Thread(thread);
        using var warmUp = await people.Bob.Client.GetAsync(new Uri(url, UriKind.Relative));

        var (response, commands) = await app.GetCountingSqlAsync(people.Bob.Client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var repliesQuery = Assert.Single(commands, c => c.Contains("\"ThreadId\" = @", StringComparison.Ordinal) && c.Contains("ORDER BY \"s\".\"CreatedUtc\"", StringComparison.Ordinal));
        var plan = await PlanAsync(app, repliesQuery);
        output.WriteLine(string.Join(Environment.NewLine, plan.Select(p => $"{p.Id} {p.Parent} {p.Detail}")));

        Assert.Contains(plan, p => p.Detail.StartsWith("SEARCH s USING INDEX IX_Shares_GroupId_ThreadId_CreatedUtc_Id ", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.Detail.StartsWith("SCAN s", StringComparison.Ordinal));
        // The index holds the replies in the page's order, the id breaking ties: no sort, and a page stops at its last reply.
        Assert.DoesNotContain(plan, p => p.Detail.Contains("TEMP B-TREE", StringComparison.Ordinal));

        // The viewer's board is found from the thread's id in the same query, by key, not by walking the groups.
        // The compiled query's group id is a null parameter here: EF Core leaves it out of the SQL altogether.
        await AssertBoardReadByKeyAsync(app, commands, absentParameter: "@groupId");
        Assert.Equal(3, commands.Count); // the board, the opening post with the number of replies, one page of replies
    }

    [Fact]
    public async Task A_board_found_by_its_group_s_id_is_read_by_key_with_no_trace_of_a_thread()
    {
        using var app = new PeerCircleAppFactory();
        var people = await app.CreateBoardGroupAsync();
        var url = SharingTestData.Board(people.Group.Id);
        using var warmUp = await people.Bob.Client.GetAsync(new Uri(url, UriKind.Relative));

        var (response, commands) = await app.GetCountingSqlAsync(people.Bob.Client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The board access query is compiled once for both ways in; here the thread's id is the null parameter.
        await AssertBoardReadByKeyAsync(app, commands, absentParameter: "@threadId");
    }

    /// <summary>The page's one query of groups (the board access check) has no trace of the null parameter and reads the group by key.</summary>
    private async Task AssertBoardReadByKeyAsync(PeerCircleAppFactory app, IReadOnlyList<string> commands, string absentParameter)
    {
        var boardQuery = Assert.Single(commands, c => c.Contains("FROM \"Groups\" AS \"g\"", StringComparison.Ordinal));
        Assert.DoesNotContain(absentParameter, boardQuery, StringComparison.Ordinal);
        var plan = await PlanAsync(app, boardQuery);
        output.WriteLine(string.Join(Environment.NewLine, plan.Select(p => $"{p.Id} {p.Parent} {p.Detail}")));
        Assert.Contains(plan, p => p.Detail.StartsWith("SEARCH g USING INDEX sqlite_autoindex_Groups_1 (Id=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.Detail.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_dashboard_counts_training_awaiting_verification_by_index()
    {
        using var app = new PeerCircleAppFactory();
        var (admin, _) = await app.SignedInClientAsync(PeerCircle.Domain.Accounts.Roles.Admin);
        using var warmUp = await admin.GetAsync(new Uri("/Admin", UriKind.Relative));

        var (response, commands) = await app.GetCountingSqlAsync(admin, "/Admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var count = Assert.Single(commands, c => c.Contains("FROM \"TrainingRecords\"", StringComparison.Ordinal));
        var plan = await PlanAsync(app, count);
        output.WriteLine(string.Join(Environment.NewLine, plan.Select(p => $"{p.Id} {p.Parent} {p.Detail}")));

        Assert.Contains(plan, p => p.Detail.Contains("USING COVERING INDEX IX_TrainingRecords_VerifiedUtc (VerifiedUtc=?)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shares_optional_links_are_indexed_only_where_set_and_the_queries_by_them_still_use_their_indexes()
    {
        using var app = new PeerCircleAppFactory();
        var id = Guid.NewGuid();
        var now = DateTime.UtcNow;
        // The queries by each link as the app asks them: a room's messages, a pairing's latest, the purge's expired, an owner's.
        var queries = await app.WithDbAsync(db => Task.FromResult(new (string Index, string Column, string Sql)[]
        {
            ("IX_Shares_SessionId", "SessionId", db.Shares.Where(s => s.SessionId == id && s.Kind == ShareKind.SessionMessage).OrderBy(s => s.CreatedUtc).ToQueryString()),
            ("IX_Shares_PairingId_CreatedUtc", "PairingId", db.Shares.Where(s => s.PairingId == id).OrderByDescending(s => s.CreatedUtc).Take(20).ToQueryString()),
            ("IX_Shares_ExpiresUtc", "ExpiresUtc", db.Shares.Where(s => s.ExpiresUtc != null && s.ExpiresUtc <= now && s.PurgedUtc == null).ToQueryString()),
            ("IX_Shares_ConversationOwnerId", "ConversationOwnerId", db.Shares.Where(s => s.ConversationOwnerId == id).ToQueryString()),
        }));

        foreach (var (index, column, sql) in queries)
        {
            // A board post sets none of these: it writes no entry into these indexes (issue 9).
            var definition = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE name = {0}", index).SingleAsync());
            Assert.EndsWith($"WHERE \"{column}\" IS NOT NULL", definition, StringComparison.Ordinal);

            var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
            var plan = await PlanAsync(app, statement);
            output.WriteLine(string.Join(Environment.NewLine, plan.Select(p => $"{index}: {p.Detail}")));
            Assert.Contains(plan, p => p.Detail.StartsWith($"SEARCH s USING INDEX {index} ", StringComparison.Ordinal));
        }
    }

    private static Task<List<(int Id, int Parent, string Detail)>> PlanAsync(PeerCircleAppFactory app, string sql) =>
        app.WithDbAsync(async db =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                command.Parameters.AddWithValue(name, DBNull.Value);
            }

            var rows = new List<(int, int, string)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetString(3)));
            }

            return rows;
        });

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
