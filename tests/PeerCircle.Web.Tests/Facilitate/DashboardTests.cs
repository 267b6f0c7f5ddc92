using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Facilitate;

public sealed class DashboardTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string Url = "/Facilitate";

    private async Task<(HttpClient Client, TestUser Me, Group Mine, Group Theirs)> TwoGroupsAsync()
    {
        var (client, me) = await app.SignedInClientAsync(Roles.Facilitator);
        var other = await app.CreateUserAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(me.Id);
        await app.AddValidTrainingAsync(other.Id);
        var mine = await app.CreateGroupAsync(joinPolicy: JoinPolicy.ByRequest, facilitators: [me.Id]);
        var theirs = await app.CreateGroupAsync(joinPolicy: JoinPolicy.ByRequest, facilitators: [other.Id]);
        return (client, me, mine, theirs);
    }

    private Task<Membership> MembershipAsync(Guid id) => app.WithDbAsync(db => db.Memberships.SingleAsync(m => m.Id == id));

    [Fact]
    public async Task The_dashboard_shows_my_upcoming_sessions_in_my_time_zone_and_requests_only_from_my_groups()
    {
        var (client, me, mine, theirs) = await TwoGroupsAsync();
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(17);
        await app.CreateSessionAsync(mine.Id, start, facilitators: me.Id);
        var theirSession = await app.CreateSessionAsync(theirs.Id, start.AddHours(1));
        var asking = await app.CreateUserAsync();
        var askingElsewhere = await app.CreateUserAsync();
        await app.JoinAsync(mine.Id, asking.Id);
        await app.JoinAsync(theirs.Id, askingElsewhere.Id);

        var page = await client.PageTextAsync(Url);

        Assert.Contains(mine.Name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirSession.Id.ToString(), page, StringComparison.Ordinal);
        var london = Domain.Time.Zones.ToLocal(start, "Europe/London");
        Assert.Contains(london.ToString("dddd d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), page, StringComparison.Ordinal);
        Assert.Contains($"<strong>{asking.Pseudonym}</strong> asked to join <strong>{mine.Name}</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(askingElsewhere.Pseudonym, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_a_request_makes_a_member_and_emails_them_discreetly()
    {
        var (client, me, mine, _) = await TwoGroupsAsync();
        var asking = await app.CreateUserAsync();
        var membership = await app.JoinAsync(mine.Id, asking.Id);

        var response = await client.SubmitFormAsync(Url, [new("membershipId", membership.Id.ToString())], $"{Url}?handler=Approve");

        response.AssertRedirectTo(Url);
        var stored = await MembershipAsync(membership.Id);
        Assert.Equal(MembershipStatus.Active, stored.Status);
        Assert.Equal(me.Id, stored.DecidedBy);
        var mail = Assert.Single(app.MailTo(asking.Email));
        Assert.Equal("Your request to join has been accepted", mail.Subject);
        Assert.Contains("a PeerCircle group", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Name, mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"{asking.Pseudonym} is now a member. They have been told by email.", await client.PageTextAsync(Url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_a_request_tells_the_person_and_names_the_group_when_discreet_mode_is_off()
    {
        var (client, _, mine, _) = await TwoGroupsAsync();
        var asking = await app.CreateUserAsync();
        await app.SetProfileAsync(asking.Id, discreet: false);
        var membership = await app.JoinAsync(mine.Id, asking.Id);

        var response = await client.SubmitFormAsync(Url, [new("membershipId", membership.Id.ToString())], $"{Url}?handler=Decline");

        response.AssertRedirectTo(Url);
        Assert.Equal(MembershipStatus.Declined, (await MembershipAsync(membership.Id)).Status);
        var mail = Assert.Single(app.MailTo(asking.Email));
        Assert.Equal("About your request to join", mail.Subject);
        Assert.Contains($"the group \"{mine.Name}\" was not accepted", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Approve")]
    [InlineData("Decline")]
    public async Task A_facilitator_cannot_decide_a_request_to_a_group_they_do_not_facilitate(string handler)
    {
        var (client, _, _, theirs) = await TwoGroupsAsync();
        var asking = await app.CreateUserAsync();
        var membership = await app.JoinAsync(theirs.Id, asking.Id);

        var response = await client.SubmitFormAsync(Url, [new("membershipId", membership.Id.ToString())], $"{Url}?handler={handler}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(MembershipStatus.Pending, (await MembershipAsync(membership.Id)).Status);
        Assert.Empty(app.MailTo(asking.Email));
    }

    [Fact]
    public async Task A_request_already_decided_cannot_be_decided_again()
    {
        var (client, _, mine, _) = await TwoGroupsAsync();
        var asking = await app.CreateUserAsync();
        var membership = await app.JoinAsync(mine.Id, asking.Id);
        (await client.SubmitFormAsync(Url, [new("membershipId", membership.Id.ToString())], $"{Url}?handler=Approve")).AssertRedirectTo(Url);

        var response = await client.SubmitFormAsync(Url, [new("membershipId", membership.Id.ToString())], $"{Url}?handler=Decline");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This request has already been decided.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(MembershipStatus.Active, (await MembershipAsync(membership.Id)).Status);
        Assert.Single(app.MailTo(asking.Email));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    public async Task A_forged_request_id_is_not_found(string forged)
    {
        var (client, _, _, _) = await TwoGroupsAsync();

        var response = await client.SubmitFormAsync(Url, [new("membershipId", forged)], $"{Url}?handler=Approve");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Training_expiring_within_30_days_is_shown_and_later_expiry_is_not()
    {
        var (client, me) = await app.SignedInClientAsync(Roles.Facilitator);
        // "Today" as the dashboard counts it: in the facilitator's zone (the default, London).
        var today = DateOnly.FromDateTime(Domain.Time.Zones.ToLocal(DateTime.UtcNow, "Europe/London"));
        await app.AddTrainingAsync(me.Id, today.AddYears(-2), today.AddDays(12));
        var later = await app.WithDbAsync(async db =>
        {
            var record = new Domain.Facilitation.TrainingRecord(me.Id, "Advanced listening", "Samaritans", StaffTestData.Today.AddYears(-1), StaffTestData.Today.AddDays(60), DateTime.UtcNow);
            db.TrainingRecords.Add(record);
            await db.SaveChangesAsync();
            return record;
        });

        var page = await client.PageTextAsync(Url);

        Assert.Contains("<strong>Peer support facilitation</strong> (Mind Training) expires on", page, StringComparison.Ordinal);
        Assert.Contains("in 12 days", page, StringComparison.Ordinal);
        Assert.DoesNotContain(later.Course, page, StringComparison.Ordinal);
        Assert.DoesNotContain("You have no verified training valid today", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_without_valid_training_is_warned()
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Facilitator);

        Assert.Contains("You have no verified training valid today", await client.PageTextAsync(Url), StringComparison.Ordinal);
    }
}
