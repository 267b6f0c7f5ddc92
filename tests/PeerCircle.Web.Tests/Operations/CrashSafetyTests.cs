using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;
using PeerCircle.Web.Tests.ScaleOut;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Operations;

/// <summary>
/// Issue 8, crash safety: the real app process is killed with SIGKILL in the middle of a burst of board posts
/// and bookings, then started again. Every write whose HTTP success the client received is there, the SQLite
/// file passes integrity and foreign-key checks, and no session has more seats taken than it has.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xunit disposes the test through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 3;
    private const int People = 10;
    private const int SessionsPerRound = 3;
    private const int Capacity = 3;

    private readonly PeerCircleAppFactory _app = new();
    private readonly List<HttpClient> _clients = [];
    private AppProcess _process = null!;

    public async Task InitializeAsync()
    {
        // The factory migrates the file once and makes the first key; the process only uses them.
        _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("warm-up").Protect("key");
        var settings = TwoInstances.Settings(_app, "crash", redis: null);
        settings["Jobs__Reminders__Enabled"] = "false";
        settings["Jobs__Purge__Enabled"] = "false";
        _process = await AppProcess.StartAsync("crash instance", settings);
    }

    [Fact]
    public async Task Every_acknowledged_post_and_booking_survives_SIGKILL_mid_burst_and_the_database_stays_consistent()
    {
        var group = await _app.CreateGroupAsync(capacity: Capacity);
        var people = new List<(TestUser User, HttpClient Client, string Token)>();
        for (var i = 0; i < People; i++)
        {
            var user = await _app.CreateUserAsync();
            await _app.AddMemberAsync(group.Id, user.Id);
            var client = new BrowserCookies().ClientFor(_process.Address);
            _clients.Add(client);
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email, user.Password)).StatusCode);
            people.Add((user, client, await client.FormTokenAsync(SharingTestData.NewThread(group.Id))));
        }

        var posts = new ConcurrentDictionary<Guid, string>();
        var bookings = new ConcurrentBag<(Guid SessionId, Guid UserId)>();
        var cutOff = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            // Fresh sessions with few seats each round: most bookings end on the waiting list.
            var sessions = new List<Guid>();
            for (var s = 0; s < SessionsPerRound; s++)
            {
                sessions.Add((await _app.CreateSessionAsync(group.Id, GroupTestData.FutureUtc(days: 10 + round), capacity: Capacity)).Id);
            }

            var acknowledgedBefore = posts.Count + bookings.Count;
            using var stop = new CancellationTokenSource();
            var burst = people.Select((person, i) => Task.Run(async () =>
            {
                for (var k = 0; !stop.IsCancellationRequested; k++)
                {
                    try
                    {
                        var text = $"Round {round}, person {i}, post {k}";
                        var posted = await person.Client.PostFormAsync(SharingTestData.NewThread(group.Id), person.Token,
                        [
                            new("Input.Title", text), new("Input.Text", text), new("Input.Audience", "Group"),
                            new("Input.Byline", "Pseudonym"), new("Input.AsPrompt", "false"),
                        ]);
                        if (posted.StatusCode == HttpStatusCode.Redirect)
                        {
                            var location = posted.Headers.Location!.OriginalString;
                            posts[Guid.Parse(location[(location.LastIndexOf('/') + 1)..])] = text;
                        }

                        if (k < SessionsPerRound)
                        {
                            var session = sessions[(i + k) % SessionsPerRound];
                            var booked = await person.Client.PostFormAsync($"/Sessions/Details/{session}?handler=Book", person.Token);
                            if (booked.StatusCode == HttpStatusCode.Redirect)
                            {
                                bookings.Add((session, person.User.Id));
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // In flight when the process died: not acknowledged, so not expected.
                        Interlocked.Increment(ref cutOff);
                        return;
                    }
                    catch (TaskCanceledException)
                    {
                        Interlocked.Increment(ref cutOff);
                        return;
                    }
                }
            })).ToList();

            // Kill once the burst is well under way, with requests in flight.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (posts.Count + bookings.Count < acknowledgedBefore + 25 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            _process.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(burst);
            await _process.StartAgainAsync();
            await AssertEverythingAcknowledgedIsThereAsync(posts, bookings);
        }

        Assert.True(cutOff > 0, "No request was in flight when the process was killed.");
        output.WriteLine($"{Rounds} SIGKILLs mid-burst; {posts.Count} posts and {bookings.Count} bookings acknowledged, all found after restart; {cutOff} requests cut off.");

        // The restarted app serves the same people with the cookies it issued before the crashes.
        var board = await people[0].Client.GetAsync(new Uri(SharingTestData.Board(group.Id), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
    }

    private async Task AssertEverythingAcknowledgedIsThereAsync(ConcurrentDictionary<Guid, string> posts, ConcurrentBag<(Guid SessionId, Guid UserId)> bookings)
    {
        var ids = posts.Keys.ToList();
        var stored = await _app.WithDbAsync(db => db.Shares.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Text));
        Assert.All(posts, post => Assert.Equal(post.Value, Assert.Contains(post.Key, stored)));

        var sessionIds = bookings.Select(b => b.SessionId).Distinct().ToList();
        var sessions = await _app.WithDbAsync(db => db.Sessions.AsNoTracking().Include(s => s.Bookings).Where(s => sessionIds.Contains(s.Id)).ToListAsync());
        foreach (var (sessionId, userId) in bookings)
        {
            var booking = Assert.Single(sessions.Single(s => s.Id == sessionId).Bookings, b => b.UserId == userId);
            Assert.Contains(booking.Status, new[] { BookingStatus.Going, BookingStatus.Waitlisted });
        }

        foreach (var session in sessions)
        {
            var going = session.Bookings.Count(b => b.Status == BookingStatus.Going);
            Assert.Equal(going, session.SeatsTaken);
            Assert.True(going <= session.Capacity, $"{going} seats taken of {session.Capacity}");
            Assert.True(going == session.Capacity || session.Bookings.All(b => b.Status != BookingStatus.Waitlisted),
                "Someone waits while a seat is free.");
        }

        await using var connection = new SqliteConnection($"Data Source={_app.DatabaseFile}");
        await connection.OpenAsync();
        await using var integrity = connection.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", (string?)await integrity.ExecuteScalarAsync());
        await using var foreignKeys = connection.CreateCommand();
        foreignKeys.CommandText = "PRAGMA foreign_key_check;";
        Assert.Null(await foreignKeys.ExecuteScalarAsync());
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(client => client.Dispose());
        await _process.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _app.Dispose();
    }
}
