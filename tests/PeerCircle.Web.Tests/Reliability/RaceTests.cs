using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Reliability;

/// <summary>
/// Two people doing the same thing at the same moment: real parallel requests through the whole app
/// against one SQLite file, each race repeated so that an interleaving that loses data would show up.
/// </summary>
public sealed partial class RaceTests(PeerCircleAppFactory app, ITestOutputHelper output) : IClassFixture<PeerCircleAppFactory>
{
    private const int Rounds = 6;

    /// <summary>Releases every request at once, after all of them are ready to go.</summary>
    /// <summary>A group that asks before you join, with two facilitators signed in.</summary>
    private async Task<(HttpClient First, TestUser FirstFacilitator, HttpClient Second, TestUser SecondFacilitator, PeerCircle.Domain.Groups.Group Group)> TwoFacilitatorsOfAByRequestGroupAsync()
    {
        var (first, firstFacilitator) = await app.SignedInClientAsync(Roles.Facilitator);
        var (second, secondFacilitator) = await app.SignedInClientAsync(Roles.Facilitator);
        var group = await app.CreateGroupAsync(joinPolicy: JoinPolicy.ByRequest, facilitators: [firstFacilitator.Id, secondFacilitator.Id]);
        return (first, firstFacilitator, second, secondFacilitator, group);
    }

    /// <summary>A new person asks to join; each facilitator has the page open (its form token) and the request's form fields.</summary>
    private async Task<(TestUser Asking, string[] Tokens, KeyValuePair<string, string>[] Fields)> JoinRequestAsync(Guid groupId, HttpClient first, HttpClient second, string url)
    {
        var asking = await app.CreateUserAsync();
        var membership = await app.JoinAsync(groupId, asking.Id);
        var tokens = await Task.WhenAll(first.FormTokenAsync(url), second.FormTokenAsync(url));
        return (asking, tokens, [new("membershipId", membership.Id.ToString())]);
    }

