using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Rooms;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.ScaleOut;

/// <summary>
/// Issue 10, proven on two real app processes behind nginx with the Redis backplane (see <see cref="TwoInstances"/>):
/// cookies and forms cross instances, the live room spans them, the reminder job on both sends each email once,
/// and a member whose instance is killed reconnects through nginx to the other and catches up.
/// </summary>
public sealed partial class TwoInstancesTests(TwoInstances cluster, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    private PeerCircleAppFactory App => cluster.App;

    [Fact]
    public async Task A_member_signs_in_through_A_uses_B_with_the_same_cookie_and_a_form_rendered_by_A_posts_to_B()
    {
        var board = await App.CreateBoardGroupAsync();
        var alice = board.Alice.User;
        var browser = await cluster.SignInAsync(alice, "a");
        using var onA = browser.ClientFor(cluster.Nginx.Address("a"));
        using var onB = browser.ClientFor(cluster.Nginx.Address("b"));

        var manage = await onB.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        Assert.Equal(cluster.B.Upstream, TwoInstances.UpstreamOf(manage));
        Assert.Contains(alice.Pseudonym, await manage.TextAsync(), StringComparison.Ordinal);

        // The form (and its antiforgery token) comes from A; the post goes to B.
        var formPage = await onA.GetAsync(new Uri(SharingTestData.NewThread(board.Group.Id), UriKind.Relative));
        Assert.Equal(cluster.A.Upstream, TwoInstances.UpstreamOf(formPage));
        var token = HttpClientFormExtensions.AntiforgeryToken(await formPage.Content.ReadAsStringAsync())!;
        var posted = await onB.PostFormAsync(SharingTestData.NewThread(board.Group.Id), token,
        [
            new("Input.Title", "Rendered by A"), new("Input.Text", "Posted to B"), new("Input.Audience", "Group"),
            new("Input.Byline", "Pseudonym"), new("Input.AsPrompt", "false"),
        ]);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"B answered {(int)posted.StatusCode}");
        Assert.Equal(cluster.B.Upstream, TwoInstances.UpstreamOf(posted));
        var location = posted.Headers.Location!.OriginalString;
        var threadId = Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
        Assert.Equal("Posted to B", (await App.ShareAsync(threadId)).Text);

        // Without the shared key ring B would refuse a token it did not make: a forged one shows it checks.
        var forged = await onB.PostFormAsync(SharingTestData.NewThread(board.Group.Id), "CfDJ8" + new string('A', 100),
            [new("Input.Title", "Forged"), new("Input.Text", "Forged")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // Round robin over both: every request is served, with the same cookie, by both instances in turn.
        using var either = browser.ClientFor(cluster.Nginx.Address("both"));
        var upstreams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            var page = await either.GetAsync(new Uri(SharingTestData.Thread(threadId), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Posted to B", await page.TextAsync(), StringComparison.Ordinal);
            upstreams.Add(TwoInstances.UpstreamOf(page));
        }

        Assert.Equal(new[] { cluster.A.Upstream, cluster.B.Upstream }.Order(StringComparer.Ordinal), upstreams.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_facilitator_on_A_and_a_member_on_B_see_every_message_and_control_through_the_Redis_backplane()
    {
        var room = await App.LiveRoomAsync(members: 1);
        await room.Facilitator.AcknowledgeAsync(room.SessionId);
        await room.Members[0].AcknowledgeAsync(room.SessionId);
        var facilitator = await ConnectAsync(await cluster.SignInAsync(room.Facilitator.User, "a"), "a", room.SessionId);
        var member = await ConnectAsync(await cluster.SignInAsync(room.Members[0].User, "b"), "b", room.SessionId);
        await using var _f = facilitator;
        await using var _m = member;

        const int Each = 5;
        var sent = new List<Guid>();
        for (var i = 0; i < Each; i++)
        {
            var fromFacilitator = await facilitator.SendAsync(room.SessionId, $"From A {i}");
            var fromMember = await member.SendAsync(room.SessionId, $"From B {i}");
            sent.Add(fromFacilitator.Id);
            sent.Add(fromMember.Id);
        }

        foreach (var id in sent)
        {
            await member.WaitForMessageAsync(m => m.Id == id);
            await facilitator.WaitForMessageAsync(m => m.Id == id);
        }

        // The facilitator's controls, made on A, reach the member on B at once.
        await facilitator.CallAsync("SetPaused", room.SessionId, true);
        await member.WaitForStateAsync(s => s.Paused);
        await facilitator.CallAsync("SetPaused", room.SessionId, false);
        await member.WaitForStateAsync(s => !s.Paused);
        await facilitator.CallAsync("SetSlowMode", room.SessionId, 30);
        await member.WaitForStateAsync(s => s.SlowModeSeconds == 30);
        await facilitator.CallAsync("Hide", room.SessionId, sent[1]);
        await member.WaitForAsync("MessageHidden", args => (Guid)args[1]! == sent[1]);
        await facilitator.CallAsync("End", room.SessionId);
        await member.WaitForAsync("Ended");
        Assert.Equal(SessionStatus.Ended, (await App.SessionAsync(room.SessionId)).Status);
        output.WriteLine($"{sent.Count} messages and 5 controls crossed between the instances.");
    }

    [Fact]
    public async Task A_reminder_job_running_on_both_instances_sends_each_email_once()
    {
        const int Sessions = 8;
        var group = await App.CreateGroupAsync(capacity: 12);
        var people = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            people.Add(await App.CreateUserAsync());
        }

        var sessionIds = new List<Guid>();
        for (var i = 0; i < Sessions; i++)
        {
            var session = await App.CreateSessionAsync(group.Id, GroupTestData.FutureUtc(days: 30 + i), capacity: 10);
            sessionIds.Add(session.Id);
            foreach (var person in people)
            {
                await App.BookAsync(session.Id, person.Id);
            }
        }

        // All 40 reminders fall due at the same moment, with both instances' jobs running every second.
        var soon = DateTime.UtcNow.AddMinutes(30);
        await App.WithDbAsync(db => db.Sessions.Where(s => sessionIds.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartUtc, soon)));
        var expected = Sessions * people.Count;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (people.Sum(p => App.MailTo(p.Email).Count) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        // Several more runs on each instance: nothing more goes out.
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var person in people)
        {
            Assert.Equal(Sessions, App.MailTo(person.Email).Count);
        }

        var claims = await App.WithDbAsync(db => db.ReminderDispatches.CountAsync(r => sessionIds.Contains(r.SessionId)));
        Assert.Equal(expected, claims);
        var (onA, onB) = (SentBy("a"), SentBy("b"));
        Assert.True(onA + onB >= expected, $"The instances' logs account for {onA} + {onB} reminders");
        output.WriteLine($"{expected} reminders due at once: instance A sent {onA}, instance B sent {onB} (all sessions so far); each person got exactly {Sessions}.");
    }

    [Fact]
    public async Task Killing_the_members_instance_mid_session_the_member_reconnects_through_nginx_to_the_other_and_catches_up()
    {
        var room = await App.LiveRoomAsync(members: 1);
        await room.Facilitator.AcknowledgeAsync(room.SessionId);
        await room.Members[0].AcknowledgeAsync(room.SessionId);
        var facilitator = await ConnectAsync(await cluster.SignInAsync(room.Facilitator.User, "a"), "a", room.SessionId);
        // "failover" sends everything to B while it is up, to A when it is not (as a load balancer would).
        var memberBrowser = await cluster.SignInAsync(room.Members[0].User, "failover");
        var member = new RoomConnectionProbe(cluster.Hub(memberBrowser, "failover", reconnect: true));
        var cutOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rejoined = new TaskCompletionSource<RoomSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        member.Connection.Reconnecting += _ =>
        {
            cutOff.TrySetResult();
            return Task.CompletedTask;
        };
        // As the room's script does: on reconnecting, join again and load the room from the database.
        member.Connection.Reconnected += async _ =>
        {
            try
            {
                rejoined.TrySetResult(await member.JoinAsync(room.SessionId));
            }
            catch (Exception ex)
            {
                rejoined.TrySetException(ex);
            }
        };
        await using var _f = facilitator;
        await using var _m = member;
        try
        {
            await member.Connection.StartAsync();
            await member.JoinAsync(room.SessionId);

            var sent = new List<Guid>();
            for (var i = 0; i < 3; i++)
            {
                var message = await facilitator.SendAsync(room.SessionId, $"Before {i}");
                sent.Add(message.Id);
                await member.WaitForMessageAsync(m => m.Id == message.Id);
            }

            cluster.B.Kill();
            await cutOff.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // The member's first retry is 3 s away: these five are sent while it has no connection at all.
            for (var i = 0; i < 5; i++)
            {
                sent.Add((await facilitator.SendAsync(room.SessionId, $"While B is down {i}")).Id);
            }

            var snapshot = await rejoined.Task.WaitAsync(TimeSpan.FromSeconds(45));
            for (var i = 0; i < 2; i++)
            {
                var message = await facilitator.SendAsync(room.SessionId, $"After {i}");
                sent.Add(message.Id);
                await member.WaitForMessageAsync(m => m.Id == message.Id);
            }

            var reply = await member.SendAsync(room.SessionId, "Back, through A");
            await facilitator.WaitForMessageAsync(m => m.Id == reply.Id);

            var seen = member.Messages.Select(m => m.Id).Concat(snapshot.Messages.Select(m => m.Id)).ToHashSet();
            var lost = sent.Where(id => !seen.Contains(id)).ToList();
            Assert.Empty(lost);
            // The ones sent while it was cut off came back with the room, loaded from the database on rejoining.
            var caughtUp = sent.Skip(3).Take(5).Count(id => snapshot.Messages.Any(m => m.Id == id));
            Assert.Equal(5, caughtUp);
            output.WriteLine($"B killed (SIGKILL) mid-session; {sent.Count} messages sent, 5 while the member was cut off (all 5 in the snapshot on rejoining through A); none lost.");
        }
        finally
        {
            if (cluster.B.HasExited)
            {
                await cluster.B.StartAgainAsync();
            }
        }
    }

    private async Task<RoomConnectionProbe> ConnectAsync(BrowserCookies browser, string route, Guid sessionId)
    {
        var probe = new RoomConnectionProbe(cluster.Hub(browser, route));
        await probe.Connection.StartAsync();
        await probe.JoinAsync(sessionId);
        return probe;
    }

    /// <summary>Reminders an instance says it sent (event 4101 RemindersSent in its own log file).</summary>
    private int SentBy(string instance)
    {
        var logs = Directory.Exists(App.LogDirectory)
            ? Directory.GetFiles(App.LogDirectory, $"instance-{instance}-*.json")
            : [];
        return logs.Sum(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return RemindersSent().Matches(reader.ReadToEnd()).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [GeneratedRegex("\"Count\":(\\d+),\"Kind\":\"[A-Za-z]+\"[^\\n]*\"Id\":4101")]
    private static partial Regex RemindersSent();
}
