using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

public sealed class ScheduleTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string London = "Europe/London";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> Form(DateOnly date, string time = "18:00", string frequency = "", string occurrences = "3",
        string duration = "90", string capacity = "8", string topic = "Check-in", params Guid[] facilitators)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.Frequency", frequency),
            new("Input.Date", Iso(date)),
            new("Input.Time", time),
            new("Input.DurationMinutes", duration),
            new("Input.Capacity", capacity),
            new("Input.Occurrences", occurrences),
            new("Input.Topic", topic),
        };
        form.AddRange(facilitators.Select(f => new KeyValuePair<string, string>("Input.FacilitatorIds", f.ToString())));
        return form;
    }

    /// <summary>The next Sunday on which London's clocks go back (the last Sunday of October), at least two weeks away.</summary>
    private static DateOnly NextOctoberClockChange()
    {
        for (var year = DateTime.UtcNow.Year; ; year++)
        {
            var day = new DateOnly(year, 10, 31);
            while (day.DayOfWeek != DayOfWeek.Sunday)
            {
                day = day.AddDays(-1);
            }

            if (day > StaffTestData.Today.AddDays(14))
            {
                return day;
            }
        }
    }

    private async Task<(HttpClient Client, Guid GroupId, string Url, Guid Facilitator)> GroupWithFacilitatorAsync(bool trained = true)
    {
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        if (trained)
        {
            await app.AddValidTrainingAsync(facilitator.Id);
        }

        var group = await app.CreateGroupAsync(timeZoneId: London, facilitators: [facilitator.Id]);
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        return (client, group.Id, $"/Admin/Groups/Schedule/{group.Id}", facilitator.Id);
    }

    private Task<List<Session>> SessionsOfAsync(Guid groupId) =>
        app.WithDbAsync(db => db.Sessions.Include(s => s.Facilitators).Where(s => s.GroupId == groupId).OrderBy(s => s.StartUtc).ToListAsync());

    [Fact]
    public async Task A_one_off_session_is_scheduled_at_the_local_time_of_the_groups_zone_with_its_facilitator()
    {
        var (client, groupId, url, facilitator) = await GroupWithFacilitatorAsync();
        var date = StaffTestData.Today.AddDays(10);

        var response = await client.SubmitFormAsync(url, Form(date, "19:30", facilitators: facilitator));

        response.AssertRedirectTo(url);
        var session = Assert.Single(await SessionsOfAsync(groupId));
        Assert.Equal(Zones.ToUtc(date.ToDateTime(new TimeOnly(19, 30)), London), session.StartUtc);
        Assert.Equal(90, session.DurationMinutes);
        Assert.Equal("Check-in", session.Topic);
        Assert.Null(session.SeriesId);
        Assert.True(session.IsFacilitator(facilitator));
        var page = await client.PageTextAsync(url);
        Assert.Contains("is scheduled.", page, StringComparison.Ordinal);
        Assert.Contains(date.ToDateTime(new TimeOnly(19, 30)).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB")), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weekly_series_at_six_pm_London_stays_at_six_pm_local_across_the_October_clock_change()
    {
        var (client, groupId, url, facilitator) = await GroupWithFacilitatorAsync();
        var change = NextOctoberClockChange();
        var first = change.AddDays(-10);

        var response = await client.SubmitFormAsync(url, Form(first, "18:00", "Weekly", "3", facilitators: facilitator));

        response.AssertRedirectTo(url);
        var sessions = await SessionsOfAsync(groupId);
        Assert.Equal(3, sessions.Count);
        Assert.Equal([first, first.AddDays(7), first.AddDays(14)], sessions.Select(s => DateOnly.FromDateTime(Zones.ToLocal(s.StartUtc, London))));
        Assert.All(sessions, s => Assert.Equal(new TimeOnly(18, 0), TimeOnly.FromDateTime(Zones.ToLocal(s.StartUtc, London))));
        // Summer time before the change (17:00 UTC), winter time after it (18:00 UTC).
        Assert.Equal([17, 17, 18], sessions.Select(s => s.StartUtc.Hour));
        Assert.All(sessions, s => Assert.True(s.IsFacilitator(facilitator)));
        var series = await app.WithDbAsync(db => db.SessionSeries.SingleAsync(s => s.GroupId == groupId));
        Assert.Equal("FREQ=WEEKLY;INTERVAL=1;COUNT=3", series.RecurrenceRule);
        Assert.All(sessions, s => Assert.Equal(series.Id, s.SeriesId));
        Assert.Contains("3 sessions are scheduled", await client.PageTextAsync(url), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fortnightly", 14)]
    [InlineData("Monthly", 0)]
    public async Task Fortnightly_and_monthly_series_keep_their_local_time(string frequency, int days)
    {
        var (client, groupId, url, _) = await GroupWithFacilitatorAsync();
        var first = StaffTestData.Today.AddDays(5);
        while (first.Day > 28)
        {
            first = first.AddDays(1); // a monthly rule skips months without the 29th to 31st
        }

        (await client.SubmitFormAsync(url, Form(first, "07:15", frequency, "4"))).AssertRedirectTo(url);

        var local = (await SessionsOfAsync(groupId)).Select(s => Zones.ToLocal(s.StartUtc, London)).ToList();
        Assert.Equal(4, local.Count);
        Assert.All(local, l => Assert.Equal(new TimeOnly(7, 15), TimeOnly.FromDateTime(l)));
        var expected = Enumerable.Range(0, 4).Select(i => days > 0 ? first.AddDays(days * i) : first.AddMonths(i));
        Assert.Equal(expected, local.Select(DateOnly.FromDateTime));
    }

    [Fact]
    public async Task A_facilitator_with_unverified_training_makes_the_whole_schedule_refused_with_the_date()
    {
        var (client, groupId, url, facilitator) = await GroupWithFacilitatorAsync(trained: false);
        await app.AddTrainingAsync(facilitator, StaffTestData.Today.AddYears(-1), StaffTestData.Today.AddYears(1), verified: false);
        var first = StaffTestData.Today.AddDays(7);

        var response = await client.SubmitFormAsync(url, Form(first, "18:00", "Weekly", "4", facilitators: facilitator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains($"has no verified training valid on {first.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}, so they can't be assigned to this session.", page, StringComparison.Ordinal);
        Assert.Contains("Nothing was scheduled.", page, StringComparison.Ordinal);
        Assert.Empty(await SessionsOfAsync(groupId));
        Assert.False(await app.WithDbAsync(db => db.SessionSeries.AnyAsync(s => s.GroupId == groupId)));
    }

    [Fact]
    public async Task Training_that_expires_during_a_series_refuses_the_whole_series_naming_the_first_date_it_is_not_valid()
    {
        var (client, groupId, url, facilitator) = await GroupWithFacilitatorAsync(trained: false);
        var first = StaffTestData.Today.AddDays(7);
        await app.AddTrainingAsync(facilitator, StaffTestData.Today.AddYears(-1), first.AddDays(10));

        var response = await client.SubmitFormAsync(url, Form(first, "18:00", "Weekly", "4", facilitators: facilitator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"no verified training valid on {first.AddDays(14).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await SessionsOfAsync(groupId));
    }

    public static TheoryData<string, List<KeyValuePair<string, string>>, string> BadInput => new()
    {
        { "far past", Form(new DateOnly(2001, 1, 1)), "A session must start in the future" },
        { "far future", Form(StaffTestData.Today.AddYears(5)), "Sessions can be planned up to 2 years ahead." },
        { "year 9999", Form(new DateOnly(9999, 12, 31), "23:59"), "Sessions can be planned up to 2 years ahead." },
        { "too short", Form(StaffTestData.Today.AddDays(3), duration: "5"), "A session lasts between 15 minutes and 4 hours." },
        { "no seats", Form(StaffTestData.Today.AddDays(3), capacity: "0"), "Seats per session must be between 2 and 50." },
        { "500 seats", Form(StaffTestData.Today.AddDays(3), capacity: "500"), "Seats per session must be between 2 and 50." },
        { "one-session series", Form(StaffTestData.Today.AddDays(3), frequency: "Weekly", occurrences: "1"), "A series has between 2 and 52 sessions." },
        { "huge series", Form(StaffTestData.Today.AddDays(3), frequency: "Weekly", occurrences: "5000"), "A series has between 2 and 52 sessions." },
        { "forged frequency", Form(StaffTestData.Today.AddDays(3), frequency: "Hourly"), "is not valid" },
        { "long topic", Form(StaffTestData.Today.AddDays(3), topic: new string('t', 100_000)), "The topic must be at most 200 characters." },
        { "forged facilitator", Form(StaffTestData.Today.AddDays(3), facilitators: Guid.NewGuid()), "Choose facilitators of this group from the list." },
        { "no time", Form(StaffTestData.Today.AddDays(3), time: ""), "Enter the start time." },
        { "bad time", Form(StaffTestData.Today.AddDays(3), time: "25:99"), "is not valid" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_shown_as_a_message_and_nothing_is_scheduled(string why, List<KeyValuePair<string, string>> form, string expected)
    {
        var (client, groupId, url, _) = await GroupWithFacilitatorAsync();

        var response = await client.SubmitFormAsync(url, form);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: answered {(int)response.StatusCode}");
        Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await SessionsOfAsync(groupId));
    }

    [Fact]
    public async Task A_time_earlier_today_is_refused_by_the_domain()
    {
        var (client, groupId, url, _) = await GroupWithFacilitatorAsync();
        var localNow = Zones.ToLocal(DateTime.UtcNow, London);
        var earlier = localNow.AddMinutes(-5);
        if (DateOnly.FromDateTime(earlier) != DateOnly.FromDateTime(localNow))
        {
            return; // just after midnight: there is no earlier time today to try
        }

        var response = await client.SubmitFormAsync(url, Form(DateOnly.FromDateTime(earlier), earlier.ToString("HH:mm", CultureInfo.InvariantCulture)));

        Assert.Contains("A session must start in the future.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await SessionsOfAsync(groupId));
    }

    [Fact]
    public async Task An_archived_group_takes_no_new_sessions()
    {
        var (client, groupId, url, _) = await GroupWithFacilitatorAsync();
        await app.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Id == groupId);
            group.Archive(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var response = await client.SubmitFormAsync(url, Form(StaffTestData.Today.AddDays(3)));

        Assert.Contains("Sessions can't be scheduled for an archived group.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await SessionsOfAsync(groupId));
    }

    [Fact]
    public async Task The_schedule_lists_upcoming_sessions_with_their_facilitators()
    {
        var (client, groupId, url, facilitator) = await GroupWithFacilitatorAsync();
        var session = await app.CreateSessionAsync(groupId, DateTime.UtcNow.AddDays(4), facilitators: facilitator);
        var pseudonym = await app.WithDbAsync(db => db.Users.Where(u => u.Id == facilitator).Select(u => u.Pseudonym).SingleAsync());

        var page = await client.PageTextAsync(url);

        Assert.Contains($"href=\"/Admin/Sessions/Edit/{session.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains($"<td>{pseudonym}</td>", page, StringComparison.Ordinal);
        Assert.Contains("training valid until", page, StringComparison.Ordinal);
    }
}
