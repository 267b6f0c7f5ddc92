using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

public sealed class SessionEditTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string London = "Europe/London";

    private static string Url(Guid sessionId) => $"/Admin/Sessions/Edit/{sessionId}";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static List<KeyValuePair<string, string>> Reschedule(string scope, DateOnly? date, string time, string duration = "60", string capacity = "8", string topic = "New prompt") =>
    [
        new("Input.Scope", scope),
        new("Input.Date", date is { } d ? Iso(d) : ""),
        new("Input.Time", time),
        new("Input.DurationMinutes", duration),
        new("Input.Capacity", capacity),
        new("Input.Topic", topic),
    ];

    /// <summary>A weekly series at 18:00 London time starting next week, stored through the domain.</summary>
    private Task<(Group Group, List<Session> Sessions)> SeriesAsync(int occurrences = 4, params Guid[] facilitators) =>
        app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var group = new Group(StaffTestData.Details(timeZone: London), StaffTestData.Agreement, now);
            foreach (var facilitator in facilitators)
            {
                group.AssignFacilitator(facilitator, now);
            }

            var series = new SessionSeries(group, RecurrenceFrequency.Weekly, StaffTestData.Today.AddDays(7), new TimeOnly(18, 0), 90, "Check-in", 8, occurrences, now);
            var sessions = series.CreateSessions(group, now).ToList();
            db.Groups.Add(group);
            db.SessionSeries.Add(series);
            db.Sessions.AddRange(sessions);
            await db.SaveChangesAsync();
            return (group, sessions);
        });

    private Task<List<Session>> StoredAsync(Guid groupId) =>
        app.WithDbAsync(db => db.Sessions.Include(s => s.Facilitators).Where(s => s.GroupId == groupId).OrderBy(s => s.StartUtc).ToListAsync());

    private static TimeOnly LocalTime(Session s) => TimeOnly.FromDateTime(Zones.ToLocal(s.StartUtc, London));

    [Fact]
    public async Task Rescheduling_one_occurrence_moves_only_it_and_detaches_it_from_its_series()
    {
        var (group, sessions) = await SeriesAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var newDate = StaffTestData.Today.AddDays(15);

        var response = await client.SubmitFormAsync(Url(sessions[1].Id), Reschedule("ThisSession", newDate, "10:00"), $"{Url(sessions[1].Id)}?handler=Reschedule");

        response.AssertRedirectTo(Url(sessions[1].Id));
        var stored = await StoredAsync(group.Id);
        var moved = stored.Single(s => s.Id == sessions[1].Id);
        Assert.Equal(Zones.ToUtc(newDate.ToDateTime(new TimeOnly(10, 0)), London), moved.StartUtc);
        Assert.True(moved.IsSeriesException);
        Assert.Equal("New prompt", moved.Topic);
        Assert.All(stored.Where(s => s.Id != moved.Id), s => Assert.Equal(new TimeOnly(18, 0), LocalTime(s)));
        Assert.All(stored.Where(s => s.Id != moved.Id), s => Assert.False(s.IsSeriesException));
    }

    [Fact]
    public async Task Rescheduling_this_and_the_following_occurrences_keeps_their_dates_and_skips_the_ones_edited_on_their_own()
    {
        var (group, sessions) = await SeriesAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var detached = sessions[2].Id;
        (await client.SubmitFormAsync(Url(detached), Reschedule("ThisSession", DateOnly.FromDateTime(Zones.ToLocal(sessions[2].StartUtc, London)), "12:00"),
            $"{Url(detached)}?handler=Reschedule")).AssertRedirectTo(Url(detached));

        var response = await client.SubmitFormAsync(Url(sessions[1].Id), Reschedule("ThisAndFollowing", null, "19:30", "45", "12", "Looking ahead"),
            $"{Url(sessions[1].Id)}?handler=Reschedule");

        response.AssertRedirectTo(Url(sessions[1].Id));
        var stored = await StoredAsync(group.Id);
        Assert.Equal([new TimeOnly(18, 0), new TimeOnly(19, 30), new TimeOnly(12, 0), new TimeOnly(19, 30)], stored.Select(LocalTime));
        Assert.Equal(sessions.Select(s => DateOnly.FromDateTime(Zones.ToLocal(s.StartUtc, London))), stored.Select(s => DateOnly.FromDateTime(Zones.ToLocal(s.StartUtc, London))));
        Assert.Equal([90, 45, 60, 45], stored.Select(s => s.DurationMinutes));
        Assert.Equal(12, stored[3].Capacity);
        Assert.Equal("Looking ahead", stored[3].Topic);
        Assert.Contains("2 sessions of the series were changed.", await client.PageTextAsync(Url(sessions[1].Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_one_occurrence_emails_the_people_booked_discreetly_unless_they_turned_discreet_mode_off()
    {
        var (group, sessions) = await SeriesAsync();
        var discreet = await app.CreateUserAsync();
        var open = await app.CreateUserAsync();
        await app.SetProfileAsync(open.Id, discreet: false);
        await app.BookAsync(sessions[0].Id, discreet.Id);
        await app.BookAsync(sessions[0].Id, open.Id);
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = Url(sessions[0].Id);

        var response = await client.SubmitFormAsync(url, [new("CancelScope", "ThisSession"), new("ConfirmCancel", "true")], $"{url}?handler=Cancel");

        response.AssertRedirectTo(url);
        var stored = await StoredAsync(group.Id);
        Assert.Equal([SessionStatus.Cancelled, SessionStatus.Scheduled, SessionStatus.Scheduled, SessionStatus.Scheduled], stored.Select(s => s.Status));
        var discreetMail = Assert.Single(app.MailTo(discreet.Email));
        Assert.StartsWith("Your PeerCircle session on ", discreetMail.Subject, StringComparison.Ordinal);
        Assert.EndsWith(" is cancelled", discreetMail.Subject, StringComparison.Ordinal);
        Assert.Contains("your PeerCircle session on", discreetMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(group.Name, discreetMail.Subject + discreetMail.TextBody + discreetMail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Check-in", discreetMail.Subject + discreetMail.TextBody, StringComparison.Ordinal);
        var openMail = Assert.Single(app.MailTo(open.Email));
        Assert.Contains($"{group.Name} session", openMail.Subject, StringComparison.Ordinal);
        var page = await client.PageTextAsync(url);
        Assert.Contains("The session is cancelled. 2 people were told by email.", page, StringComparison.Ordinal);
        Assert.Contains("This session is cancelled", page, StringComparison.Ordinal);
        var notices = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == discreet.Id || n.UserId == open.Id).Select(n => n.Text).ToListAsync());
        Assert.Equal(2, notices.Count(n => n == PeerCircle.Web.Notifications.Notifier.SessionCancelled));
    }

    [Fact]
    public async Task Cancelling_this_and_the_following_occurrences_cancels_them_and_tells_everyone_booked_on_each()
    {
        var (group, sessions) = await SeriesAsync();
        var member = await app.CreateUserAsync();
        var earlyOnly = await app.CreateUserAsync();
        await app.BookAsync(sessions[0].Id, earlyOnly.Id);
        await app.BookAsync(sessions[1].Id, member.Id);
        await app.BookAsync(sessions[3].Id, member.Id);
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = Url(sessions[1].Id);

        var response = await client.SubmitFormAsync(url, [new("CancelScope", "ThisAndFollowing"), new("ConfirmCancel", "true")], $"{url}?handler=Cancel");

        response.AssertRedirectTo(url);
        var stored = await StoredAsync(group.Id);
        Assert.Equal([SessionStatus.Scheduled, SessionStatus.Cancelled, SessionStatus.Cancelled, SessionStatus.Cancelled], stored.Select(s => s.Status));
        var mails = app.MailTo(member.Email);
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Contains("PeerCircle session", m.Subject, StringComparison.Ordinal));
        Assert.Empty(app.MailTo(earlyOnly.Email));
        Assert.Contains("3 sessions are cancelled. 2 people were told by email.", await client.PageTextAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_needs_a_confirmation()
    {
        var (group, sessions) = await SeriesAsync(2);
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = Url(sessions[0].Id);

        var response = await client.SubmitFormAsync(url, [new("CancelScope", "ThisAndFollowing")], $"{url}?handler=Cancel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tick the box to confirm the cancellation.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.All(await StoredAsync(group.Id), s => Assert.Equal(SessionStatus.Scheduled, s.Status));
    }

    [Fact]
    public async Task A_cancelled_session_cannot_be_cancelled_or_moved_again()
    {
        var (_, sessions) = await SeriesAsync(2);
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = Url(sessions[0].Id);
        (await client.SubmitFormAsync(url, [new("CancelScope", "ThisSession"), new("ConfirmCancel", "true")], $"{url}?handler=Cancel")).AssertRedirectTo(url);

        var again = await client.SubmitFormAsync(url, [new("CancelScope", "ThisSession"), new("ConfirmCancel", "true")], $"{url}?handler=Cancel");
        var moved = await client.SubmitFormAsync(url, Reschedule("ThisSession", StaffTestData.Today.AddDays(20), "09:00"), $"{url}?handler=Reschedule");

        Assert.Contains("This session was cancelled, so it can't be cancelled.", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("This session was cancelled, so it can't be changed.", await moved.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_is_assigned_only_with_training_valid_on_the_sessions_date()
    {
        var unverified = await app.CreateUserAsync(Roles.Facilitator);
        var expired = await app.CreateUserAsync(Roles.Facilitator);
        var trained = await app.CreateUserAsync(Roles.Facilitator);
        var outsider = await app.CreateUserAsync(Roles.Facilitator);
        await app.AddTrainingAsync(unverified.Id, StaffTestData.Today.AddYears(-1), StaffTestData.Today.AddYears(1), verified: false);
        await app.AddTrainingAsync(expired.Id, StaffTestData.Today.AddYears(-2), StaffTestData.Today.AddDays(3));
        await app.AddValidTrainingAsync(trained.Id);
        await app.AddValidTrainingAsync(outsider.Id);
        var (group, sessions) = await SeriesAsync(2, unverified.Id, expired.Id, trained.Id);
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = Url(sessions[0].Id);
        var date = Day(DateOnly.FromDateTime(Zones.ToLocal(sessions[0].StartUtc, London)));

        foreach (var person in new[] { unverified, expired })
        {
            var refused = await client.SubmitFormAsync(url, [new("userId", person.Id.ToString())], $"{url}?handler=AssignFacilitator");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains($"This facilitator has no verified training valid on {date}, so they can't be assigned to this session.", await refused.TextAsync(), StringComparison.Ordinal);
        }

        var forged = await client.SubmitFormAsync(url, [new("userId", outsider.Id.ToString())], $"{url}?handler=AssignFacilitator");
        Assert.Contains("Choose a facilitator of this group from the list.", await forged.TextAsync(), StringComparison.Ordinal);

        (await client.SubmitFormAsync(url, [new("userId", trained.Id.ToString())], $"{url}?handler=AssignFacilitator")).AssertRedirectTo(url);
        var stored = (await StoredAsync(group.Id))[0];
        Assert.Equal([trained.Id], stored.Facilitators.Select(f => f.UserId));

        (await client.SubmitFormAsync(url, [new("userId", trained.Id.ToString())], $"{url}?handler=RemoveFacilitator")).AssertRedirectTo(url);
        Assert.Empty((await StoredAsync(group.Id))[0].Facilitators);
    }

    [Fact]
    public async Task Moving_a_session_to_a_date_its_facilitators_training_does_not_cover_is_refused()
    {
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        await app.AddTrainingAsync(facilitator.Id, StaffTestData.Today.AddYears(-1), StaffTestData.Today.AddDays(10));
        var (group, sessions) = await SeriesAsync(2, facilitator.Id);
        await app.WithDbAsync(async db =>
        {
            var session = await db.Sessions.Include(s => s.Facilitators).SingleAsync(s => s.Id == sessions[0].Id);
            var training = await db.TrainingRecords.Where(t => t.UserId == facilitator.Id).ToListAsync();
            session.AssignFacilitator(await db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id), facilitator.Id, training, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = Url(sessions[0].Id);
        var later = StaffTestData.Today.AddDays(20);

        var response = await client.SubmitFormAsync(url, Reschedule("ThisSession", later, "18:00"), $"{url}?handler=Reschedule");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"has no verified training valid on {Day(later)}", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(sessions[0].StartUtc, (await StoredAsync(group.Id))[0].StartUtc);
    }

    public static TheoryData<string, List<KeyValuePair<string, string>>, string> BadInput => new()
    {
        { "far past", Reschedule("ThisSession", new DateOnly(1999, 1, 1), "18:00"), "A session must start in the future" },
        { "no date", Reschedule("ThisSession", null, "18:00"), "Enter the new date." },
        { "500 seats", Reschedule("ThisSession", StaffTestData.Today.AddDays(9), "18:00", capacity: "500"), "Seats per session must be between 2 and 50." },
        { "five hours", Reschedule("ThisSession", StaffTestData.Today.AddDays(9), "18:00", duration: "300"), "A session lasts between 15 minutes and 4 hours." },
        { "forged scope", Reschedule("Everything", StaffTestData.Today.AddDays(9), "18:00"), "is not valid" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_shown_as_a_message_and_nothing_changes(string why, List<KeyValuePair<string, string>> form, string expected)
    {
        var (group, sessions) = await SeriesAsync(2);
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = Url(sessions[0].Id);

        var response = await client.SubmitFormAsync(url, form, $"{url}?handler=Reschedule");

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: answered {(int)response.StatusCode}");
        Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(sessions.Select(s => s.StartUtc), (await StoredAsync(group.Id)).Select(s => s.StartUtc));
    }

    [Fact]
    public async Task A_single_session_cannot_be_changed_as_a_series()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddDays(5));
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = Url(session.Id);

        var response = await client.SubmitFormAsync(url, Reschedule("ThisAndFollowing", null, "09:00"), $"{url}?handler=Reschedule");
        var cancel = await client.SubmitFormAsync(url, [new("CancelScope", "ThisAndFollowing"), new("ConfirmCancel", "true")], $"{url}?handler=Cancel");

        Assert.Contains("This session is not part of a series.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("This session is not part of a series.", await cancel.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Scheduled, (await app.SessionAsync(session.Id)).Status);
    }
}
