using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

public sealed class AgreementAndFacilitatorsTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Publishing_the_agreement_adds_a_version_and_the_page_shows_the_history()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/Admin/Groups/Agreement/{group.Id}";

        var response = await client.SubmitFormAsync(url, [new("Input.Text", "Be kind.\nCameras on if you can.")]);

        response.AssertRedirectTo(url);
        var stored = await app.WithDbAsync(db => db.Groups.Include(g => g.Agreements).SingleAsync(g => g.Id == group.Id));
        Assert.Equal(2, stored.CurrentAgreementVersion);
        Assert.Equal(StaffTestData.Agreement, stored.Agreements.Single(a => a.Version == 1).Text);
        var page = await client.PageTextAsync(url);
        Assert.Contains("Version 2 of the agreement is published.", page, StringComparison.Ordinal);
        Assert.Contains("Version 2 (current), published", page, StringComparison.Ordinal);
        Assert.Contains("Version 1, published", page, StringComparison.Ordinal);
        Assert.Contains("Cameras on if you can.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Write the group agreement")]
    [InlineData(StaffTestData.Agreement, "The agreement has not changed.")]
    public async Task An_empty_or_unchanged_agreement_is_refused(string text, string expected)
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);

        var response = await client.SubmitFormAsync($"/Admin/Groups/Agreement/{group.Id}", [new("Input.Text", text)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Id == group.Id))).CurrentAgreementVersion);
    }

    [Fact]
    public async Task An_admin_assigns_and_removes_a_facilitator_chosen_by_pseudonym_and_sees_their_email()
    {
        var group = await app.CreateGroupAsync();
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/Admin/Groups/Facilitators/{group.Id}";
        Assert.Contains($"{facilitator.Pseudonym} ({facilitator.Email})", await client.PageTextAsync(url), StringComparison.Ordinal);

        var assigned = await client.SubmitFormAsync(url, [new("Input.UserId", facilitator.Id.ToString())], $"{url}?handler=Assign");

        assigned.AssertRedirectTo(url);
        Assert.True((await app.WithDbAsync(db => db.Groups.Include(g => g.Facilitators).SingleAsync(g => g.Id == group.Id))).IsFacilitator(facilitator.Id));
        var page = await client.PageTextAsync(url);
        Assert.Contains($"{facilitator.Pseudonym} now facilitates this group.", page, StringComparison.Ordinal);
        Assert.Contains($"<strong>{facilitator.Pseudonym}</strong> <span class=\"text-body-secondary\">{facilitator.Email}</span>", page, StringComparison.Ordinal);

        var removed = await client.SubmitFormAsync(url, [new("userId", facilitator.Id.ToString())], $"{url}?handler=Remove");

        removed.AssertRedirectTo(url);
        Assert.False((await app.WithDbAsync(db => db.Groups.Include(g => g.Facilitators).SingleAsync(g => g.Id == group.Id))).IsFacilitator(facilitator.Id));
    }

    [Fact]
    public async Task Only_people_in_the_facilitator_role_can_be_assigned()
    {
        var group = await app.CreateGroupAsync();
        var member = await app.CreateUserAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/Admin/Groups/Facilitators/{group.Id}";
        Assert.DoesNotContain(member.Pseudonym, await client.PageTextAsync(url), StringComparison.Ordinal);

        foreach (var (forged, expected) in new[]
        {
            (member.Id.ToString(), "Choose a facilitator from the list."),
            (Guid.NewGuid().ToString(), "Choose a facilitator from the list."),
            ("", "Choose a facilitator from the list."),
            ("not-a-guid", "The value 'not-a-guid' is not valid"),
        })
        {
            var response = await client.SubmitFormAsync(url, [new("Input.UserId", forged)], $"{url}?handler=Assign");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
        }

        Assert.Empty((await app.WithDbAsync(db => db.Groups.Include(g => g.Facilitators).SingleAsync(g => g.Id == group.Id))).Facilitators);
    }

    [Fact]
    public async Task Removing_someone_who_is_not_a_facilitator_of_the_group_shows_a_message()
    {
        var group = await app.CreateGroupAsync();
        var (client, _) = await app.SignedInClientAsync(Roles.Admin);
        var url = $"/Admin/Groups/Facilitators/{group.Id}";

        var response = await client.SubmitFormAsync(url, [new("userId", Guid.NewGuid().ToString())], $"{url}?handler=Remove");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That person is not a facilitator of this group.", await response.TextAsync(), StringComparison.Ordinal);
    }
}
