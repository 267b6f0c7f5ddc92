using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Help;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

/// <summary>The admin's start page counts what is waiting from the database as it is now.</summary>
public sealed class AdminDashboardTests
{
    [Fact]
    public async Task The_counts_of_active_and_archived_groups_unverified_training_and_stale_help_follow_the_database()
    {
        using var app = new PeerCircleAppFactory();
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        await app.CreateGroupAsync();
        var toArchive = await app.CreateGroupAsync();

        var before = await admin.GetStringAsync(new Uri("/Admin", UriKind.Relative));
        var expectedBefore = await ExpectedAsync(app);
        Assert.All(expectedBefore, line => Assert.Contains(line, before, StringComparison.Ordinal));

        await app.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Id == toArchive.Id);
            group.Archive(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var after = await admin.GetStringAsync(new Uri("/Admin", UriKind.Relative));
        var expectedAfter = await ExpectedAsync(app);
        Assert.All(expectedAfter, line => Assert.Contains(line, after, StringComparison.Ordinal));
        Assert.DoesNotContain(expectedAfter[0], before, StringComparison.Ordinal); // one group fewer active, one more archived
    }

    /// <summary>The page's three lines, worded as the page words them, from counts made here.</summary>
    private static Task<string[]> ExpectedAsync(PeerCircleAppFactory app) => app.WithDbAsync(async db =>
    {
        var active = await db.Groups.CountAsync(g => g.Status == GroupStatus.Active);
        var archived = await db.Groups.CountAsync(g => g.Status == GroupStatus.Archived);
        var training = await db.TrainingRecords.CountAsync(t => t.VerifiedUtc == null);
        var staleBefore = HelpEntry.StaleBefore(DateOnly.FromDateTime(DateTime.UtcNow));
        var help = (await db.HelpEntries.ToListAsync()).Count(e => e.LastVerifiedOn is null || e.LastVerifiedOn < staleBefore);
        return new[]
        {
            $"{active} active, {archived} archived.",
            training == 1 ? "1 record is waiting to be verified." : $"{training} records are waiting to be verified.",
            help switch
            {
                0 => "Every service was verified in the last 6 months.",
                1 => "1 service has not been verified for 6 months.",
                _ => $"{help} services have not been verified for 6 months.",
            },
        };
    });
}
