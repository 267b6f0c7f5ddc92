using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Sessions;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Sessions;

public sealed class ReminderTests : IDisposable
{
    private readonly PeerCircleAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(Guid SessionId, string GroupName)> SessionWithSeatsAsync(TimeSpan startsIn, params TestUser[] people)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var now = DateTime.UtcNow;
        var name = $"Night shift circle {Guid.NewGuid().ToString("N")[..6]}";
        var group = new Group(new GroupDetails(name, "For people who work nights.", [Topic.WorkStress], GroupFormat.Online,
            "PeerCircle live room", "Europe/London", 10, JoinPolicy.Open, Listed: true, RequiresCoFacilitation: false), "Be kind.", now);
        var session = new Session(group, now.Add(startsIn), 60, "Sleep and shifts", 10, now);
        db.Groups.Add(group);
        db.Sessions.Add(session);
        foreach (var person in people)
        {
            var membership = Membership.Join(group, person.Id, group.CurrentAgreementVersion, now);
            db.Memberships.Add(membership);
            session.Reserve(group, membership, now);
        }

        await db.SaveChangesAsync();
        return (session.Id, name);
    }

    private async Task<int> SendDueAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync();
    }

    [Fact]
    public async Task Booked_members_get_the_day_before_and_hour_before_reminders_once_each()
    {
        var sam = await _app.CreateUserAsync();
        var alex = await _app.CreateUserAsync();
        var (tomorrow, groupName) = await SessionWithSeatsAsync(TimeSpan.FromHours(20), sam, alex);
        var (soon, _) = await SessionWithSeatsAsync(TimeSpan.FromMinutes(40), sam);

        var first = await SendDueAsync();
        var second = await SendDueAsync();

        Assert.Equal(3, first);
        Assert.Equal(0, second);
        var mail = _app.ReadMail();
        Assert.Equal(2, mail.Count(m => m.Contains(sam.Email, StringComparison.Ordinal)));
        Assert.Single(mail, m => m.Contains(alex.Email, StringComparison.Ordinal));
        Assert.Single(mail, m => m.Contains("is tomorrow", StringComparison.Ordinal) && m.Contains(alex.Email, StringComparison.Ordinal));
        Assert.Single(mail, m => m.Contains("is in an hour", StringComparison.Ordinal));
        Assert.All(mail, m =>
        {
            Assert.Contains("PeerCircle session", m, StringComparison.Ordinal);
            Assert.DoesNotContain(groupName, m, StringComparison.Ordinal);
            Assert.DoesNotContain("Sleep and shifts", m, StringComparison.Ordinal);
        });
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        Assert.Equal(3, await db.ReminderDispatches.CountAsync(r => r.SessionId == tomorrow || r.SessionId == soon));
    }

    [Fact]
    public async Task Two_instances_running_the_job_at_once_send_each_reminder_once()
    {
        var people = new List<TestUser>();
        for (var i = 0; i < 8; i++)
        {
            people.Add(await _app.CreateUserAsync());
        }

        await SessionWithSeatsAsync(TimeSpan.FromHours(5), [.. people]);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SendDueAsync)));

        Assert.Equal(8, runs.Sum());
        Assert.Equal(8, _app.ReadMail().Count);
        Assert.All(people, p => Assert.Single(_app.ReadMail(), m => m.Contains(p.Email, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_member_who_switched_a_reminder_off_does_not_get_it()
    {
        var quiet = await _app.CreateUserAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == quiet.Id);
            user.RemindDayBefore = false;
            await db.SaveChangesAsync();
        }

        await SessionWithSeatsAsync(TimeSpan.FromHours(10), quiet);
        await SessionWithSeatsAsync(TimeSpan.FromMinutes(30), quiet);

        Assert.Equal(1, await SendDueAsync());
        Assert.Contains("is in an hour", Assert.Single(_app.ReadMail()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_discreet_mode_the_reminder_names_the_group_but_never_more()
    {
        var open = await _app.CreateUserAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            (await db.Users.SingleAsync(u => u.Id == open.Id)).DiscreetMode = false;
            await db.SaveChangesAsync();
        }

        var (_, groupName) = await SessionWithSeatsAsync(TimeSpan.FromHours(3), open);
        await SendDueAsync();

        var mail = Assert.Single(_app.ReadMail());
        Assert.Contains($"{groupName} session", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("Sleep and shifts", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waitlisted_and_cancelled_sessions_get_no_reminder()
    {
        var member = await _app.CreateUserAsync();
        var (sessionId, _) = await SessionWithSeatsAsync(TimeSpan.FromHours(4), member);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            var session = await db.Sessions.Include(s => s.Bookings).SingleAsync(s => s.Id == sessionId);
            session.Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await SendDueAsync());
        Assert.Empty(_app.ReadMail());
    }
}
