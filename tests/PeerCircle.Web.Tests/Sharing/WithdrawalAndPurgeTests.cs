using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Sharing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>Withdrawn and expired text is gone from the database file itself, not only from the pages.</summary>
public sealed class WithdrawalAndPurgeTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private static string Canary() => $"canary{Guid.NewGuid():N}";

    private Task<bool> DatabaseFileContainsAsync(string text) => app.DatabaseFileContainsAsync(text);

    private async Task<int> PurgeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SharePurger>().PurgeDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Withdrawing_removes_the_text_from_the_database_file()
    {
        var people = await app.CreateBoardGroupAsync();
        var canary = Canary();
        var titleCanary = Canary();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, titleCanary, $"I said {canary} today.");
        Assert.True(await DatabaseFileContainsAsync(canary), "the text should be in the file before it is withdrawn");

        var response = await people.Alice.Client.ThreadActionAsync(thread, "Withdraw", thread);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await DatabaseFileContainsAsync(canary));
        Assert.False(await DatabaseFileContainsAsync(titleCanary));
    }

    [Fact]
    public async Task Every_connection_the_app_opens_zeroes_deleted_content()
    {
        var value = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA secure_delete;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });

        Assert.Equal(1, value);
    }

    [Fact]
    public async Task Board_posts_of_a_group_archived_longer_than_its_retention_are_purged_from_the_file_and_others_stay()
    {
        var expired = await app.CreateBoardGroupAsync();
        var recent = await app.CreateBoardGroupAsync();
        var active = await app.CreateBoardGroupAsync();
        var gone = Canary();
        var goneReply = Canary();
        var keptRecent = Canary();
        var keptActive = Canary();
        var expiredThread = await expired.Alice.Client.StartThreadAsync(expired.Group.Id, "Old", gone);
        Assert.Equal(HttpStatusCode.Redirect, (await expired.Bob.Client.ReplyAsync(expiredThread, goneReply)).StatusCode);
        var recentThread = await recent.Alice.Client.StartThreadAsync(recent.Group.Id, "Recent", keptRecent);
        var activeThread = await active.Alice.Client.StartThreadAsync(active.Group.Id, "Active", keptActive);
        await ArchiveAsync(expired.Group.Id, DateTime.UtcNow.AddDays(-Group.DefaultRetentionDays - 1));
        await ArchiveAsync(recent.Group.Id, DateTime.UtcNow.AddDays(-Group.DefaultRetentionDays + 1));

        var purged = await PurgeAsync();

        Assert.Equal(2, purged);
        var stored = await app.ShareAsync(expiredThread);
        Assert.Null(stored.Text);
        Assert.NotNull(stored.PurgedUtc);
        Assert.False(await DatabaseFileContainsAsync(gone));
        Assert.False(await DatabaseFileContainsAsync(goneReply));
        Assert.Equal(keptRecent, (await app.ShareAsync(recentThread)).Text);
        Assert.Equal(keptActive, (await app.ShareAsync(activeThread)).Text);
        Assert.True(await DatabaseFileContainsAsync(keptRecent));
        Assert.Contains("No longer available", await expired.Alice.GetAsync(SharingTestData.Thread(expiredThread)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_messages_are_purged_the_groups_retention_period_after_the_session_even_by_several_instances_at_once()
    {
        var people = await app.CreateBoardGroupAsync();
        var old = Canary();
        var fresh = Canary();
        var oldId = await AddSessionMessageAsync(people, DateTime.UtcNow.AddDays(-Group.DefaultRetentionDays - 1), old);
        var freshId = await AddSessionMessageAsync(people, DateTime.UtcNow.AddDays(-Group.DefaultRetentionDays + 1), fresh);
        Assert.True(await DatabaseFileContainsAsync(old));

        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(PurgeAsync)));

        Assert.Equal(1, counts.Sum());
        Assert.Null((await app.ShareAsync(oldId)).Text);
        Assert.Equal(fresh, (await app.ShareAsync(freshId)).Text);
        Assert.False(await DatabaseFileContainsAsync(old));
        Assert.True(await DatabaseFileContainsAsync(fresh));
        Assert.Equal(0, await PurgeAsync());
    }

    private Task ArchiveAsync(Guid groupId, DateTime archivedUtc) => app.WithDbAsync(async db =>
    {
        var group = await db.Groups.SingleAsync(g => g.Id == groupId);
        group.Archive(archivedUtc);
        await db.SaveChangesAsync();
    });

    private Task<Guid> AddSessionMessageAsync(BoardPeople people, DateTime sessionEndUtc, string text) => app.WithDbAsync(async db =>
    {
        var author = new ShareAuthor(people.Alice.Id, people.Group.Id, true, true, false);
        var share = Share.InSession(author, Guid.NewGuid(), sessionEndUtc, Group.DefaultRetentionDays, ShareKind.SessionMessage, text,
            ShareAudience.Group, ShareByline.Pseudonym, sessionEndUtc.AddMinutes(-30));
        db.Shares.Add(share);
        await db.SaveChangesAsync();
        return share.Id;
    });
}
