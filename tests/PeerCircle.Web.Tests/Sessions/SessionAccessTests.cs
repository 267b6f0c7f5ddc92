using System.Net;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Sessions;

/// <summary>Per-record access: who may see a session, and who may book it.</summary>
public sealed class SessionAccessTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private static string Page(Guid id) => $"/Sessions/Details/{id}";

    [Fact]
    public async Task A_member_of_one_group_cannot_see_or_book_the_sessions_of_another_groups_unlisted_group()
    {
        var groupA = await app.CreateGroupAsync();
        var groupB = await app.CreateGroupAsync($"Hidden cove {Guid.NewGuid():N}"[..21], listed: false);
        var sessionA = await app.CreateSessionAsync(groupA.Id);
        var sessionB = await app.CreateSessionAsync(groupB.Id, topic: "Only for cove members");
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(groupA.Id, user.Id);
        var token = await client.FormTokenAsync(Page(sessionA.Id));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(Page(sessionB.Id), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"{Page(sessionB.Id)}?handler=Calendar", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"{Page(sessionB.Id)}?handler=Book", token)).StatusCode);
        Assert.Empty((await app.SessionAsync(sessionB.Id)).Bookings);

        // The unlisted group's own page opens from its link (so people can ask to join), without its sessions.
        var groupPage = await client.GetStringAsync(new Uri($"/Groups/Details/{groupB.Id}", UriKind.Relative));
        Assert.Contains(groupB.Name, groupPage, StringComparison.Ordinal);
        Assert.Contains("This group's sessions are shown to its members.", groupPage, StringComparison.Ordinal);
        Assert.DoesNotContain(sessionB.Id.ToString(), groupPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Only for cove members", groupPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_of_an_unlisted_group_its_facilitators_and_admins_can_see_its_sessions()
    {
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        var group = await app.CreateGroupAsync(listed: false, facilitators: facilitator.Id);
        var session = await app.CreateSessionAsync(group.Id, topic: "Members only prompt");
        var (member, memberUser) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, memberUser.Id);
        var facilitatorClient = app.CreateBrowserClient();
        await facilitatorClient.SignInAsync(facilitator.Email, facilitator.Password);
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var (otherFacilitator, _) = await app.SignedInClientAsync(Roles.Facilitator);

        foreach (var client in new[] { member, facilitatorClient, admin })
        {
            var response = await client.GetAsync(new Uri(Page(session.Id), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Members only prompt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Being a facilitator somewhere is not enough: it has to be this group.
        Assert.Equal(HttpStatusCode.NotFound, (await otherFacilitator.GetAsync(new Uri(Page(session.Id), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Non_members_can_look_at_a_listed_groups_session_but_must_join_to_book()
    {
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(facilitator.Id);
        var group = await app.CreateGroupAsync(facilitators: facilitator.Id);
        var session = await app.CreateSessionAsync(group.Id, topic: "Open to look at", facilitators: facilitator.Id);
        var (client, _) = await app.SignedInClientAsync();

        var html = await client.GetStringAsync(new Uri(Page(session.Id), UriKind.Relative));
        Assert.Contains("Open to look at", html, StringComparison.Ordinal);
        Assert.Contains("to book a seat in its sessions", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Book a seat</button>", html, StringComparison.Ordinal);

        var forged = await client.SubmitFormAsync(Page(session.Id), [], $"{Page(session.Id)}?handler=Book");
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var refused = await forged.Content.ReadAsStringAsync();
        Assert.Contains("Join the group to book a seat in its sessions.", refused, StringComparison.Ordinal);
        // The page is shown again whole: what only the page reads (its facilitators) is read for it too.
        Assert.Contains(facilitator.Pseudonym, refused, StringComparison.Ordinal);
        Assert.Empty((await app.SessionAsync(session.Id)).Bookings);
    }

    [Fact]
    public async Task A_session_that_does_not_exist_is_not_found_for_every_handler()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id);
        var (client, _) = await app.SignedInClientAsync();
        var token = await client.FormTokenAsync(Page(session.Id));
        var missing = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(Page(missing), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"{Page(missing)}?handler=Calendar", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"{Page(missing)}?handler=Book", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"{Page(missing)}?handler=Cancel", token)).StatusCode);
    }

    [Fact]
    public async Task Cancelling_from_my_sessions_with_the_id_of_someone_elses_session_changes_nothing()
    {
        var group = await app.CreateGroupAsync(listed: false);
        var session = await app.CreateSessionAsync(group.Id);
        var owner = await app.CreateUserAsync();
        await app.AddMemberAsync(group.Id, owner.Id);
        await app.ReserveAsync(session.Id, owner.Id);
        var (client, _) = await app.SignedInClientAsync();
        var token = await client.FormTokenAsync("/Identity/Account/Manage/Calendar");

        var response = await client.PostFormAsync($"/Sessions/Mine?handler=Cancel&sessionId={session.Id}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You don&#x27;t have a booking in this session.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await app.SessionAsync(session.Id)).SeatsTaken);
    }
}
