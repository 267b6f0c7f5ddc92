using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Sharing;

/// <summary>Two members and a facilitator use a group board, each in their own browser: anonymous post, report, hide, withdraw.</summary>
[Collection(BrowserSuite.Name)]
public sealed class BoardTests(AppFixture app)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Two_members_and_a_facilitator_post_anonymously_report_hide_and_withdraw()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var alice = await CreateUserAsync($"Alice {id}");
        var bob = await CreateUserAsync($"Bob {id}");
        var facilitator = await CreateUserAsync($"Fran {id}", Roles.Facilitator);
        var groupId = await CreateGroupAsync($"Evening circle {id}", facilitator.Id, alice.Id, bob.Id);
        var board = $"/Groups/Board/{groupId}";

        await using var aliceContext = await app.NewContextAsync();
        await using var bobContext = await app.NewContextAsync();
        await using var facilitatorContext = await app.NewContextAsync();
        var alicePage = await BrowserChecks.SignedInPageAsync(aliceContext, alice.Email!, Password);
        var bobPage = await BrowserChecks.SignedInPageAsync(bobContext, bob.Email!, Password);
        var facilitatorPage = await BrowserChecks.SignedInPageAsync(facilitatorContext, facilitator.Email!, Password);

        // Alice starts an anonymous conversation; the form tells her the facilitators still see her.
        await alicePage.GotoAsync(board);
        await alicePage.GetByRole(AriaRole.Link, new() { Name = "Start a conversation" }).ClickAsync();
        await Expect(alicePage.GetByText("Facilitators will still see that it was you.")).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(alicePage);
        await alicePage.GetByLabel("Title").FillAsync(SharedText.Mark("Dreading Mondays"));
        await alicePage.GetByLabel("What would you like to share?").FillAsync(SharedText.Mark("Sunday evenings I feel sick about work."));
        await alicePage.GetByLabel("Anonymous to the group").CheckAsync();
        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Expect(alicePage.GetByText("you, anonymous to the group")).ToBeVisibleAsync();
        var thread = alicePage.Url;

        // Bob sees it as Anonymous and reports it.
        await bobPage.GotoAsync(board);
        await bobPage.GetByRole(AriaRole.Link, new() { Name = "Dreading Mondays" }).ClickAsync();
        await Expect(bobPage.GetByText("Sunday evenings I feel sick about work.")).ToBeVisibleAsync();
        await Expect(bobPage.GetByText("Anonymous", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(bobPage.GetByText(alice.Pseudonym)).ToHaveCountAsync(0);
        await bobPage.GetByText("Report to the facilitators").ClickAsync();
        await BrowserChecks.AssertAccessibleAsync(bobPage);
        await bobPage.GetByLabel("Why are you reporting this post?").FillAsync(SharedText.Mark("This might upset people"));
        await bobPage.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(bobPage.GetByText("The person who wrote it is not told who reported it.")).ToBeVisibleAsync();

        // The facilitator reviews the report, sees who wrote it, and hides it.
        await facilitatorPage.GotoAsync(board);
        await facilitatorPage.GetByRole(AriaRole.Link, new() { Name = "Reports to review (1)" }).ClickAsync();
        await Expect(facilitatorPage.GetByText("This might upset people")).ToBeVisibleAsync();
        await facilitatorPage.GetByRole(AriaRole.Link, new() { Name = "Open the conversation" }).ClickAsync();
        await Expect(facilitatorPage.GetByText("posted anonymously to the group")).ToBeVisibleAsync();
        await Expect(facilitatorPage.GetByText(alice.Pseudonym)).ToBeVisibleAsync();
        await facilitatorPage.GetByLabel("Reason (for the audit log)").FillAsync("Needs a gentler wording");
        await facilitatorPage.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Expect(facilitatorPage.GetByText("Hidden from the group by a moderator. Kept for review.")).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(facilitatorPage);
        await facilitatorPage.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("board-facilitator-hidden.png"), FullPage = true });

        // Bob no longer finds it; Alice is told and withdraws it.
        await bobPage.GotoAsync(thread);
        await Expect(bobPage.GetByText("Sunday evenings I feel sick about work.")).ToHaveCountAsync(0);
        await alicePage.GotoAsync(thread);
        await Expect(alicePage.GetByText("A moderator has hidden this post from the group.")).ToBeVisibleAsync();
        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Withdraw my post" }).ClickAsync();
        await Expect(alicePage.GetByText("Your post is withdrawn: its text is deleted.")).ToBeVisibleAsync();
        await Expect(alicePage.GetByText("Sunday evenings I feel sick about work.")).ToHaveCountAsync(0);

        await facilitatorPage.ReloadAsync();
        await Expect(facilitatorPage.GetByText("Withdrawn by its author.")).ToBeVisibleAsync();
        await Expect(facilitatorPage.GetByText("Sunday evenings I feel sick about work.")).ToHaveCountAsync(0);
    }

    private async Task<ApplicationUser> CreateUserAsync(string pseudonym, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, Pseudonym = pseudonym,
            CreatedUtc = DateTime.UtcNow, AgeConfirmedUtc = DateTime.UtcNow, AgeConfirmedMinimum = AgeRequirement.Default,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, roles.Append(Roles.Member).Distinct());
        return user;
    }

    private async Task<Guid> CreateGroupAsync(string name, Guid facilitatorId, params Guid[] members)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var now = DateTime.UtcNow;
        var group = new Group(new GroupDetails(name, "A calm space to talk about work.", [Topic.WorkStress], GroupFormat.Online,
            "PeerCircle live room", "Europe/London", 10, JoinPolicy.Open, true, false), "Be kind. What is said here stays here.", now);
        group.AssignFacilitator(facilitatorId, now);
        db.Groups.Add(group);
        foreach (var member in members)
        {
            db.Memberships.Add(Membership.Join(group, member, group.CurrentAgreementVersion, now));
        }

        await db.SaveChangesAsync();
        return group.Id;
    }
}
