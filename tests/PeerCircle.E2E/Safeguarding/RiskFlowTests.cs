using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Safeguarding;

/// <summary>
/// The safeguarding flow on a board, each person in their own browser: a member posts a risk phrase and
/// sees the caring page; the facilitator opens the draft concern from the alert and raises it; a lead
/// reads the snapshot with a reason, records an escalation and closes the concern.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class RiskFlowTests(AppFixture app)
{
    [Fact]
    public async Task A_risky_board_post_reaches_a_lead_who_reads_it_with_a_reason_escalates_and_closes()
    {
        var member = await app.CreatePersonAsync("Robin");
        var facilitator = await app.CreatePersonAsync("Fran", Roles.Facilitator);
        var lead = await app.CreatePersonAsync("Lee", Roles.SafeguardingLead);
        var groupId = await CreateGroupAsync($"Night shift circle {Guid.NewGuid().ToString("N")[..6]}", facilitator.Email, member.Email);

        await using var memberContext = await app.NewContextAsync();
        await using var facilitatorContext = await app.NewContextAsync();
        await using var leadContext = await app.NewContextAsync();
        var memberPage = await BrowserChecks.SignedInPageAsync(memberContext, member.Email);
        var facilitatorPage = await BrowserChecks.SignedInPageAsync(facilitatorContext, facilitator.Email);
        var leadPage = await BrowserChecks.SignedInPageAsync(leadContext, lead.Email);

        // The member posts; the post is on the board, and they see the caring page with their region's urgent options.
        await memberPage.GotoAsync($"/Groups/Board/New/{groupId}");
        await memberPage.GetByLabel("Title").FillAsync(SharedText.Mark("Can't sleep"));
        await memberPage.GetByLabel("What would you like to share?").FillAsync(SharedText.Mark("Lately I just want to end it all."));
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Expect(memberPage.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "We're glad you shared" })).ToBeVisibleAsync();
        await Expect(memberPage.GetByRole(AriaRole.Link, new() { Name = "Call 116 123", Exact = true })).ToHaveAttributeAsync("href", "tel:116123");
        await Expect(memberPage.GetByRole(AriaRole.Link, new() { Name = "Call 999", Exact = true })).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(memberPage);
        await memberPage.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("safeguarding-caring-page.png"), FullPage = true });
        await memberPage.GetByRole(AriaRole.Link, new() { Name = "Go back to the conversation" }).ClickAsync();
        await Expect(memberPage.GetByText("Lately I just want to end it all.")).ToBeVisibleAsync();

        // The facilitator follows the alert to the draft and raises it.
        await facilitatorPage.GotoAsync("/Notifications");
        await facilitatorPage.Locator(".notification", new() { HasText = "A post in one of the groups you facilitate may need your attention" })
            .GetByRole(AriaRole.Link, new() { Name = "Open" }).ClickAsync();
        await Expect(facilitatorPage.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Review a draft concern" })).ToBeVisibleAsync();
        await Expect(facilitatorPage.GetByText("Lately I just want to end it all.")).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(facilitatorPage);
        await facilitatorPage.GetByLabel("What worries you, for the safeguarding leads").FillAsync(SharedText.Mark("Robin has been withdrawn for weeks and now this."));
        await facilitatorPage.GetByRole(AriaRole.Button, new() { Name = "Raise the concern" }).ClickAsync();
        await Expect(facilitatorPage.GetByText("The concern is with the safeguarding leads.")).ToBeVisibleAsync();

        await LeadReadsEscalatesAndClosesAsync(leadPage, "Lately I just want to end it all.", "Robin");

        // The facilitator sees the status of the concern they raised.
        await facilitatorPage.GotoAsync("/Facilitate/Concerns");
        await Expect(facilitatorPage.Locator(".raised-concern").First).ToContainTextAsync("Closed");
    }

    [Fact]
    public async Task A_risky_message_in_a_live_room_reaches_a_lead_who_reads_it_with_a_reason_escalates_and_closes()
    {
        var member = await app.CreatePersonAsync("Robin");
        var other = await app.CreatePersonAsync("Kit");
        var facilitator = await app.CreatePersonAsync("Fran", Roles.Facilitator);
        var lead = await app.CreatePersonAsync("Lee", Roles.SafeguardingLead);
        var setup = await app.ScheduleOnlineSessionAsync(facilitator.Email, [member.Email, other.Email], TimeSpan.FromMinutes(5));
        await app.StartSessionAsync(setup, facilitator.Email);
        var shared = SharedText.Mark("Some nights I want to end it all.");

        await using var memberContext = await app.NewContextAsync();
        await using var otherContext = await app.NewContextAsync();
        await using var facilitatorContext = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await using var leadContext = await app.NewContextAsync();
        var room = new RoomPage(await BrowserChecks.SignedInPageAsync(memberContext, member.Email));
        var otherRoom = new RoomPage(await BrowserChecks.SignedInPageAsync(otherContext, other.Email));
        var facilitatorRoom = new RoomPage(await BrowserChecks.SignedInPageAsync(facilitatorContext, facilitator.Email));
        var leadPage = await BrowserChecks.SignedInPageAsync(leadContext, lead.Email);
        foreach (var page in (RoomPage[])[facilitatorRoom, otherRoom, room])
        {
            await page.Page.GotoAsync(setup.RoomPath);
            await page.EnterAsync(checkIn: null);
        }

        // The member says it in the room: it is posted, and they are taken to the caring page at once.
        await room.MessageText.FillAsync(shared);
        await room.Send.ClickAsync();
        await Expect(room.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "We're glad you shared" })).ToBeVisibleAsync();
        await Expect(room.Page.GetByRole(AriaRole.Link, new() { Name = "Call 999", Exact = true })).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(room.Page);
        await Expect(otherRoom.Message(shared)).ToBeVisibleAsync();
        await Expect(otherRoom.Page.Locator("#room-alerts")).ToHaveCountAsync(0);

        // In the room, the facilitator is alerted (never with the words); back in the room, the member finds the conversation.
        await Expect(facilitatorRoom.Page.Locator("#room-alerts")).ToContainTextAsync("A message in this room may need your attention.");
        await Expect(facilitatorRoom.Page.Locator("#room-alerts")).Not.ToContainTextAsync(shared);
        await room.Page.GetByRole(AriaRole.Link, new() { Name = "Go back to the conversation" }).ClickAsync();
        await Expect(room.Connection).ToHaveTextAsync("Connected");
        await Expect(room.Message(shared)).ToBeVisibleAsync();

        // The facilitator opens the draft from the room's alert and raises it.
        var draftHref = await facilitatorRoom.Page.Locator("#room-alerts a").GetAttributeAsync("href");
        var draft = await facilitatorContext.NewPageAsync();
        await draft.GotoAsync(draftHref!);
        await Expect(draft.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Review a draft concern" })).ToBeVisibleAsync();
        await Expect(draft.GetByText(shared)).ToBeVisibleAsync();
        await draft.GetByLabel("What worries you, for the safeguarding leads").FillAsync(SharedText.Mark("Robin said this in tonight's session."));
        await draft.GetByRole(AriaRole.Button, new() { Name = "Raise the concern" }).ClickAsync();
        await Expect(draft.GetByText("The concern is with the safeguarding leads.")).ToBeVisibleAsync();

        await LeadReadsEscalatesAndClosesAsync(leadPage, shared, "Robin");
    }

    /// <summary>The lead opens the queue and the concern (no text until a reason is given), reads it, escalates and closes.</summary>
    private static async Task LeadReadsEscalatesAndClosesAsync(IPage leadPage, string shared, string who)
    {
        // The lead opens the queue and the concern: no text until a reason is given.
        await leadPage.GotoAsync("/Safeguarding");
        await leadPage.GetByRole(AriaRole.Link, new() { Name = "Open" }).First.ClickAsync();
        await Expect(leadPage.GetByText(shared)).ToHaveCountAsync(0);
        await BrowserChecks.AssertAccessibleAsync(leadPage);
        await leadPage.GetByRole(AriaRole.Button, new() { Name = "Acknowledge: I am looking after this" }).ClickAsync();
        await Expect(leadPage.GetByText("You have acknowledged the concern.")).ToBeVisibleAsync();
        await leadPage.GetByLabel("Why do you need to read what was shared?", new() { Exact = false }).FillAsync(SharedText.Mark("Assessing immediate risk"));
        await leadPage.GetByRole(AriaRole.Button, new() { Name = "Read what was shared" }).ClickAsync();
        await Expect(leadPage.GetByText(shared)).ToBeVisibleAsync();
        await Expect(leadPage.GetByText("Assessing immediate risk", new() { Exact = false })).ToBeVisibleAsync();
        await leadPage.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("safeguarding-lead-reads.png"), FullPage = true });

        // Escalates, then closes with an outcome.
        await leadPage.GetByLabel("Escalated to (service or person)").FillAsync("Local crisis team");
        await leadPage.GetByLabel("When (your time)").FillAsync(DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await leadPage.GetByLabel("Outcome of the escalation (if known)").FillAsync(SharedText.Mark("Welfare check arranged"));
        await leadPage.GetByRole(AriaRole.Button, new() { Name = "Record escalation" }).ClickAsync();
        await Expect(leadPage.GetByText("The escalation is recorded.")).ToBeVisibleAsync();
        await Expect(leadPage.GetByText(shared)).ToHaveCountAsync(0);
        await leadPage.GetByLabel("Outcome", new() { Exact = true }).FillAsync(SharedText.Mark($"{who} is safe and has support from their GP."));
        await leadPage.GetByRole(AriaRole.Button, new() { Name = "Close the concern" }).ClickAsync();
        await Expect(leadPage.Locator("#concern-status")).ToHaveTextAsync("Closed");

    }

    private async Task<Guid> CreateGroupAsync(string name, string facilitatorEmail, params string[] memberEmails)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var now = DateTime.UtcNow;
        var group = new Group(new GroupDetails(name, "Support for people working nights.", [Topic.WorkStress], GroupFormat.Online,
            "PeerCircle live room", "Europe/London", 10, JoinPolicy.Open, true, false), "Be kind. What is said here stays here.", now);
        group.AssignFacilitator((await users.FindByEmailAsync(facilitatorEmail))!.Id, now);
        db.Groups.Add(group);
        foreach (var email in memberEmails)
        {
            db.Memberships.Add(Membership.Join(group, (await users.FindByEmailAsync(email))!.Id, group.CurrentAgreementVersion, now));
        }

        await db.SaveChangesAsync();
        return group.Id;
    }
}
