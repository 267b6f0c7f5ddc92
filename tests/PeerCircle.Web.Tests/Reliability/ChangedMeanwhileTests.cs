using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;
using static PeerCircle.Web.Tests.Infrastructure.SharingTestData;

namespace PeerCircle.Web.Tests.Reliability;

/// <summary>
/// A membership changed by someone else between a page reading it and saving (its status is a concurrency token):
/// the page says so and shows where things stand, never a 500, and nothing is half done or silently overwritten.
/// The change is forced deterministically by <see cref="ConcurrentChange"/> just before the page's save.
/// </summary>
public sealed class ChangedMeanwhileTests(ConcurrentChangeAppFactory app) : IClassFixture<ConcurrentChangeAppFactory>
{
    private static string Moderate(Guid shareId) => $"/Groups/Board/Member/{shareId}";

    private const string MyData = "/Identity/Account/Manage/MyData";

    /// <summary>Before the next save of a membership, someone else sets <paramref name="userId"/>'s membership of the group to <paramref name="status"/>.</summary>
    private void BeforeTheSaveSet(Guid groupId, Guid userId, MembershipStatus status) =>
        app.Change.Before<Membership>((db, cancellationToken) =>
            db.Set<Membership>().Where(m => m.GroupId == groupId && m.UserId == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, status), cancellationToken));

    private static async Task<string> PageTextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Theory]
    [InlineData("Mute", MembershipStatus.Left)]
    [InlineData("Remove", MembershipStatus.Left)]
    [InlineData("Remove", MembershipStatus.Removed)]
    public async Task A_facilitator_acting_on_a_member_whose_membership_just_changed_gets_a_message_and_nothing_is_done(string handler, MembershipStatus meanwhile)
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Long week", $"Changed meanwhile {Guid.NewGuid():N}");
        var reason = $"Please take a short break {Guid.NewGuid():N}"[..40];
        var ran = app.Change.Ran;
        BeforeTheSaveSet(people.Group.Id, people.Alice.Id, meanwhile);

        var response = await people.Facilitator.Client.SubmitFormAsync(Moderate(thread),
            [new("Input.Reason", reason), new("Input.Hours", "24")], $"{Moderate(thread)}?handler={handler}");

        Assert.Equal(ran + 1, app.Change.Ran);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageTextAsync(response);
        Assert.Contains(Pages.Groups.Board.MemberModel.ConflictMessage, page, StringComparison.Ordinal);
        Assert.Contains("is not an active member of this group", page, StringComparison.Ordinal);

        // The other change stands; the facilitator's action left no trace: no mute, no audit entry, nobody told.
        var membership = await app.MembershipAsync(people.Group.Id, people.Alice.Id);
        Assert.Equal(meanwhile, membership!.Status);
        Assert.Null(membership.MutedUntilUtc);
        Assert.DoesNotContain(await app.AuditAsync(people.Alice.Id), a => a.Action is AuditActions.MemberMuted or AuditActions.MemberRemoved);
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == people.Alice.Id)));
        Assert.Empty(app.MailTo(people.Alice.User.Email));
    }

    [Fact]
    public async Task A_member_accepting_a_new_agreement_as_a_facilitator_removes_them_gets_a_message_and_stays_removed()
    {
        var people = await app.CreateBoardGroupAsync();
        await app.PublishAgreementAsync(people.Group.Id, "Version two: be kind, and keep what is said here.");
        var join = $"/Groups/Join/{people.Group.Id}";
        var ran = app.Change.Ran;
        BeforeTheSaveSet(people.Group.Id, people.Alice.Id, MembershipStatus.Removed);

        var response = await people.Alice.Client.SubmitFormAsync(join, [new("Input.AgreementVersion", "2"), new("Input.Accept", "true")]);

        Assert.Equal(ran + 1, app.Change.Ran);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Pages.Groups.JoinModel.ConflictMessage, await PageTextAsync(response), StringComparison.Ordinal);
        var membership = await app.MembershipAsync(people.Group.Id, people.Alice.Id);
        Assert.Equal(MembershipStatus.Removed, membership!.Status);
        Assert.Equal(1, membership.AcceptedAgreementVersion);
    }

    [Fact]
    public async Task Deleting_an_account_while_a_facilitator_removes_the_member_deletes_nothing_says_so_and_works_when_confirmed_again()
    {
        var people = await app.CreateBoardGroupAsync();
        var session = await app.CreateSessionAsync(people.Group.Id);
        await app.ReserveAsync(session.Id, people.Alice.Id);
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Before I go", $"Deleted meanwhile {Guid.NewGuid():N}");
        var ran = app.Change.Ran;
        BeforeTheSaveSet(people.Group.Id, people.Alice.Id, MembershipStatus.Removed);
        KeyValuePair<string, string>[] delete =
            [new("Input.Password", PeerCircleAppFactory.Password), new("Input.Shares", "withdraw"), new("Input.Confirm", "true")];

        var response = await people.Alice.Client.SubmitFormAsync(MyData, delete, $"{MyData}?handler=Delete");

        Assert.Equal(ran + 1, app.Change.Ran);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Areas.Identity.Pages.Account.Manage.MyDataModel.ConflictMessage, await PageTextAsync(response), StringComparison.Ordinal);
        // Nothing was erased: still signed in, the same email, roles, post and seat.
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == people.Alice.Id));
        Assert.Equal(people.Alice.User.Email, user.Email);
        Assert.Equal(people.Alice.Pseudonym, user.Pseudonym);
        Assert.NotNull(user.PasswordHash);
        Assert.True(await app.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == people.Alice.Id)));
        Assert.False((await app.ShareAsync(thread)).IsWithdrawn);
        Assert.Equal(BookingStatus.Going, (await app.SessionAsync(session.Id)).Bookings.Single(b => b.UserId == people.Alice.Id).Status);
        // The forced change ran inside the deletion's transaction (on SQLite no other writer can get in between),
        // so it was rolled back with it: the membership is as it was.
        Assert.Equal(MembershipStatus.Active, (await app.MembershipAsync(people.Group.Id, people.Alice.Id))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await people.Alice.Client.GetAsync(new Uri(MyData, UriKind.Relative))).StatusCode);

        // Confirmed again, the account goes.
        var again = await people.Alice.Client.SubmitFormAsync(MyData, delete, $"{MyData}?handler=Delete");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == people.Alice.Id))).Email);
        Assert.True((await app.ShareAsync(thread)).IsWithdrawn);
        Assert.Equal(BookingStatus.Cancelled, (await app.SessionAsync(session.Id)).Bookings.Single(b => b.UserId == people.Alice.Id).Status);
    }
}
