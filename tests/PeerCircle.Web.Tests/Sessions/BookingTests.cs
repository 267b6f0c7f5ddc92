using System.Net;
using System.Text.RegularExpressions;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Sessions;

/// <summary>Booking, the waitlist, cancelling and promotion, "My sessions", and times in my own zone.</summary>
public sealed partial class BookingTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private static string Page(Guid id) => $"/Sessions/Details/{id}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid sessionId, string handler) =>
        client.SubmitFormAsync(Page(sessionId), [], $"{Page(sessionId)}?handler={handler}");

    [Fact]
    public async Task Booking_a_seat_makes_me_going_and_the_session_shows_in_my_sessions()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id, capacity: 3, topic: "Saying no without guilt");
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, user.Id);

        var response = await PostAsync(client, session.Id, "Book");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await TextAsync(client, Page(session.Id));
        Assert.Contains("You have a seat in this session.", page, StringComparison.Ordinal);
        Assert.Contains("You're going.", page, StringComparison.Ordinal);
        Assert.Contains("2 of 3", page, StringComparison.Ordinal);
        Assert.Contains("Cancel my booking", page, StringComparison.Ordinal);
        var mine = await TextAsync(client, "/Sessions/Mine");
        Assert.Contains(Page(session.Id), mine, StringComparison.Ordinal);
        Assert.Contains("Saying no without guilt", mine, StringComparison.Ordinal);
        Assert.Contains("You're going.", mine, StringComparison.Ordinal);
        Assert.Equal(1, (await app.SessionAsync(session.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Booking_a_full_session_puts_me_on_the_waitlist_with_my_place_in_line()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id, capacity: 2);
        var first = await app.CreateUserAsync();
        var second = await app.CreateUserAsync();
        var earlier = await app.CreateUserAsync();
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, first.Id, second.Id, earlier.Id, user.Id);
        await app.ReserveAsync(session.Id, first.Id, second.Id, earlier.Id);

        var before = await TextAsync(client, Page(session.Id));
        Assert.Contains("Join the waitlist</button>", before, StringComparison.Ordinal);
        var response = await PostAsync(client, session.Id, "Book");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await TextAsync(client, Page(session.Id));
        Assert.Contains("This session is full, so you are on the waitlist.", page, StringComparison.Ordinal);
        Assert.Contains("You're on the waitlist (number 2).", page, StringComparison.Ordinal);
        Assert.Contains("2 people waiting", page, StringComparison.Ordinal);
        Assert.Contains("You're on the waitlist.", await TextAsync(client, "/Sessions/Mine"), StringComparison.Ordinal);
        var after = await app.SessionAsync(session.Id);
        Assert.Equal(2, after.SeatsTaken);
        Assert.Equal(BookingStatus.Waitlisted, after.Bookings.Single(b => b.UserId == user.Id).Status);
    }

    [Fact]
    public async Task Cancelling_gives_the_seat_to_the_first_person_waiting_who_is_emailed_discreetly()
    {
        var group = await app.CreateGroupAsync($"Harbour lights {Guid.NewGuid():N}"[..24], topics: [Domain.Groups.Topic.Grief]);
        var session = await app.CreateSessionAsync(group.Id, capacity: 2);
        var (client, user) = await app.SignedInClientAsync();
        var other = await app.CreateUserAsync();
        var firstWaiting = await app.CreateUserAsync();
        var secondWaiting = await app.CreateUserAsync();
        await app.AddMemberAsync(group.Id, user.Id, other.Id, firstWaiting.Id, secondWaiting.Id);
        await app.ReserveAsync(session.Id, user.Id, other.Id, firstWaiting.Id, secondWaiting.Id);

        var response = await PostAsync(client, session.Id, "Cancel");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Your booking is cancelled.", await TextAsync(client, Page(session.Id)), StringComparison.Ordinal);
        var after = await app.SessionAsync(session.Id);
        Assert.Equal(2, after.SeatsTaken);
        Assert.Equal(BookingStatus.Cancelled, after.Bookings.Single(b => b.UserId == user.Id).Status);
        Assert.Equal(BookingStatus.Going, after.Bookings.Single(b => b.UserId == firstWaiting.Id).Status);
        Assert.Equal(BookingStatus.Waitlisted, after.Bookings.Single(b => b.UserId == secondWaiting.Id).Status);

        var mail = Assert.Single(app.ReadMail(), m => m.Contains(firstWaiting.Email, StringComparison.Ordinal));
        var text = Unwrap(mail);
        Assert.Contains("A seat opened up", text, StringComparison.Ordinal);
        Assert.Contains("PeerCircle session", text, StringComparison.Ordinal);
        Assert.Contains(Page(session.Id), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Grief", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.ReadMail(), m => m.Contains(secondWaiting.Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Booking_again_after_cancelling_takes_a_seat_on_the_same_booking_and_leaves_the_others_alone()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id, capacity: 3);
        var (client, user) = await app.SignedInClientAsync();
        var going = await app.CreateUserAsync();
        var alsoGoing = await app.CreateUserAsync();
        await app.AddMemberAsync(group.Id, user.Id, going.Id, alsoGoing.Id);
        await app.ReserveAsync(session.Id, going.Id, user.Id, alsoGoing.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, session.Id, "Cancel")).StatusCode);
        Assert.Equal(2, (await app.SessionAsync(session.Id)).SeatsTaken);
        var again = await PostAsync(client, session.Id, "Book");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("You have a seat in this session.", await TextAsync(client, Page(session.Id)), StringComparison.Ordinal);
        var after = await app.SessionAsync(session.Id);
        Assert.Equal(3, after.SeatsTaken);
        Assert.Equal(3, after.Bookings.Count);
        Assert.Equal(BookingStatus.Going, after.Bookings.Single(b => b.UserId == user.Id).Status);
        Assert.All(after.Bookings, b => Assert.Equal(BookingStatus.Going, b.Status));
    }

    [Fact]
    public async Task Cancelling_from_my_sessions_frees_the_seat()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id, capacity: 4);
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, user.Id);
        await app.ReserveAsync(session.Id, user.Id);

        var response = await client.SubmitFormAsync("/Sessions/Mine", [], $"/Sessions/Mine?handler=Cancel&sessionId={session.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mine = await TextAsync(client, "/Sessions/Mine");
        Assert.Contains("Your booking is cancelled.", mine, StringComparison.Ordinal);
        Assert.DoesNotContain(Page(session.Id), mine, StringComparison.Ordinal);
        Assert.Equal(0, (await app.SessionAsync(session.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Booking_twice_or_cancelling_without_a_booking_gets_a_message_never_a_500()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id);
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, user.Id);
        var token = await client.FormTokenAsync(Page(session.Id));

        var cancel = await client.PostFormAsync($"{Page(session.Id)}?handler=Cancel", token);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Contains("You don't have a booking in this session.", WebUtility.HtmlDecode(await cancel.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{Page(session.Id)}?handler=Book", token)).StatusCode);
        var twice = await client.PostFormAsync($"{Page(session.Id)}?handler=Book", token);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("You already have a seat in this session.", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, (await app.SessionAsync(session.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Booking_a_cancelled_session_is_refused_with_a_message()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id);
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, user.Id);
        var token = await client.FormTokenAsync(Page(session.Id));
        await app.WithDbAsync(async db =>
        {
            (await db.Sessions.FindAsync(session.Id))!.Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync($"{Page(session.Id)}?handler=Book", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("This session was cancelled, so it can't be booked.", html, StringComparison.Ordinal);
        Assert.Contains("This session has been cancelled.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/New_York", "13:00", "Thursday 15 January 2032")]
    [InlineData("Europe/London", "18:00", "Thursday 15 January 2032")]
    [InlineData("Australia/Sydney", "05:00", "Friday 16 January 2032")]
    public async Task Times_are_shown_in_the_members_own_time_zone(string zone, string hour, string date)
    {
        var group = await app.CreateGroupAsync(timeZoneId: "Europe/London");
        var start = new DateTime(2032, 1, 15, 18, 0, 0, DateTimeKind.Utc);
        var session = await app.CreateSessionAsync(group.Id, start);
        var user = await app.CreateUserAsync();
        await app.SetProfileAsync(user.Id, timeZoneId: zone);
        await app.AddMemberAsync(group.Id, user.Id);
        await app.ReserveAsync(session.Id, user.Id);
        var client = app.CreateBrowserClient();
        await client.SignInAsync(user.Email, user.Password);

        var expected = $"{date}, {hour}</time>";
        var page = await TextAsync(client, Page(session.Id));
        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.Contains($"(your time, {zone})", page, StringComparison.Ordinal);
        Assert.Contains(expected, await TextAsync(client, "/Sessions/Mine"), StringComparison.Ordinal);
        Assert.Contains(expected, await TextAsync(client, $"/Groups/Details/{group.Id}"), StringComparison.Ordinal);
        if (zone != "Europe/London")
        {
            Assert.Contains("Thursday 15 January 2032, 18:00</time> in the group's time zone (Europe/London)", page, StringComparison.Ordinal);
        }
    }

    /// <summary>A page's HTML with entities decoded, to look for text as the person reads it.</summary>
    private static async Task<string> TextAsync(HttpClient client, string url) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(url, UriKind.Relative)));

    /// <summary>The .eml body as text: quoted-printable soft line breaks joined.</summary>
    private static string Unwrap(string mail) =>
        SoftBreak().Replace(mail, string.Empty).Replace("=3D", "=", StringComparison.Ordinal);

    [GeneratedRegex("=\r?\n")]
    private static partial Regex SoftBreak();
}
