using System.Globalization;
using Microsoft.Playwright;
using PeerCircle.Domain.Accounts;
using PeerCircle.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.OneToOne;

/// <summary>
/// One-to-one support end to end, each person in their own browser: a supporter opts in; a member asks,
/// picks the supporter, who accepts; they exchange messages and book a check-in; the member adds a goal
/// and records progress; the member ends the pairing. axe checks every new page on the way.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class OneToOneFlowTests(AppFixture app)
{
    [Fact]
    public async Task A_member_asks_picks_a_supporter_who_accepts_they_talk_book_a_check_in_set_a_goal_and_the_member_ends_it()
    {
        var supporter = await app.CreatePersonAsync("Sage", Roles.Facilitator);
        var member = await app.CreatePersonAsync("Ash");
        await using var supporterContext = await app.NewContextAsync();
        await using var memberContext = await app.NewContextAsync();
        var supporterPage = await BrowserChecks.SignedInPageAsync(supporterContext, supporter.Email);
        var memberPage = await BrowserChecks.SignedInPageAsync(memberContext, member.Email);

        // The supporter opts in: introduction, topic, Wednesday evenings, caseload.
        await supporterPage.GotoAsync("/OneToOne");
        await supporterPage.GetByRole(AriaRole.Link, new() { Name = "Offer one-to-one support" }).ClickAsync();
        await supporterPage.GetByLabel("A short introduction members see when choosing", new() { Exact = false }).FillAsync(SharedText.Mark("I found my first year at work hard. Happy to listen."));
        await supporterPage.GetByLabel("Anxiety", new() { Exact = true }).CheckAsync();
        await FillWindowAsync(supporterPage, "Wednesday", "18:00", "21:00");
        await BrowserChecks.AssertAccessibleAsync(supporterPage);
        await supporterPage.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(supporterPage.GetByText("Members looking for support can now choose you.")).ToBeVisibleAsync();

        // The member asks and sees the supporter proposed, with pseudonym and introduction only.
        await memberPage.GotoAsync("/OneToOne");
        await BrowserChecks.AssertAccessibleAsync(memberPage);
        await memberPage.GetByRole(AriaRole.Link, new() { Name = "Ask for a supporter" }).ClickAsync();
        await memberPage.GetByLabel("Anxiety", new() { Exact = true }).CheckAsync();
        await FillWindowAsync(memberPage, "Wednesday", "19:00", "20:30");
        await memberPage.GetByLabel("Anything you'd like your supporter to know", new() { Exact = false }).FillAsync(SharedText.Mark("New job, lots of worry at night."));
        await BrowserChecks.AssertAccessibleAsync(memberPage);
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Find supporters" }).ClickAsync();
        await Expect(memberPage.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Choose a supporter" })).ToBeVisibleAsync();
        await Expect(memberPage.GetByText("I found my first year at work hard.")).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(memberPage);
        await memberPage.GetByRole(AriaRole.Button, new() { Name = $"Choose {supporter.Pseudonym}" }).ClickAsync();
        await Expect(memberPage.GetByText("We've asked them.")).ToBeVisibleAsync();

        // The supporter reads the request (with the private note) and accepts.
        await supporterPage.GotoAsync("/OneToOne");
        await supporterPage.GetByRole(AriaRole.Link, new() { Name = $"{member.Pseudonym} asked you" }).ClickAsync();
        await Expect(supporterPage.GetByText("New job, lots of worry at night.")).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(supporterPage);
        await supporterPage.GetByRole(AriaRole.Button, new() { Name = "Yes, I'll support them" }).ClickAsync();
        await Expect(supporterPage.GetByRole(AriaRole.Heading, new() { Name = "Remember your boundaries" })).ToBeVisibleAsync();
        await supporterPage.GetByLabel("Your message").FillAsync(SharedText.Mark("Hello Ash, glad you reached out."));
        await supporterPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        // The member opens the space, answers and proposes a check-in; the supporter accepts it.
        await memberPage.GotoAsync("/OneToOne");
        await memberPage.GetByRole(AriaRole.Link, new() { Name = "Open your one-to-one space" }).ClickAsync();
        await Expect(memberPage.GetByText("Hello Ash, glad you reached out.")).ToBeVisibleAsync();
        await memberPage.GetByLabel("Your message").FillAsync(SharedText.Mark("Thank you. Evenings are the hardest."));
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(memberPage.GetByText("Evenings are the hardest.")).ToBeVisibleAsync();
        var day = DateTime.UtcNow.AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await memberPage.GetByLabel("Date", new() { Exact = true }).FillAsync(day);
        await memberPage.GetByLabel("Time (your time zone)").FillAsync("19:30");
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Expect(memberPage.Locator("#check-ins strong", new() { HasText = "waiting for an answer" })).ToBeVisibleAsync();

        await supporterPage.ReloadAsync();
        await Expect(supporterPage.GetByText("Thank you. Evenings are the hardest.")).ToBeVisibleAsync();
        await supporterPage.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Expect(supporterPage.GetByText("Booked. It is in both your calendars.")).ToBeVisibleAsync();
        await Expect(supporterPage.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar (.ics)" })).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(supporterPage);

        // The member sets a goal with two small steps and records progress.
        await memberPage.ReloadAsync();
        await Expect(memberPage.Locator("#check-ins strong", new() { HasText = "booked" })).ToBeVisibleAsync();
        await memberPage.GetByLabel("A goal for yourself").FillAsync(SharedText.Mark("Speak up once in a team meeting"));
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Add goal" }).ClickAsync();
        await memberPage.GetByLabel("A small step for this goal").FillAsync(SharedText.Mark("Write down one point beforehand"));
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Add step" }).ClickAsync();
        await memberPage.GetByLabel("A small step for this goal").FillAsync(SharedText.Mark("Say it in the first ten minutes"));
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Add step" }).ClickAsync();
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).First.ClickAsync();
        await Expect(memberPage.GetByText("Progress recorded: 50% of this goal.")).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(memberPage);
        await memberPage.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("one-to-one-space.png"), FullPage = true });

        await supporterPage.ReloadAsync();
        await Expect(supporterPage.GetByText("Speak up once in a team meeting")).ToBeVisibleAsync();

        // The member ends the pairing kindly; the supporter sees it has ended and the kind words.
        await memberPage.GetByLabel("A few kind words about why", new() { Exact = false }).FillAsync(SharedText.Mark("Thank you, I feel ready to try on my own."));
        await memberPage.GetByRole(AriaRole.Button, new() { Name = "End the pairing" }).ClickAsync();
        await Expect(memberPage.GetByText("The pairing has ended. You can ask for another supporter whenever you like.")).ToBeVisibleAsync();
        await Expect(memberPage.GetByRole(AriaRole.Link, new() { Name = "Ask for another supporter" })).ToBeVisibleAsync();

        await supporterPage.ReloadAsync();
        await Expect(supporterPage.GetByText("Thank you, I feel ready to try on my own.")).ToBeVisibleAsync();
        await Expect(supporterPage.GetByLabel("Your message")).ToHaveCountAsync(0);
        await BrowserChecks.AssertAccessibleAsync(supporterPage);
    }

    private static async Task FillWindowAsync(IPage page, string day, string from, string to)
    {
        await page.GetByLabel("Day 1", new() { Exact = true }).SelectOptionAsync(day);
        await page.GetByLabel("From, row 1", new() { Exact = true }).FillAsync(from);
        await page.GetByLabel("To, row 1", new() { Exact = true }).FillAsync(to);
    }
}
