using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeerCircle.Domain.Accounts;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Groups;

/// <summary>
/// Issue 3 end to end: an admin creates a group and a recurring schedule with its facilitator; three
/// members join; two take the two seats, the third is waitlisted; the first cancels and the third is
/// promoted. Each person has their own browser context.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class GroupSessionFlowTests(AppFixture app)
{
    [Fact]
    public async Task A_recurring_schedule_fills_up_waitlists_and_promotes_when_someone_cancels()
    {
        var admin = await app.CreatePersonAsync("Admin", Roles.Admin);
        var facilitator = await app.CreatePersonAsync("Frankie", Roles.Facilitator);
        var first = await app.CreatePersonAsync("Sam");
        var second = await app.CreatePersonAsync("Alex");
        var third = await app.CreatePersonAsync("Jordan");
        var groupName = $"Evening circle {Guid.NewGuid().ToString("N")[..6]}";

        // The admin creates the group (two seats a session) ...
        await using var adminContext = await app.NewContextAsync();
        var adminPage = await SignedInAsync(adminContext, admin.Email);
        await adminPage.GotoAsync("/Admin/Groups/Edit");
        await adminPage.GetByLabel("Name", new() { Exact = true }).FillAsync(groupName);
        await adminPage.GetByLabel("Short description").FillAsync("For anyone whose job follows them home.");
        await adminPage.GetByLabel("Work stress").CheckAsync();
        await adminPage.GetByLabel("Online", new() { Exact = true }).CheckAsync();
        await adminPage.GetByLabel("Location or online room").FillAsync("PeerCircle live room");
        await adminPage.GetByLabel("Time zone").SelectOptionAsync("Europe/London");
        await adminPage.GetByLabel("Seats per session").FillAsync("2");
        await adminPage.GetByLabel("Open: anyone who accepts the agreement").CheckAsync();
        await adminPage.GetByLabel("Listed: members can find this group in the list of groups").CheckAsync();
        await adminPage.GetByLabel("Group agreement (ground rules)").FillAsync("Listen. Be kind. What is said here stays here.");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Create the group" }).ClickAsync();
        await Expect(adminPage.GetByText($"The group \"{groupName}\" was created.")).ToBeVisibleAsync();

        // ... assigns the facilitator ...
        await adminPage.GetByRole(AriaRole.Link, new() { Name = $"Facilitators of {groupName}" }).ClickAsync();
        await adminPage.GetByLabel("Facilitator", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{facilitator.Pseudonym} ({facilitator.Email})" });
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(adminPage.GetByRole(AriaRole.Main).GetByText(facilitator.Pseudonym).First).ToBeVisibleAsync();

        // ... and schedules four weekly sessions at 18:00 London time with that facilitator.
        await adminPage.GotoAsync("/Admin/Groups");
        await adminPage.GetByRole(AriaRole.Link, new() { Name = $"Sessions of {groupName}" }).ClickAsync();
        await adminPage.GetByLabel("Weekly").CheckAsync();
        var firstDate = DateTime.UtcNow.Date.AddDays(7);
        await adminPage.GetByLabel("Date (the first one, for a series)").FillAsync(firstDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await adminPage.GetByLabel("Start time").FillAsync("18:00");
        await adminPage.GetByLabel("Length in minutes").FillAsync("90");
        await adminPage.GetByLabel("Seats", new() { Exact = true }).FillAsync("2");
        await adminPage.GetByLabel("Number of sessions (for a series)").FillAsync("4");
        await adminPage.GetByLabel(new Regex("^" + Regex.Escape(facilitator.Pseudonym))).CheckAsync();
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Expect(adminPage.GetByRole(AriaRole.Main)).ToContainTextAsync("4");
        await adminPage.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("admin-schedule.png"), FullPage = true });

        // Sam joins, books the first session and downloads its calendar file.
        await using var samContext = await app.NewContextAsync();
        var sam = await SignedInAsync(samContext, first.Email);
        var sessionUrl = await JoinAndOpenFirstSessionAsync(sam, groupName);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Book a seat" }).ClickAsync();
        await Expect(sam.GetByText("You're going.")).ToBeVisibleAsync();
        await Expect(sam.GetByRole(AriaRole.Main)).ToContainTextAsync("18:00");
        var download = await sam.RunAndWaitForDownloadAsync(() => sam.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar (.ics file)" }).ClickAsync());
        var ics = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("SUMMARY:PeerCircle session", ics, StringComparison.Ordinal);
        Assert.DoesNotContain(groupName, ics, StringComparison.Ordinal);
        Assert.Equal("peercircle-session.ics", download.SuggestedFilename);
        await sam.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("session-booked.png"), FullPage = true });

        // Alex takes the last seat; Jordan can only join the waitlist.
        await using var alexContext = await app.NewContextAsync();
        var alex = await SignedInAsync(alexContext, second.Email);
        await JoinAndOpenFirstSessionAsync(alex, groupName);
        await alex.GetByRole(AriaRole.Button, new() { Name = "Book a seat" }).ClickAsync();
        await Expect(alex.GetByText("You're going.")).ToBeVisibleAsync();

        await using var jordanContext = await app.NewContextAsync();
        var jordan = await SignedInAsync(jordanContext, third.Email);
        await JoinAndOpenFirstSessionAsync(jordan, groupName);
        await jordan.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await Expect(jordan.GetByText(new Regex("You're on the waitlist"))).ToBeVisibleAsync();

        // Sam cancels: Jordan gets the seat and an email that does not name the group.
        await sam.GotoAsync(sessionUrl);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Cancel my booking" }).ClickAsync();
        await Expect(sam.GetByText("You haven't booked this session.")).ToBeVisibleAsync();

        await jordan.ReloadAsync();
        await Expect(jordan.GetByText("You're going.")).ToBeVisibleAsync();
        var promotion = await app.Mailbox.NewestToAsync(third.Email);
        Assert.Contains("A seat opened up", promotion.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(groupName, promotion.TextBody, StringComparison.Ordinal);
        await jordan.GotoAsync("/Sessions/Mine");
        await Expect(jordan.GetByRole(AriaRole.Main)).ToContainTextAsync("18:00");
        await jordan.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("my-sessions.png"), FullPage = true });
    }

    private static async Task<IPage> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignInPage.Path);
        await new SignInPage(page).SignInAsync(email, AppFixture.Password);
        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeAttachedAsync();
        return page;
    }

    /// <summary>From the group list: open the group, join it under its agreement, open its first session.</summary>
    private static async Task<string> JoinAndOpenFirstSessionAsync(IPage page, string groupName)
    {
        await page.GotoAsync("/Groups");
        await page.GetByRole(AriaRole.Link, new() { Name = groupName }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Join this group" }).ClickAsync();
        await page.GetByLabel("I have read the group agreement and I accept it").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the group" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Welcome");
        await page.GotoAsync("/Groups");
        // Now a member, the group is listed twice: under "Your groups" and in the list of all groups.
        await page.GetByRole(AriaRole.Link, new() { Name = groupName }).First.ClickAsync();
        await page.Locator("a[href^='/Sessions/Details/']").First.ClickAsync();
        return page.Url;
    }
}