    private static async Task<HttpResponseMessage[]> AllAtOnceAsync(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = requests.Select(async request =>
        {
            await gate.Task;
            return await request();
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(running);
    }

    [Fact]
    public async Task Many_members_racing_for_the_last_seat_end_with_one_going_and_the_rest_waitlisted_every_time()
    {
        const int racers = 6;
        var group = await app.CreateGroupAsync(capacity: 3);
        var holders = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.CreateUserAsync()));
        var clients = await Task.WhenAll(Enumerable.Range(0, racers).Select(_ => app.SignedInClientAsync()));
        await app.AddMemberAsync(group.Id, [.. holders.Select(h => h.Id), .. clients.Select(c => c.User.Id)]);

        for (var round = 0; round < Rounds; round++)
        {
            var session = await app.CreateSessionAsync(group.Id, GroupTestData.FutureUtc(days: 10 + round), capacity: 3);
            await app.ReserveAsync(session.Id, [.. holders.Select(h => h.Id)]);
            var page = $"/Sessions/Details/{session.Id}";
            var tokens = await Task.WhenAll(clients.Select(c => c.Client.FormTokenAsync(page)));

            // The first racer also double-clicks: their two posts race each other as well.
            var requests = clients.Select((c, i) => (Func<Task<HttpResponseMessage>>)(() => c.Client.PostFormAsync($"{page}?handler=Book", tokens[i])))
                .Append(() => clients[0].Client.PostFormAsync($"{page}?handler=Book", tokens[0]));
            var responses = await AllAtOnceAsync(requests);

            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"round {round}: {(int)r.StatusCode}"));
            var after = await app.SessionAsync(session.Id);
            var racing = after.Bookings.Where(b => clients.Any(c => c.User.Id == b.UserId)).ToList();
            Assert.Equal(racers, racing.Count);
            Assert.Equal(racers, racing.Select(b => b.UserId).Distinct().Count());
            Assert.Single(racing, b => b.Status == BookingStatus.Going);
            Assert.Equal(racers - 1, racing.Count(b => b.Status == BookingStatus.Waitlisted));
            Assert.Equal(3, after.SeatsTaken);
            Assert.Equal(3, after.Bookings.Count(b => b.Status == BookingStatus.Going));
        }

        output.WriteLine($"{Rounds} rounds of {racers + 1} simultaneous bookings for the last seat");
    }

    [Fact]
    public async Task Two_cancellations_at_the_same_moment_promote_the_first_two_on_the_waitlist_once_each()
    {
        var group = await app.CreateGroupAsync(capacity: 2);
        var going = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.SignedInClientAsync()));
        var waiting = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.CreateUserAsync()));
        await app.AddMemberAsync(group.Id, [.. going.Select(g => g.User.Id), .. waiting.Select(w => w.Id)]);

        for (var round = 0; round < Rounds; round++)
        {
            var session = await app.CreateSessionAsync(group.Id, GroupTestData.FutureUtc(days: 10 + round), capacity: 2);
            await app.ReserveAsync(session.Id, [.. going.Select(g => g.User.Id), .. waiting.Select(w => w.Id)]);
            var page = $"/Sessions/Details/{session.Id}";
            var tokens = await Task.WhenAll(going.Select(g => g.Client.FormTokenAsync(page)));
            var link = $"/Sessions/Details/{session.Id}";

            var responses = await AllAtOnceAsync(going.Select((g, i) => (Func<Task<HttpResponseMessage>>)(() => g.Client.PostFormAsync($"{page}?handler=Cancel", tokens[i]))));

            Assert.All(responses, r => r.AssertRedirectTo(page));
            var after = await app.SessionAsync(session.Id);
            Assert.All(going, g => Assert.Equal(BookingStatus.Cancelled, after.Bookings.Single(b => b.UserId == g.User.Id).Status));
            Assert.Equal(BookingStatus.Going, after.Bookings.Single(b => b.UserId == waiting[0].Id).Status);
            Assert.Equal(BookingStatus.Going, after.Bookings.Single(b => b.UserId == waiting[1].Id).Status);
            Assert.Equal(BookingStatus.Waitlisted, after.Bookings.Single(b => b.UserId == waiting[2].Id).Status);
            Assert.Equal(2, after.SeatsTaken);

            // Each promoted person is told exactly once, in the app and by email; the third is not told.
            var told = await app.WithDbAsync(db => db.Notifications.AsNoTracking()
                .Where(n => n.Text == Notifier.Promoted && n.Link == link).Select(n => n.UserId).ToListAsync());
            Assert.Equal(new[] { waiting[0].Id, waiting[1].Id }.Order(), told.Order());
            foreach (var (person, expected) in new[] { (waiting[0], 1), (waiting[1], 1), (waiting[2], 0) })
            {
                var mails = app.MailTo(person.Email).Count(m => (m.TextBody ?? string.Empty).Contains(session.Id.ToString(), StringComparison.Ordinal)
                    && (m.Subject ?? string.Empty).StartsWith("A seat opened up", StringComparison.Ordinal));
                Assert.Equal(expected, mails);
            }
        }

        output.WriteLine($"{Rounds} rounds of two simultaneous cancellations with three on the waitlist");
    }

    [Fact]
    public async Task Approving_the_same_join_request_twice_at_once_decides_it_once_and_tells_the_member_once()
    {
        var (first, firstFacilitator, second, secondFacilitator, group) = await TwoFacilitatorsOfAByRequestGroupAsync();
        const string url = "/Facilitate";

        for (var round = 0; round < Rounds; round++)
        {
            var (asking, tokens, fields) = await JoinRequestAsync(group.Id, first, second, url);

            // Both facilitators click Approve, and the first one clicks twice.
            var responses = await AllAtOnceAsync(
            [
                () => first.PostFormAsync($"{url}?handler=Approve", tokens[0], fields),
                () => second.PostFormAsync($"{url}?handler=Approve", tokens[1], fields),
                () => first.PostFormAsync($"{url}?handler=Approve", tokens[0], fields),
            ]);

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                Assert.Contains("This request has already been decided.", await refused.TextAsync(), StringComparison.Ordinal);
            }

            var stored = await app.MembershipAsync(group.Id, asking.Id);
            Assert.Equal(MembershipStatus.Active, stored!.Status);
            Assert.Single(app.MailTo(asking.Email));
        }

        output.WriteLine($"{Rounds} rounds of three simultaneous approvals of one request");
    }

    [Fact]
    public async Task Approving_and_declining_the_same_request_at_once_keeps_one_decision_and_tells_the_member_that_one()
    {
        var (first, firstFacilitator, second, secondFacilitator, group) = await TwoFacilitatorsOfAByRequestGroupAsync();
        const string url = "/Facilitate";

        for (var round = 0; round < Rounds; round++)
        {
            var (asking, tokens, fields) = await JoinRequestAsync(group.Id, first, second, url);

            var responses = await AllAtOnceAsync(
            [
                () => first.PostFormAsync($"{url}?handler=Approve", tokens[0], fields),
                () => second.PostFormAsync($"{url}?handler=Decline", tokens[1], fields),
            ]);

            var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            var approved = winner == responses[0];
            var loser = Assert.Single(responses, r => r != winner);
            Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
            Assert.Contains("This request has already been decided.", await loser.TextAsync(), StringComparison.Ordinal);
            var stored = await app.MembershipAsync(group.Id, asking.Id);
            Assert.Equal(approved ? MembershipStatus.Active : MembershipStatus.Declined, stored!.Status);
            Assert.Equal(approved ? firstFacilitator.Id : secondFacilitator.Id, stored.DecidedBy);
            var mail = Assert.Single(app.MailTo(asking.Email));
            Assert.Equal(approved ? "Your request to join has been accepted" : "About your request to join", mail.Subject);
        }
    }

    [Fact]
    public async Task Two_admins_saving_the_same_group_at_the_same_moment_keep_one_edit_and_show_the_other_the_conflict()
    {
        var (first, _) = await app.SignedInClientAsync(Roles.Admin);
        var (second, _) = await app.SignedInClientAsync(Roles.Admin);
        var group = await app.CreateGroupAsync();
        var url = $"/Admin/Groups/Edit/{group.Id}";

        for (var round = 0; round < Rounds; round++)
        {
            var forms = await Task.WhenAll(first.GetStringAsync(new Uri(url, UriKind.Relative)), second.GetStringAsync(new Uri(url, UriKind.Relative)));
            var stamp = StampPattern().Match(forms[0]).Groups[1].Value;
            Assert.Equal(stamp, StampPattern().Match(forms[1]).Groups[1].Value);
            string[] names = [$"First admin's {round} {Guid.NewGuid():N}"[..40], $"Second admin's {round} {Guid.NewGuid():N}"[..40]];
            string[] capacities = ["5", "20"];
            HttpClient[] admins = [first, second];

            var responses = await AllAtOnceAsync(admins.Select((admin, i) => (Func<Task<HttpResponseMessage>>)(() =>
                admin.PostFormAsync(url, HttpClientFormExtensions.AntiforgeryToken(forms[i])!,
                [
                    new("Input.Name", names[i]), new("Input.Description", $"Edited by admin {i}"), new("Input.Format", "Online"),
                    new("Input.Location", "PeerCircle live room"), new("Input.TimeZoneId", "Europe/London"), new("Input.Capacity", capacities[i]),
                    new("Input.JoinPolicy", "Open"), new("Input.Listed", "true"), new("Input.RequiresCoFacilitation", "false"),
                    new("Input.Topics", "WorkStress"), new("Input.ConcurrencyStamp", stamp),
                ]))));

            var saved = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            var winner = Array.IndexOf(responses, saved);
            var conflict = responses[1 - winner];
            Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
            var page = await conflict.TextAsync();
            Assert.Contains(Pages.Admin.Groups.EditModel.ConflictMessage, page, StringComparison.Ordinal);
            // The form now shows the version that was saved, so nothing is overwritten by saving again blindly.
            Assert.Contains($"value=\"{names[winner]}\"", page, StringComparison.Ordinal);
            var stored = await app.WithDbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id));
            Assert.Equal(names[winner], stored.Name);
            Assert.Equal(int.Parse(capacities[winner], System.Globalization.CultureInfo.InvariantCulture), stored.Capacity);
            Assert.Equal($"Edited by admin {winner}", stored.Description);
        }

        output.WriteLine($"{Rounds} rounds of two admins saving one group at once");
    }

    [GeneratedRegex("name=\"Input.ConcurrencyStamp\" value=\"([^\"]+)\"")]
    private static partial Regex StampPattern();
}
