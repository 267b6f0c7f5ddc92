using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>Agreement changes and facilitator assignments are written to the audit log with who, what, when and which record.</summary>
public sealed class AuditLogTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Publishing_an_agreement_is_audited_with_the_admin_and_the_version()
    {
        var group = await app.CreateGroupAsync();
        var (client, admin) = await app.SignedInClientAsync(Roles.Admin);

        var response = await client.SubmitFormAsync($"/Admin/Groups/Agreement/{group.Id}", [new("Input.Text", "Version two of the rules.")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = Assert.Single(await app.AuditAsync(group.Id));
        Assert.Equal((AuditActions.AgreementPublished, admin.Id, "Group", group.Id, "Version 2"), (entry.Action, entry.ActorId, entry.RecordType, entry.GroupId, entry.Reason));
        Assert.True(entry.AtUtc > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Assigning_and_removing_a_facilitator_is_audited()
    {
        var group = await app.CreateGroupAsync();
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        var (client, admin) = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/Admin/Groups/Facilitators/{group.Id}";

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, [new("Input.UserId", facilitator.Id.ToString())], $"{url}?handler=Assign")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, [new("userId", facilitator.Id.ToString())], $"{url}?handler=Remove")).StatusCode);

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.GroupId == group.Id).OrderBy(a => a.AtUtc).ToListAsync());
        Assert.Equal([AuditActions.FacilitatorAssigned, AuditActions.FacilitatorRemoved], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((admin.Id, facilitator.Id), (e.ActorId, e.RecordId)));
    }

    [Fact]
    public async Task A_refused_agreement_writes_no_audit_entry()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);

        var response = await client.SubmitFormAsync($"/Admin/Groups/Agreement/{group.Id}", [new("Input.Text", GroupTestData.Agreement)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await app.AuditAsync(group.Id));
    }

    [Fact]
    public async Task Admins_read_the_audit_log_without_any_share_text_and_nobody_else_can()
    {
        var people = await app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Words auditcanary1", "Body auditcanary2");
        await people.Facilitator.Client.ThreadActionAsync(thread, "Hide", thread, "Breaks rule two");
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        var html = await admin.GetStringAsync(new Uri("/Admin/Audit", UriKind.Relative));

        Assert.Contains(AuditActions.ShareHidden, html, StringComparison.Ordinal);
        Assert.Contains(people.Facilitator.Pseudonym, html, StringComparison.Ordinal);
        Assert.Contains("Breaks rule two", html, StringComparison.Ordinal);
        Assert.Contains(thread.ToString(), html, StringComparison.Ordinal);
        Assert.DoesNotContain("auditcanary", html, StringComparison.Ordinal);
        var facilitatorTry = await people.Facilitator.Client.GetAsync(new Uri("/Admin/Audit", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, facilitatorTry.StatusCode);
    }
}
