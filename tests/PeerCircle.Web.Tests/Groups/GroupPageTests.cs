using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Groups;

/// <summary>The group page, joining under the agreement, by-request groups, leaving.</summary>
public sealed class GroupPageTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private static string Join(Guid id) => $"/Groups/Join/{id}";

    private static string Details(Guid id) => $"/Groups/Details/{id}";

    private static KeyValuePair<string, string>[] Accept(int version, bool accept = true) =>
        [new("Input.AgreementVersion", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Accept", accept ? "true" : "false")];

    [Theory]
    [InlineData("/Groups")]
    [InlineData("/Groups/Details/0b0e8f8e-0000-4000-8000-000000000001")]
    [InlineData("/Groups/Join/0b0e8f8e-0000-4000-8000-000000000001")]
    [InlineData("/Sessions/Details/0b0e8f8e-0000-4000-8000-000000000001")]
    [InlineData("/Sessions/Mine")]
    [InlineData("/Identity/Account/Manage/Calendar")]
    public async Task Signed_out_visitors_are_sent_to_sign_in(string url)
    {
        var response = await app.CreateBrowserClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_page_shows_its_description_agreement_facilitator_pseudonyms_and_sessions_but_never_emails()
    {
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        var group = await app.CreateGroupAsync(agreement: "Rule one: we listen.\nRule two: we keep it here.", facilitators: facilitator.Id);
        var session = await app.CreateSessionAsync(group.Id, topic: "Small wins this week");
        var (client, _) = await app.SignedInClientAsync();

        var html = await client.GetStringAsync(new Uri(Details(group.Id), UriKind.Relative));

        Assert.Contains(group.Name, html, StringComparison.Ordinal);
        Assert.Contains("A small group for young workers.", html, StringComparison.Ordinal);
        Assert.Contains("Group agreement (version 1)", html, StringComparison.Ordinal);
        Assert.Contains("Rule two: we keep it here.", html, StringComparison.Ordinal);
        Assert.Contains(facilitator.Pseudonym, html, StringComparison.Ordinal);
        Assert.DoesNotContain(facilitator.Email, html, StringComparison.Ordinal);
        Assert.Contains($"/Sessions/Details/{session.Id}", html, StringComparison.Ordinal);
        Assert.Contains("Small wins this week", html, StringComparison.Ordinal);
        Assert.Contains("Join this group", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Joining_an_open_group_stores_the_accepted_agreement_version_and_admits_at_once()
    {
        var group = await app.CreateGroupAsync();
        var (client, user) = await app.SignedInClientAsync();

        var joinPage = await client.GetStringAsync(new Uri(Join(group.Id), UriKind.Relative));
        Assert.Contains(GroupTestData.Agreement, joinPage, StringComparison.Ordinal);
        Assert.Contains("version 1", joinPage, StringComparison.Ordinal);
        var response = await client.SubmitFormAsync(Join(group.Id), Accept(1));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Details(group.Id), response.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync(new Uri(Details(group.Id), UriKind.Relative));
        Assert.Contains("Welcome to the group!", page, StringComparison.Ordinal);
        Assert.Contains("Leave this group", page, StringComparison.Ordinal);
        var membership = await app.MembershipAsync(group.Id, user.Id);
        Assert.NotNull(membership);
        Assert.Equal(MembershipStatus.Active, membership.Status);
        Assert.Equal(1, membership.AcceptedAgreementVersion);
        Assert.True(membership.AgreementAcceptedUtc > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Asking_to_join_a_by_request_group_waits_for_a_facilitator_and_cannot_book_yet()
    {
        var group = await app.CreateGroupAsync(joinPolicy: JoinPolicy.ByRequest);
        var session = await app.CreateSessionAsync(group.Id);
        var (client, user) = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync(Join(group.Id), Accept(1));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(new Uri(Details(group.Id), UriKind.Relative));
        Assert.Contains("A facilitator will look at your request", page, StringComparison.Ordinal);
        Assert.Contains("Withdraw my request", page, StringComparison.Ordinal);
        Assert.Equal(MembershipStatus.Pending, (await app.MembershipAsync(group.Id, user.Id))!.Status);

        var book = await client.SubmitFormAsync($"/Sessions/Details/{session.Id}", [], $"/Sessions/Details/{session.Id}?handler=Book");
        Assert.Equal(HttpStatusCode.OK, book.StatusCode);
        Assert.Contains("You can book once a facilitator has approved your request to join.", await book.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await app.SessionAsync(session.Id)).Bookings);
    }

    [Fact]
    public async Task Joining_without_ticking_the_box_is_refused_with_a_message_and_no_membership()
    {
        var group = await app.CreateGroupAsync();
        var (client, user) = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync(Join(group.Id), Accept(1, accept: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tick the box to show that you have read and accept the group agreement.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.MembershipAsync(group.Id, user.Id));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    public async Task A_forged_agreement_version_is_refused_with_a_message_never_a_500(string version)
    {
        var group = await app.CreateGroupAsync();
        var (client, user) = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync(Join(group.Id), [new("Input.AgreementVersion", version), new("Input.Accept", "true")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Contains("The group agreement has changed since you opened the page", StringComparison.Ordinal)
            || html.Contains("Please read the group agreement below and accept it.", StringComparison.Ordinal), html);
        Assert.Contains("value=\"1\"", html, StringComparison.Ordinal); // the form now carries the current version
        Assert.Null(await app.MembershipAsync(group.Id, user.Id));
    }

    [Fact]
    public async Task When_the_agreement_changes_while_the_join_page_is_open_the_new_text_is_shown_to_accept()
    {
        var group = await app.CreateGroupAsync();
        var (client, user) = await app.SignedInClientAsync();
        var token = await client.FormTokenAsync(Join(group.Id));
        await app.PublishAgreementAsync(group.Id, "Version two: phones on silent.");

        var stale = await client.PostFormAsync(Join(group.Id), token, Accept(1));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("The group agreement has changed since you opened the page", html, StringComparison.Ordinal);
        Assert.Contains("Version two: phones on silent.", html, StringComparison.Ordinal);
        Assert.Contains("Group agreement, version 2", html, StringComparison.Ordinal);
        Assert.Null(await app.MembershipAsync(group.Id, user.Id));

        var accepted = await client.SubmitFormAsync(Join(group.Id), Accept(2));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(2, (await app.MembershipAsync(group.Id, user.Id))!.AcceptedAgreementVersion);
    }

    [Fact]
    public async Task A_new_agreement_must_be_accepted_before_the_next_booking()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id);
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, user.Id);
        await app.PublishAgreementAsync(group.Id, "Version two: we start on time.");

        var groupPage = await client.GetStringAsync(new Uri(Details(group.Id), UriKind.Relative));
        Assert.Contains("The group agreement has changed since you accepted it", groupPage, StringComparison.Ordinal);
        var sessionPage = $"/Sessions/Details/{session.Id}";
        var refused = await client.SubmitFormAsync(sessionPage, [], $"{sessionPage}?handler=Book");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The group agreement has changed. Please read and accept the new version before you book.",
            await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await app.SessionAsync(session.Id)).Bookings);

        var joinPage = await client.GetStringAsync(new Uri(Join(group.Id), UriKind.Relative));
        Assert.Contains("Accept the new group agreement", joinPage, StringComparison.Ordinal);
        Assert.Contains("Version two: we start on time.", joinPage, StringComparison.Ordinal);
        var accept = await client.SubmitFormAsync(Join(group.Id), Accept(2));
        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        Assert.Contains("you accepted version 2 of the group agreement",
            await client.GetStringAsync(new Uri(Details(group.Id), UriKind.Relative)), StringComparison.Ordinal);

        var booked = await client.SubmitFormAsync(sessionPage, [], $"{sessionPage}?handler=Book");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal(BookingStatus.Going, Assert.Single((await app.SessionAsync(session.Id)).Bookings).Status);
    }

    [Fact]
    public async Task Joining_again_while_already_a_member_says_so_and_changes_nothing()
    {
        var group = await app.CreateGroupAsync();
        var (client, user) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, user.Id);

        var response = await client.SubmitFormAsync(Join(group.Id), Accept(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are already a member of this group.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_a_group_gives_my_seat_to_the_first_person_waiting()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id, capacity: 2);
        var (client, user) = await app.SignedInClientAsync();
        var other = await app.CreateUserAsync();
        var waiting = await app.CreateUserAsync();
        await app.AddMemberAsync(group.Id, user.Id, other.Id, waiting.Id);
        await app.ReserveAsync(session.Id, user.Id, other.Id, waiting.Id);

        var response = await client.SubmitFormAsync(Details(group.Id), [], $"{Details(group.Id)}?handler=Leave");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("You have left the group", await client.GetStringAsync(new Uri(Details(group.Id), UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(MembershipStatus.Left, (await app.MembershipAsync(group.Id, user.Id))!.Status);
        var after = await app.SessionAsync(session.Id);
        Assert.Equal(2, after.SeatsTaken);
        Assert.Equal(BookingStatus.Cancelled, after.Bookings.Single(b => b.UserId == user.Id).Status);
        Assert.Equal(BookingStatus.Going, after.Bookings.Single(b => b.UserId == waiting.Id).Status);
    }

    [Fact]
    public async Task An_archived_group_is_not_found_for_non_members_and_shown_as_archived_to_members()
    {
        var group = await app.CreateGroupAsync();
        var (member, user) = await app.SignedInClientAsync();
        var (stranger, _) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, user.Id);
        await app.WithDbAsync(async db =>
        {
            (await db.Groups.SingleAsync(g => g.Id == group.Id)).Archive(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri(Details(group.Id), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri(Join(group.Id), UriKind.Relative))).StatusCode);
        Assert.Contains("This group is archived", await member.GetStringAsync(new Uri(Details(group.Id), UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_that_does_not_exist_is_not_found_to_view_or_join()
    {
        var (client, _) = await app.SignedInClientAsync();
        var token = await client.FormTokenAsync("/Identity/Account/Manage/Calendar");
        var missing = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(Details(missing), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(Join(missing), token, Accept(1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/Groups/Details/not-a-guid", UriKind.Relative))).StatusCode);
    }
}
