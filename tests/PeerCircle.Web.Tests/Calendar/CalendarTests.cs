using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Calendar;

/// <summary>The .ics per session, the private feed and its token, discreet mode, and the reminder switches.</summary>
public sealed partial class CalendarTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string GroupName = "Moonlit Otters Bereavement Circle";
    private const string Location = "Otterbridge Community Hall";
    private const string SessionTopic = "Anniversaries and difficult dates";
    private const string ManageCalendar = "/Identity/Account/Manage/Calendar";

    /// <summary>Everything that would tell a colleague glancing at a work calendar what the session is about.</summary>
    private static readonly string[] s_revealing =
        [GroupName, "Moonlit", "Otter", "Bereavement", "Grief", "Low mood", "LowMood", SessionTopic, "Anniversaries", Location];

    private async Task<(Guid GroupId, Guid SessionId)> GroupWithSessionAsync()
    {
        var group = await app.CreateGroupAsync($"{GroupName} {Guid.NewGuid().ToString("N")[..4]}", topics: [Topic.Grief, Topic.LowMood],
            format: GroupFormat.InPerson, location: Location);
        var session = await app.CreateSessionAsync(group.Id, new DateTime(2031, 3, 4, 18, 30, 0, DateTimeKind.Utc), topic: SessionTopic, durationMinutes: 90);
        return (group.Id, session.Id);
    }

    [Fact]
    public async Task In_discreet_mode_the_session_ics_says_PeerCircle_session_and_nothing_that_names_the_group_or_topic()
    {
        var (groupId, sessionId) = await GroupWithSessionAsync();
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(groupId, user.Id);

        var response = await client.GetAsync(new Uri($"/Sessions/Details/{sessionId}?handler=Calendar", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("peercircle-session.ics", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var ics = Unfold(await response.Content.ReadAsStringAsync());
        Assert.Contains("SUMMARY:PeerCircle session\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:{sessionId}@peercircle\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20310304T183000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTEND:20310304T200000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Matches("DTSTAMP:\\d{8}T\\d{6}Z", ics);
        Assert.Contains($"/Sessions/Details/{sessionId}", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("LOCATION", ics, StringComparison.Ordinal);
        var everything = string.Join("\n", response.Content.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"))
            + string.Join("\n", response.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}")) + "\n" + ics;
        foreach (var revealing in s_revealing)
        {
            Assert.DoesNotContain(revealing, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task With_discreet_mode_off_the_session_ics_names_the_group_its_topic_and_place()
    {
        var (groupId, sessionId) = await GroupWithSessionAsync();
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(groupId, user.Id);
        await app.SetProfileAsync(user.Id, discreet: false);

        var response = await client.GetAsync(new Uri($"/Sessions/Details/{sessionId}?handler=Calendar", UriKind.Relative));

        var ics = Unfold(await response.Content.ReadAsStringAsync());
        Assert.Matches($"SUMMARY:{GroupName} [0-9a-f]{{4}} session\r\n", ics);
        Assert.Contains($"LOCATION:{Location}", ics, StringComparison.Ordinal);
        Assert.Contains(SessionTopic, ics, StringComparison.Ordinal);
        Assert.Equal("peercircle-session.ics", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task The_private_feed_lists_my_going_and_waitlisted_sessions_and_nobody_elses()
    {
        var (groupId, sessionId) = await GroupWithSessionAsync();
        var full = await app.CreateSessionAsync(groupId, new DateTime(2031, 3, 11, 18, 30, 0, DateTimeKind.Utc), capacity: 2);
        var notBooked = await app.CreateSessionAsync(groupId, new DateTime(2031, 3, 18, 18, 30, 0, DateTimeKind.Utc));
        var (client, user) = await app.SignedInClientAsync();
        var others = new[] { await app.CreateUserAsync(), await app.CreateUserAsync() };
        await app.AddMemberAsync(groupId, [user.Id, .. others.Select(o => o.Id)]);
        await app.ReserveAsync(full.Id, others[0].Id, others[1].Id);
        await app.ReserveAsync(notBooked.Id, others[0].Id);
        await app.ReserveAsync(sessionId, user.Id);
        await app.ReserveAsync(full.Id, user.Id);

        var feedUrl = await CreateFeedAsync(client);
        var response = await app.CreateBrowserClient().GetAsync(new Uri(feedUrl, UriKind.Relative)); // no cookie: a calendar app

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = Unfold(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, EventCount(ics));
        Assert.Contains($"UID:{sessionId}@peercircle", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:{full.Id}@peercircle", ics, StringComparison.Ordinal);
        Assert.DoesNotContain(notBooked.Id.ToString(), ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:PeerCircle session (waitlist)\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("STATUS:TENTATIVE", ics, StringComparison.Ordinal);
        foreach (var revealing in s_revealing)
        {
            Assert.DoesNotContain(revealing, ics, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_new_link_stops_the_old_one_and_turning_the_feed_off_stops_every_link()
    {
        var (client, _) = await app.SignedInClientAsync();
        var calendarApp = app.CreateBrowserClient();
        var first = await CreateFeedAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(new Uri(first, UriKind.Relative))).StatusCode);

        var renew = await client.SubmitFormAsync(ManageCalendar, [], $"{ManageCalendar}?handler=NewLink");
        Assert.Equal(HttpStatusCode.Redirect, renew.StatusCode);
        var page = await client.GetStringAsync(new Uri(ManageCalendar, UriKind.Relative));
        Assert.Contains("The old one no longer works", page, StringComparison.Ordinal);
        var second = FeedPath(page);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(new Uri(first, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(new Uri(second, UriKind.Relative))).StatusCode);

        var off = await client.SubmitFormAsync(ManageCalendar, [], $"{ManageCalendar}?handler=TurnOff");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Contains("Create my calendar link", await client.GetStringAsync(new Uri(ManageCalendar, UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(new Uri(second, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Feed_tokens_are_long_random_and_compared_exactly()
    {
        var (client, user) = await app.SignedInClientAsync();
        var feed = await CreateFeedAsync(client);
        var token = feed["/Calendar/Feed/".Length..];
        var calendarApp = app.CreateBrowserClient();

        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(token, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.CalendarFeedToken).SingleAsync()));
        var caseFlipped = new string(token.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
        foreach (var wrong in new[] { caseFlipped, token[..^1], token + "A", new string('A', 43), "..%2F..%2Fetc" })
        {
            var response = await calendarApp.GetAsync(new Uri($"/Calendar/Feed/{wrong}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{wrong} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_feed_token_never_reaches_the_log()
    {
        var (client, _) = await app.SignedInClientAsync();
        var feed = await CreateFeedAsync(client);
        var token = feed["/Calendar/Feed/".Length..];

        await app.CreateBrowserClient().GetAsync(new Uri(feed, UriKind.Relative));

        var logs = await app.ReadLogsWhenAsync("/Calendar/Feed/(token)");
        Assert.Contains("/Calendar/Feed/(token)", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_two_reminder_switches_are_saved_in_my_profile()
    {
        var (client, user) = await app.SignedInClientAsync();

        var save = await client.SubmitFormAsync("/Identity/Account/Manage",
        [
            new("Input.Pseudonym", user.Pseudonym), new("Input.TimeZoneId", "Europe/London"), new("Input.Region", "GB"),
            new("Input.DiscreetMode", "true"), new("Input.RemindDayBefore", "false"), new("Input.RemindHourBefore", "true"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var saved = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => new { u.RemindDayBefore, u.RemindHourBefore }).SingleAsync());
        Assert.False(saved.RemindDayBefore);
        Assert.True(saved.RemindHourBefore);
        var page = await client.GetStringAsync(new Uri("/Identity/Account/Manage", UriKind.Relative));
        Assert.Contains("checked=\"checked\"", CheckboxTag(page, "Input_RemindHourBefore"), StringComparison.Ordinal);
        Assert.DoesNotContain("checked", CheckboxTag(page, "Input_RemindDayBefore"), StringComparison.Ordinal);
    }

    private static string CheckboxTag(string html, string id)
    {
        var match = Regex.Match(html, $"<input[^>]*id=\"{id}\"[^>]*>");
        Assert.True(match.Success, $"{id} is on the page");
        return match.Value;
    }

    /// <summary>Creates the feed from the profile page, as a person would, and returns its path.</summary>
    private static async Task<string> CreateFeedAsync(HttpClient client)
    {
        var create = await client.SubmitFormAsync(ManageCalendar, [], $"{ManageCalendar}?handler=NewLink");
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        var page = await client.GetStringAsync(new Uri(ManageCalendar, UriKind.Relative));
        Assert.Contains("Your calendar link is ready", page, StringComparison.Ordinal);
        return FeedPath(page);
    }

    private static string FeedPath(string html)
    {
        var match = FeedLink().Match(html);
        Assert.True(match.Success, "The page shows the feed link");
        return new Uri(match.Groups[1].Value).AbsolutePath;
    }

    /// <summary>iCalendar folds long lines (CRLF + space); unfold before looking for words.</summary>
    private static string Unfold(string ics) => ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);

    private static int EventCount(string ics) => BeginEvent().Count(ics);

    [GeneratedRegex("id=\"feed-url\"[^>]*value=\"(https?://[^\"]+)\"")]
    private static partial Regex FeedLink();

    [GeneratedRegex("BEGIN:VEVENT")]
    private static partial Regex BeginEvent();
}
