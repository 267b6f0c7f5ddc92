using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;
using Group = PeerCircle.Domain.Groups.Group;

namespace PeerCircle.Web.Tests.Insight;

/// <summary>
/// The insight dashboard: figures aggregated per week and group, and nobody singled out — a figure
/// from fewer than five people reads "fewer than 5" in the page, the chart data and the CSV.
/// </summary>
public sealed partial class InsightTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string AdminPage = "/Admin/Insight";
    private const string FacilitatorPage = "/Facilitate/Insight";

    /// <summary>
    /// A session held a week ago in a new group: <paramref name="attended"/> people came (each checked in
    /// at 2 and out at 4) and <paramref name="missed"/> did not. All of them joined the group that week.
    /// </summary>
    private Task<(Group Group, Guid FacilitatorId)> HeldSessionAsync(int attended, int missed, string? name = null, Guid? facilitatorId = null) =>
        app.WithDbAsync(async db =>
        {
            var start = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(-7).AddHours(18), DateTimeKind.Utc);
            var before = start.AddDays(-1);
            var facilitator = facilitatorId ?? (await app.CreateUserAsync(Roles.Facilitator)).Id;
            var training = new TrainingRecord(facilitator, "Peer support facilitation", "Mind", DateOnly.FromDateTime(start).AddYears(-1), DateOnly.FromDateTime(start).AddYears(1), before);
            training.Verify(Guid.NewGuid(), before);
            db.TrainingRecords.Add(training);
            var group = new Group(StaffTestData.Details(name ?? $"Group {Guid.NewGuid().ToString("N")[..8]}"), GroupTestData.Agreement, before.AddDays(-1));
            group.AssignFacilitator(facilitator, before);
            db.Groups.Add(group);
            var session = new Session(group, start, 60, null, 20, before);
            session.AssignFacilitator(group, facilitator, [training], before);
            var came = new HashSet<Guid>();
            for (var i = 0; i < attended + missed; i++)
            {
                var person = await app.CreateUserAsync();
                var membership = Membership.Join(group, person.Id, group.CurrentAgreementVersion, before);
                db.Memberships.Add(membership);
                session.Reserve(group, membership, before);
                if (i < attended)
                {
                    came.Add(person.Id);
                    var author = new ShareAuthor(person.Id, group.Id, true, true, false);
                    db.Shares.Add(Share.CheckIn(author, session.Id, session.EndUtc, 30, closing: false, 2, start));
                    db.Shares.Add(Share.CheckIn(author, session.Id, session.EndUtc, 30, closing: true, 4, start.AddMinutes(59)));
                }
            }

            session.Start(group, facilitator, new Dictionary<Guid, IReadOnlyList<TrainingRecord>> { [facilitator] = [training] }, start);
            session.End(facilitator, start.AddMinutes(60), came);
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            return (group, facilitator);
        });

    private static string Only(Group group) => $"?GroupId={group.Id}";

    [Fact]
    public async Task A_group_with_four_attendees_shows_fewer_than_5_in_the_page_the_chart_data_and_the_csv()
    {
        var (group, _) = await HeldSessionAsync(attended: 4, missed: 0);
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        var page = await admin.PageTextAsync(AdminPage + Only(group));
        var row = GroupRow(page, group.Name);
        Assert.Equal(["1", "fewer than 5", "0", "–", "fewer than 5"], row);
        var chart = ChartData(page);
        Assert.All(chart.GetProperty("attendanceRate").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        // The week the four joined is withheld; the other weeks had nobody join.
        var newMembers = chart.GetProperty("newMembers").EnumerateArray().ToList();
        Assert.Single(newMembers, v => v.ValueKind == JsonValueKind.Null);
        Assert.All(newMembers.Where(v => v.ValueKind != JsonValueKind.Null), v => Assert.Equal(0, v.GetDouble()));
        var checkIns = Assert.Single(chart.GetProperty("checkInChange").EnumerateArray());
        Assert.All(checkIns.GetProperty("data").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        Assert.Contains(1.0, chart.GetProperty("sessionsHeld").EnumerateArray().Select(v => v.GetDouble()));

        var csv = await admin.PageTextAsync(AdminPage + Only(group) + "&handler=Csv");
        Assert.Contains($"\"group\",\"{group.Name}\",\"attendance rate\",\"fewer than 5\"", csv, StringComparison.Ordinal);
        Assert.Contains($"\"group\",\"{group.Name}\",\"average check-in change\",\"fewer than 5\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"new members\",\"fewer than 5\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\"attendance rate\",\"100%\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_people_are_enough_to_show_the_figures()
    {
        var (group, _) = await HeldSessionAsync(attended: 5, missed: 3);
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        var page = await admin.PageTextAsync(AdminPage + Only(group));

        Assert.Equal(["1", "63%", "0", "–", "+2.0"], GroupRow(page, group.Name));
        var chart = ChartData(page);
        Assert.Contains(62.5, chart.GetProperty("attendanceRate").EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.GetDouble()));
        Assert.Contains(8.0, chart.GetProperty("newMembers").EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.GetDouble()));
        var series = Assert.Single(chart.GetProperty("checkInChange").EnumerateArray());
        Assert.Contains(2.0, series.GetProperty("data").EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.GetDouble()));
        var csv = await admin.PageTextAsync(AdminPage + Only(group) + "&handler=Csv");
        Assert.Contains($"\"group\",\"{group.Name}\",\"attendance rate\",\"63%\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waitlist_pressure_from_fewer_than_five_people_is_withheld()
    {
        var (group, facilitator) = await HeldSessionAsync(attended: 5, missed: 0);
        var session = await app.CreateSessionAsync(group.Id, capacity: 2);
        var people = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var person = await app.CreateUserAsync();
            await app.AddMemberAsync(group.Id, person.Id);
            await app.ReserveAsync(session.Id, person.Id);
            people.Add(person.Id);
        }

        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var to = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var page = await admin.PageTextAsync(AdminPage + Only(group) + $"&To={to}");
        Assert.Equal("fewer than 5", GroupRow(page, group.Name)[2]);

        var more = await app.CreateUserAsync();
        await app.AddMemberAsync(group.Id, more.Id);
        await app.ReserveAsync(session.Id, more.Id);
        page = await admin.PageTextAsync(AdminPage + Only(group) + $"&To={to}");
        Assert.Equal("5", GroupRow(page, group.Name)[2]);
        Assert.NotEqual(Guid.Empty, facilitator);
    }

    [Theory]
    [InlineData(4, "fewer than 5", "fewer than 5")]
    [InlineData(5, "5", "3.0 hours")]
    public async Task Concerns_and_the_time_to_acknowledge_them_are_withheld_below_five(int count, string raised, string hours)
    {
        var (group, _) = await HeldSessionAsync(attended: 5, missed: 0);
        await app.WithDbAsync(async db =>
        {
            var opened = DateTime.UtcNow.AddDays(-3);
            for (var i = 0; i < count; i++)
            {
                var member = new Domain.Sharing.ShareViewer(Guid.NewGuid(), group.Id, IsActiveMember: true, IsGroupFacilitator: false);
                var concern = Domain.Safeguarding.Concern.RaisedByMember(member, null, "I'm worried about someone in my group.", opened);
                concern.Acknowledge(Guid.NewGuid(), opened.AddHours(3));
                db.Concerns.Add(concern);
            }

            await db.SaveChangesAsync();
        });
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        var page = await admin.PageTextAsync(AdminPage + Only(group));
        var csv = await admin.PageTextAsync(AdminPage + Only(group) + "&handler=Csv");

        Assert.Contains($"<tr><th scope=\"row\">{group.Name}</th><td>{raised}</td><td>{hours}</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains($"\"concerns\",\"{group.Name}\",\"concerns raised\",\"{raised}\"", csv, StringComparison.Ordinal);
        Assert.Contains($"\"concerns\",\"all groups\",\"average time to acknowledge\",\"{hours}\"", csv, StringComparison.Ordinal);
        var weekly = ChartData(page).GetProperty("concernsRaised").EnumerateArray().ToList();
        if (count < 5)
        {
            Assert.Contains(weekly, v => v.ValueKind == JsonValueKind.Null);
            Assert.DoesNotContain(weekly, v => v.ValueKind == JsonValueKind.Number && v.GetDouble() > 0);
        }
        else
        {
            Assert.Contains(weekly, v => v.ValueKind == JsonValueKind.Number && v.GetDouble() == 5);
        }
    }

    [Fact]
    public async Task A_facilitator_sees_only_their_own_groups()
    {
        var (client, me) = await app.SignedInClientAsync(Roles.Facilitator);
        var (mine, _) = await HeldSessionAsync(attended: 5, missed: 0, name: $"Mine {Guid.NewGuid():N}", facilitatorId: me.Id);
        var (theirs, _) = await HeldSessionAsync(attended: 5, missed: 0, name: $"Theirs {Guid.NewGuid():N}");

        var page = await client.PageTextAsync(FacilitatorPage);
        Assert.Contains(mine.Name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Name, page, StringComparison.Ordinal);

        var forged = await client.GetAsync(new Uri(FacilitatorPage + Only(theirs), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var text = await forged.TextAsync();
        Assert.Contains("Choose one of the groups in the list.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Name, text, StringComparison.Ordinal);
        var csv = await client.GetAsync(new Uri(FacilitatorPage + Only(theirs) + "&handler=Csv", UriKind.Relative));
        Assert.DoesNotContain(theirs.Name, await csv.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_cannot_open_the_dashboards()
    {
        var (member, _) = await app.SignedInClientAsync();
        foreach (var url in (string[])[AdminPage, FacilitatorPage, AdminPage + "?handler=Csv"])
        {
            var response = await member.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{url}: {response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("?From=2026-05-01&To=2026-04-01", "The start date must be on or before the end date.")]
    [InlineData("?From=2020-01-01&To=2026-01-01", "Choose a period of at most a year.")]
    [InlineData("?From=not-a-date", "is not valid")]
    [InlineData("?GroupId=12345", "is not valid")]
    public async Task Bad_filters_get_a_message_not_an_error(string query, string message)
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        var response = await admin.GetAsync(new Uri(AdminPage + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_figures_are_aggregated_in_the_database_whatever_the_amount_of_data()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        await HeldSessionAsync(attended: 5, missed: 1);
        var (_, few) = await app.GetCountingSqlAsync(admin, AdminPage);
        for (var i = 0; i < 4; i++)
        {
            await HeldSessionAsync(attended: 6, missed: 2);
        }

        var (response, many) = await app.GetCountingSqlAsync(admin, AdminPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(few.Count, many.Count);
        Assert.All(many.Where(c => c.Contains("\"Bookings\"", StringComparison.Ordinal) || c.Contains("\"Shares\"", StringComparison.Ordinal)),
            c => Assert.Contains("GROUP BY", c, StringComparison.Ordinal));
    }

    private static JsonElement ChartData(string html)
    {
        var json = ChartJson().Match(html);
        Assert.True(json.Success, "the page embeds its chart data");
        return JsonDocument.Parse(WebUtility.HtmlDecode(json.Groups[1].Value)).RootElement;
    }

    /// <summary>The cells after the group's name in the "By group" table.</summary>
    private static List<string> GroupRow(string html, string groupName)
    {
        var row = Row().Matches(html).Select(m => m.Groups[1].Value).FirstOrDefault(r => r.Contains($"<th scope=\"row\">{groupName}</th>", StringComparison.Ordinal));
        Assert.NotNull(row);
        return Cell().Matches(row).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"insight-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ChartJson();

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
