using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Safeguarding;

/// <summary>
/// The safeguarding workflow: a facilitator raises the detector's draft, a lead reads the snapshot only
/// with a reason (every read audited), escalates and closes; the snapshot outlives withdrawal and purge
/// until the retention period ends; only leads see the queue, and leads see no group content otherwise.
/// </summary>
public sealed class ConcernTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string Risky = "Some nights I want to end it all. canary-snapshot-";

    private async Task<(BoardPeople People, Guid ShareId, Concern Concern)> RaisedConcernAsync(string marker)
    {
        var people = await app.CreateBoardGroupAsync();
        var shareId = await app.PostRiskyThreadAsync(people.Alice, people.Group.Id, Risky + marker);
        var concern = (await app.ConcernAboutAsync(shareId))!;
        var raised = await people.Facilitator.Client.SubmitFormAsync(SafeguardingTestData.Draft(concern.Id),
            [new("Input.Description", "Alice has seemed very low for weeks.")], $"{SafeguardingTestData.Draft(concern.Id)}?handler=Raise");
        raised.AssertRedirectTo("/Facilitate/Concerns");
        return (people, shareId, (await app.ConcernAboutAsync(shareId))!);
    }

    private static Task<HttpResponseMessage> ReadAsync(HttpClient lead, Guid concernId, string reason) =>
        lead.SubmitFormAsync(SafeguardingTestData.LeadConcern(concernId), [new("Input.ReadReason", reason)],
            $"{SafeguardingTestData.LeadConcern(concernId)}?handler=Read");

    [Fact]
    public async Task A_facilitator_raises_the_draft_and_the_leads_are_told_it_is_waiting()
    {
        var (lead, _) = await app.SignedInClientAsync(Roles.SafeguardingLead);
        var leadId = (await app.WithDbAsync(db => db.Users.OrderByDescending(u => u.CreatedUtc).Select(u => u.Id).FirstAsync()));
        var (people, _, concern) = await RaisedConcernAsync("raise");

        Assert.Equal(ConcernStatus.Open, concern.Status);
        Assert.Equal(people.Facilitator.Id, concern.RaisedBy);
        Assert.Contains(await app.NotificationsOfAsync(leadId), n => n.Text == SafeguardingTeam.NewConcern && n.Link == SafeguardingTestData.LeadConcern(concern.Id));
        var queue = await lead.PageTextAsync("/Safeguarding");
        Assert.Contains(people.Group.Name, queue, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-snapshot-raise", queue, StringComparison.Ordinal);
        var mine = await people.Facilitator.Client.PageTextAsync("/Facilitate/Concerns");
        Assert.Contains("Open", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_snapshot_survives_withdrawal_and_purge_and_a_lead_reads_it_only_with_a_reason()
    {
        var (people, shareId, concern) = await RaisedConcernAsync("survives");
        var (lead, _) = await app.SignedInClientAsync(Roles.SafeguardingLead);

        Assert.Equal(HttpStatusCode.Redirect, (await people.Alice.Client.ThreadActionAsync(shareId, "Withdraw", shareId)).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SharePurger>().PurgeDueAsync(CancellationToken.None);
        }

        Assert.Null((await app.ShareAsync(shareId)).Text);
        var page = await lead.PageTextAsync(SafeguardingTestData.LeadConcern(concern.Id));
        Assert.DoesNotContain("canary-snapshot-survives", page, StringComparison.Ordinal);
        Assert.Contains("Read what was shared", page, StringComparison.Ordinal);

        var refused = await ReadAsync(lead, concern.Id, "   ");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedText = await refused.TextAsync();
        Assert.DoesNotContain("canary-snapshot-survives", refusedText, StringComparison.Ordinal);
        Assert.Contains("State why you need to read what was shared", refusedText, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.AuditAsync(concern.Id), a => a.Action == SafeguardingAuditActions.SnapshotRead);

        var read = await ReadAsync(lead, concern.Id, "Deciding whether to call emergency services");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("canary-snapshot-survives", await read.TextAsync(), StringComparison.Ordinal);

        // Not remembered: the next plain visit shows no text again.
        Assert.DoesNotContain("canary-snapshot-survives", await lead.PageTextAsync(SafeguardingTestData.LeadConcern(concern.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_read_of_a_snapshot_is_written_to_the_audit_log_with_who_and_why()
    {
        var (_, _, concern) = await RaisedConcernAsync("audited");
        var (lead, leadUser) = await app.SignedInClientAsync(Roles.SafeguardingLead);
        var leadId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == leadUser.Email).Select(u => u.Id).SingleAsync());

        await ReadAsync(lead, concern.Id, "First look at what was said");
        await ReadAsync(lead, concern.Id, "Checking the wording before calling the crisis team");

        var reads = (await app.AuditAsync(concern.Id)).Where(a => a.Action == SafeguardingAuditActions.SnapshotRead).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal(leadId, r.ActorId));
        Assert.Equal(["First look at what was said", "Checking the wording before calling the crisis team"], reads.Select(r => r.Reason));
        Assert.Contains("Checking the wording before calling the crisis team", await lead.PageTextAsync(SafeguardingTestData.LeadConcern(concern.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lead_acknowledges_records_an_escalation_adds_a_note_and_closes_with_an_outcome()
    {
        var (_, _, concern) = await RaisedConcernAsync("workflow");
        var (lead, _) = await app.SignedInClientAsync(Roles.SafeguardingLead);
        var url = SafeguardingTestData.LeadConcern(concern.Id);

        (await lead.SubmitFormAsync(url, [], $"{url}?handler=Acknowledge")).AssertRedirectTo(url);
        var when = DateTime.UtcNow.AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        (await lead.SubmitFormAsync(url, [new("Input.EscalatedTo", "Local crisis team"), new("Input.EscalatedAt", when), new("Input.EscalationOutcome", "Welfare call made")],
            $"{url}?handler=Escalate")).AssertRedirectTo(url);
        (await lead.SubmitFormAsync(url, [new("Input.Note", "Spoke to the facilitator.")], $"{url}?handler=Note")).AssertRedirectTo(url);
        var noOutcome = await lead.SubmitFormAsync(url, [new("Input.Outcome", "")], $"{url}?handler=Close");
        Assert.Equal(HttpStatusCode.OK, noOutcome.StatusCode);
        (await lead.SubmitFormAsync(url, [new("Input.Outcome", "Member safe and supported by their GP.")], $"{url}?handler=Close")).AssertRedirectTo(url);

        var done = (await app.ConcernAboutAsync(concern.Snapshots.First().ShareId))!;
        Assert.Equal(ConcernStatus.Closed, done.Status);
        Assert.Equal("Local crisis team", Assert.Single(done.Escalations).To);
        Assert.Equal("Welfare call made", done.Escalations.Single().Outcome);
        Assert.Single(done.Notes);
        Assert.Equal("Member safe and supported by their GP.", done.Outcome);
        Assert.NotNull(done.PurgeAfterUtc);
        var actions = (await app.AuditAsync(concern.Id)).Select(a => a.Action).ToList();
        Assert.Contains(SafeguardingAuditActions.ConcernAcknowledged, actions);
        Assert.Contains(SafeguardingAuditActions.ConcernEscalated, actions);
        Assert.Contains(SafeguardingAuditActions.ConcernNoted, actions);
        Assert.Contains(SafeguardingAuditActions.ConcernClosed, actions);
        Assert.DoesNotContain("Waiting (1)", await lead.PageTextAsync("/Safeguarding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_snapshot_is_purged_once_the_closed_concern_has_passed_its_retention_period()
    {
        var (people, shareId, concern) = await RaisedConcernAsync("purged");
        var (lead, _) = await app.SignedInClientAsync(Roles.SafeguardingLead);
        Assert.Equal(HttpStatusCode.Redirect, (await people.Alice.Client.ThreadActionAsync(shareId, "Withdraw", shareId)).StatusCode);
        var url = SafeguardingTestData.LeadConcern(concern.Id);
        (await lead.SubmitFormAsync(url, [new("Input.Outcome", "Resolved.")], $"{url}?handler=Close")).AssertRedirectTo(url);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ConcernPurger>().PurgeDueAsync(CancellationToken.None));
        }

        await app.WithDbAsync(db => db.Concerns.Where(c => c.Id == concern.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.PurgeAfterUtc, DateTime.UtcNow.AddMinutes(-1))));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ConcernPurger>().PurgeDueAsync(CancellationToken.None));
        }

        var purged = (await app.ConcernAboutAsync(shareId))!;
        Assert.All(purged.Snapshots, s => Assert.Null(s.Text));
        Assert.NotNull(purged.SnapshotsPurgedUtc);
        // Withdrawn from the board and purged from the concern: no copy of the words is left in the database file.
        Assert.False(await app.DatabaseFileContainsAsync("canary-snapshot-purged"));
        Assert.Contains("at the end of the retention period", await lead.PageTextAsync(SafeguardingTestData.LeadConcern(concern.Id)), StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(concern.Id), a => a.Action == SafeguardingAuditActions.SnapshotPurged);
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.Admin)]
    public async Task Only_safeguarding_leads_can_open_the_queue_or_a_concern(string role)
    {
        var (_, _, concern) = await RaisedConcernAsync("roles" + role);
        var (client, _) = await app.SignedInClientAsync(role);

        (await client.GetAsync(new Uri("/Safeguarding", UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");
        (await client.GetAsync(new Uri(SafeguardingTestData.LeadConcern(concern.Id), UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");
    }

    [Fact]
    public async Task A_lead_cannot_browse_group_content_outside_a_concern()
    {
        var (people, shareId, _) = await RaisedConcernAsync("browse");
        var (lead, _) = await app.SignedInClientAsync(Roles.SafeguardingLead);

        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(new Uri(SharingTestData.Board(people.Group.Id), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(new Uri(SharingTestData.Thread(shareId), UriKind.Relative))).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await lead.GetAsync(new Uri($"/Facilitate/Concerns/New/{shareId}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_facilitator_sees_the_concerns_they_raised_and_nothing_of_other_groups()
    {
        var (people, _, concern) = await RaisedConcernAsync("own");
        var other = await app.CreateBoardGroupAsync();
        var otherShare = await app.PostRiskyThreadAsync(other.Alice, other.Group.Id, "I feel suicidal. canary-other-group");
        var otherConcern = (await app.ConcernAboutAsync(otherShare))!;

        var mine = await people.Facilitator.Client.PageTextAsync("/Facilitate/Concerns");
        Assert.Contains(people.Group.Name, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Group.Name, mine, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await people.Facilitator.StatusAsync(SafeguardingTestData.Draft(otherConcern.Id)));
        Assert.Contains(other.Group.Name, await other.Facilitator.Client.PageTextAsync("/Facilitate/Concerns"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await other.Facilitator.StatusAsync(SafeguardingTestData.Draft(concern.Id)));
    }

    [Fact]
    public async Task A_member_worried_about_someone_tells_the_leads_privately_and_the_person_is_never_told()
    {
        var people = await app.CreateBoardGroupAsync();
        var threadId = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Tired", "I haven't slept properly in weeks. canary-worried");
        var url = $"/Concerns/Worried/{people.Group.Id}?shareId={threadId}";

        var response = await people.Bob.Client.SubmitFormAsync(url, [new("Input.Description", "Alice sounds exhausted and hopeless."), new("ShareId", threadId.ToString())],
            $"/Concerns/Worried/{people.Group.Id}");

        response.AssertRedirectTo($"/Concerns/Worried/{people.Group.Id}");
        var concern = (await app.ConcernAboutAsync(threadId))!;
        Assert.Equal(ConcernSource.Member, concern.Source);
        Assert.Equal(ConcernStatus.Open, concern.Status);
        Assert.Equal(people.Alice.Id, concern.SubjectId);
        Assert.Equal(people.Bob.Id, concern.RaisedBy);
        Assert.Empty(await app.NotificationsOfAsync(people.Alice.Id));
        Assert.DoesNotContain(people.Bob.Pseudonym, await people.Alice.Client.PageTextAsync("/Notifications"), StringComparison.Ordinal);
        Assert.Contains("never tell the person that it was you", await people.Bob.Client.PageTextAsync($"/Concerns/Worried/{people.Group.Id}"), StringComparison.Ordinal);
        // Someone outside the group can't raise one there.
        var outsider = await app.CreateBoardGroupAsync();
        Assert.Equal(HttpStatusCode.NotFound, await outsider.Alice.StatusAsync($"/Concerns/Worried/{people.Group.Id}"));
    }

    [Fact]
    public async Task A_facilitator_can_dismiss_a_draft_with_a_reason()
    {
        var people = await app.CreateBoardGroupAsync();
        var shareId = await app.PostRiskyThreadAsync(people.Alice, people.Group.Id, "That film made me want to die laughing");
        var concern = (await app.ConcernAboutAsync(shareId))!;
        var url = SafeguardingTestData.Draft(concern.Id);

        var missing = await people.Facilitator.Client.SubmitFormAsync(url, [new("Input.Reason", "")], $"{url}?handler=Dismiss");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        (await people.Facilitator.Client.SubmitFormAsync(url, [new("Input.Reason", "A joke about a film; checked in with her.")], $"{url}?handler=Dismiss"))
            .AssertRedirectTo("/Facilitate/Concerns");

        var dismissed = (await app.ConcernAboutAsync(shareId))!;
        Assert.Equal(ConcernStatus.Dismissed, dismissed.Status);
        Assert.NotNull(dismissed.PurgeAfterUtc);
        Assert.Contains(await app.AuditAsync(concern.Id), a => a.Action == SafeguardingAuditActions.ConcernDismissed && a.ActorId == people.Facilitator.Id);
    }
}
