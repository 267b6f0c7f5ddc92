using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

public sealed class TrainingVerificationTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string Url = "/Admin/Training";

    [Fact]
    public async Task An_admin_sees_records_waiting_with_the_facilitators_pseudonym_and_email_and_verifies_one()
    {
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        var record = await app.AddTrainingAsync(facilitator.Id, StaffTestData.Today.AddYears(-1), StaffTestData.Today.AddYears(2), verified: false);
        var (client, admin) = await app.SignedInClientAsync(Roles.Admin);
        var page = await client.PageTextAsync(Url);
        Assert.Contains($"{facilitator.Pseudonym} <span class=\"text-body-secondary\">({facilitator.Email})</span>", page, StringComparison.Ordinal);

        var response = await client.SubmitFormAsync(Url, [new("recordId", record.Id.ToString())], $"{Url}?handler=Verify");

        response.AssertRedirectTo(Url);
        var stored = await app.WithDbAsync(db => db.TrainingRecords.SingleAsync(t => t.Id == record.Id));
        Assert.True(stored.IsVerified);
        Assert.Equal(admin.Id, stored.VerifiedBy);
        var after = await client.PageTextAsync(Url);
        Assert.Contains("The record \"Peer support facilitation\" is verified.", after, StringComparison.Ordinal);
        Assert.Contains($"Verified by {admin.Pseudonym}", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_cannot_verify_their_own_training()
    {
        var (client, admin) = await app.SignedInClientAsync(Roles.Admin, Roles.Facilitator);
        var record = await app.AddTrainingAsync(admin.Id, StaffTestData.Today.AddYears(-1), StaffTestData.Today.AddYears(2), verified: false);
        Assert.Contains("Your own record: another admin verifies it.", await client.PageTextAsync(Url), StringComparison.Ordinal);

        var response = await client.SubmitFormAsync(Url, [new("recordId", record.Id.ToString())], $"{Url}?handler=Verify");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Training records are verified by another admin, not by the person they belong to.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.False((await app.WithDbAsync(db => db.TrainingRecords.SingleAsync(t => t.Id == record.Id))).IsVerified);
    }

    [Fact]
    public async Task Verifying_a_record_that_does_not_exist_is_not_found()
    {
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);

        var response = await client.SubmitFormAsync(Url, [new("recordId", Guid.NewGuid().ToString())], $"{Url}?handler=Verify");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
