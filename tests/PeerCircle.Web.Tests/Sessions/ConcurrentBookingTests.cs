using System.Diagnostics;
using System.Net;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Sessions;

/// <summary>Capacity is never exceeded, even when many people take the last seats at the same moment.</summary>
public sealed class ConcurrentBookingTests(PeerCircleAppFactory app, ITestOutputHelper output) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Fifty_members_booking_the_last_ten_seats_at_the_same_moment_end_with_ten_going_and_forty_waitlisted()
    {
        const int people = 50;
        const int seats = 10;
        var group = await app.CreateGroupAsync(capacity: seats);
        var session = await app.CreateSessionAsync(group.Id, capacity: seats);

        var clients = await Task.WhenAll(Enumerable.Range(0, people).Select(_ => app.SignedInClientAsync()));
        await app.AddMemberAsync(group.Id, [.. clients.Select(c => c.User.Id)]);
        var page = $"/Sessions/Details/{session.Id}";
        // Every page is open (and every form token read) before anyone clicks.
        var tokens = await Task.WhenAll(clients.Select(c => c.Client.FormTokenAsync(page)));

        var stopwatch = Stopwatch.StartNew();
        var responses = await Task.WhenAll(clients.Select((c, i) => c.Client.PostFormAsync($"{page}?handler=Book", tokens[i])));
        stopwatch.Stop();
        output.WriteLine($"{people} simultaneous bookings answered in {stopwatch.ElapsedMilliseconds} ms");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var after = await app.SessionAsync(session.Id);
        var theirs = after.Bookings;
        Assert.Equal(people, theirs.Count);
        Assert.Equal(people, theirs.Select(b => b.UserId).Distinct().Count());
        Assert.Equal(seats, theirs.Count(b => b.Status == BookingStatus.Going));
        Assert.Equal(people - seats, theirs.Count(b => b.Status == BookingStatus.Waitlisted));
        Assert.Equal(seats, after.SeatsTaken);
        Assert.Equal(0, after.SeatsLeft);
    }
}
