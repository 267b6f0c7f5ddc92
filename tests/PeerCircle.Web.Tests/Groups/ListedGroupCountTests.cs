using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Pages.Groups;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Groups;

/// <summary>
/// The group list remembers how many groups a filter finds for half a minute (counting grows with the number of
/// groups; issue 9), reads the groups themselves fresh every time, and counts again at once when an admin adds,
/// edits or archives a group.
/// </summary>
public sealed class ListedGroupCountTests
{
    [Fact]
    public async Task The_number_of_groups_is_remembered_for_half_a_minute_and_counted_again_at_once_after_an_admin_changes_a_group()
    {
        using var app = new FakeClockAppFactory();
        var (member, _) = await app.SignedInClientAsync();
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var archived = await app.CreateGroupAsync($"Soon archived {Guid.NewGuid():N}"[..22]);
        await app.CreateGroupAsync();
        var listed = await app.WithDbAsync(db => db.Groups.CountAsync(g => g.Listed && g.Status == PeerCircle.Domain.Groups.GroupStatus.Active));
        Assert.Contains(Count(listed), await member.GetStringAsync(new Uri("/Groups", UriKind.Relative)), StringComparison.Ordinal);

        // Archived behind the list's back, not through the admin's page: the group is gone at once, its number stays a while.
        await app.WithDbAsync(async db =>
        {
            (await db.Groups.SingleAsync(g => g.Id == archived.Id)).Archive(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var page = await member.GetStringAsync(new Uri("/Groups", UriKind.Relative));
        Assert.DoesNotContain(archived.Name, page, StringComparison.Ordinal);
        Assert.Contains(Count(listed), page, StringComparison.Ordinal);
        app.Clock.Advance(ListedGroupCounts.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Contains(Count(listed), await member.GetStringAsync(new Uri("/Groups", UriKind.Relative)), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Contains(Count(listed - 1), await member.GetStringAsync(new Uri("/Groups", UriKind.Relative)), StringComparison.Ordinal);

        // An admin adds a listed group through the admin's page: counted at once.
        var name = $"Added {Guid.NewGuid():N}"[..14];
        var response = await admin.SubmitFormAsync("/Admin/Groups/Edit",
        [
            new("Input.Name", name), new("Input.Description", "A calm space to talk about work."), new("Input.Format", "Online"),
            new("Input.Location", "PeerCircle live room"), new("Input.TimeZoneId", "Europe/London"), new("Input.Capacity", "10"),
            new("Input.JoinPolicy", "Open"), new("Input.Listed", "true"), new("Input.RequiresCoFacilitation", "false"),
            new("Input.Topics", "Anxiety"), new("Input.Agreement", "Be kind."),
        ]);
        response.AssertRedirectTo("/Admin/Groups");
        page = await member.GetStringAsync(new Uri("/Groups", UriKind.Relative));
        Assert.Contains(name, page, StringComparison.Ordinal);
        Assert.Contains(Count(listed), page, StringComparison.Ordinal);
    }

    private static string Count(int groups) => groups == 1 ? "<p aria-live=\"polite\">1 group" : $"<p aria-live=\"polite\">{groups} groups";
}
