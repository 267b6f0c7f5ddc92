using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.ScaleOut;

/// <summary>
/// The purge and housekeeping jobs run on every instance (ADR 0010): several runs at the same moment over one
/// database do each unit of work once. (Reminders: TwoInstancesTests, on two real processes; the share purger:
/// WithdrawalAndPurgeTests.) Each run here has its own scope and DbContext, as on separate instances.
/// </summary>
public sealed class JobsOnSeveralInstancesTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const int Runs = 4;

    [Fact]
    public async Task Concern_snapshots_due_are_purged_once_with_one_audit_entry_when_four_runs_purge_at_once()
    {
        var concerns = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var people = await app.CreateBoardGroupAsync();
            var shareId = await app.PostRiskyThreadAsync(people.Alice, people.Group.Id, $"Honestly some nights I want to k1ll mys3lf. canary-jobs-{i}");
            var concern = (await app.ConcernAboutAsync(shareId))!;
            await app.WithDbAsync(async db =>
            {
                var tracked = await db.Concerns.Include(c => c.Snapshots).SingleAsync(c => c.Id == concern.Id);
                tracked.Dismiss(people.Facilitator.User.Id, isGroupFacilitator: true, "Not a concern", DateTime.UtcNow.AddDays(-2), retentionDays: 1);
                await db.SaveChangesAsync();
            });
            concerns.Add(concern.Id);
        }

        await app.WithDbAsync(db => db.Concerns.Where(c => concerns.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.PurgeAfterUtc, DateTime.UtcNow.AddMinutes(-1))));

        var counts = await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ConcernPurger>().PurgeDueAsync(CancellationToken.None);
        })));

        Assert.Equal(concerns.Count, counts.Sum());
        foreach (var id in concerns)
        {
            var concern = await app.WithDbAsync(db => db.Concerns.AsNoTracking().Include(c => c.Snapshots).SingleAsync(c => c.Id == id));
            Assert.NotNull(concern.SnapshotsPurgedUtc);
            Assert.All(concern.Snapshots, s => Assert.Null(s.Text));
            Assert.Single(await app.AuditAsync(id), a => a.Action == SafeguardingAuditActions.SnapshotPurged);
        }
    }

    [Fact]
    public async Task Account_housekeeping_on_four_runs_at_once_deletes_each_old_row_once()
    {
        var user = await app.CreateUserAsync();
        var old = DateTime.UtcNow.AddDays(-AccountActivity.RetentionDays - 1);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 5; i++)
            {
                db.AccountActivities.Add(new AccountActivity(user.Id, AccountActivityKind.SignedIn, null, old));
            }

            db.AccountActivities.Add(new AccountActivity(user.Id, AccountActivityKind.SignedIn, null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        var counts = await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccountHousekeeping>().PurgeAsync();
        })));

        Assert.Equal(5, counts.Sum());
        Assert.Equal(1, await app.WithDbAsync(db => db.AccountActivities.CountAsync(a => a.UserId == user.Id)));
    }
}
