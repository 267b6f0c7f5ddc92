using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Sessions;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Rooms;

/// <summary>
/// Issue 5 end to end: a facilitator and two members, each in their own browser context, run a live
/// session over SignalR from "Start the session" to "End the session". Every page is watched for
/// console errors and Content-Security-Policy violations.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class LiveRoomTests(AppFixture app)
{


    [Fact]
    public async Task A_facilitator_and_two_members_run_a_live_session_from_start_to_end()
    {
        var facilitator = await app.CreatePersonAsync("Frankie", Roles.Facilitator);
        var sam = await app.CreatePersonAsync("Sam");
        var alex = await app.CreatePersonAsync("Alex");
        var setup = await app.ScheduleOnlineSessionAsync(facilitator.Email, [sam.Email, alex.Email], TimeSpan.FromMinutes(5));

        await using var facilitatorContext = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, ReducedMotion = ReducedMotion.Reduce });
        await using var samContext = await app.NewContextAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await using var alexContext = await app.NewContextAsync();
        var (f, fProblems) = await SignedInAsync(facilitatorContext, facilitator.Email);
        var (s, sProblems) = await SignedInAsync(samContext, sam.Email);
        var (a, aProblems) = await SignedInAsync(alexContext, alex.Email);
        var everyone = new[] { f, s, a };
        await WatchedAsync(
            () => RunTheSessionAsync(setup, facilitator, sam, alex, f, s, a, everyone),
            ("facilitator", f, fProblems), ("sam", s, sProblems), ("alex", a, aProblems));
    }

    private async Task RunTheSessionAsync(
        LiveSessionSetup setup, (string Email, string Pseudonym) facilitator, (string Email, string Pseudonym) sam, (string Email, string Pseudonym) alex,
        RoomPage f, RoomPage s, RoomPage a, RoomPage[] everyone)
    {
        // The facilitator starts the session on the Run page and goes to the room.
        await f.Page.GotoAsync(setup.RunPath);
        await f.Page.GetByRole(AriaRole.Button, new() { Name = "Start the session" }).ClickAsync();
        await Expect(f.Page.GetByText("The session is live and its room is open.")).ToBeVisibleAsync();
        await f.Page.GetByRole(AriaRole.Link, new() { Name = "Go to the live room" }).ClickAsync();
        await Expect(f.BeforeYouComeIn).ToBeVisibleAsync();
        await Expect(f.Page.GetByText(LiveSessions.Agreement)).ToBeVisibleAsync();
        await f.EnterAsync(checkIn: null);

        // Each member reads and acknowledges the agreement; Sam checks in with a 4, Alex would rather not say.
        await s.Page.GotoAsync(setup.RoomPath);
        await s.EnterAsync(checkIn: 4);
        await a.Page.GotoAsync(setup.RoomPath);
        await a.EnterAsync(checkIn: null);
        foreach (var room in everyone)
        {
            await Expect(room.Person(sam.Pseudonym)).ToBeVisibleAsync();
            await Expect(room.Person(alex.Pseudonym)).ToBeVisibleAsync();
            await Expect(room.Person(facilitator.Pseudonym)).ToContainTextAsync("facilitator");
        }

        // Sam raises a hand, then Alex: everyone sees the queue in that order.
        await s.RaiseHand.ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Button, new() { Name = "Lower hand" })).ToBeVisibleAsync();
        await Expect(s.Queue.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await a.RaiseHand.ClickAsync();
        foreach (var room in everyone)
        {
            await Expect(room.Queue.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([StartsWith(sam.Pseudonym), StartsWith(alex.Pseudonym)]);
        }

        // The facilitator gives Sam the floor: Sam is highlighted for everyone and leaves the queue.
        await f.Queue.GetByRole(AriaRole.Button, new() { Name = $"Give the floor to {sam.Pseudonym}" }).ClickAsync();
        foreach (var room in everyone)
        {
            await Expect(room.Floor).ToHaveTextAsync($"{sam.Pseudonym} has the floor.");
            await Expect(room.Person(sam.Pseudonym)).ToHaveClassAsync(HasClass("has-floor"));
            await Expect(room.Person(sam.Pseudonym)).ToContainTextAsync("has the floor");
            await Expect(room.Queue.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([StartsWith(alex.Pseudonym)]);
        }

        // Sam speaks: all three see it, under Sam's name, marked as from the person with the floor.
        var samFirst = SharedText.Mark("Sunday nights are the worst for me, I lie awake going over the rota.");
        await s.SendAsync(samFirst);
        var samSpoke = Stopwatch.StartNew();
        await Expect(s.MessageText).ToHaveValueAsync(string.Empty);
        foreach (var room in everyone)
        {
            await Expect(room.Message(samFirst)).ToContainTextAsync(sam.Pseudonym);
            await Expect(room.Message(samFirst)).ToHaveClassAsync(HasClass("has-floor"));
        }

        // Alex writes anonymously: members see "Anonymous", the facilitator sees who it was, with the note.
        var alexAnonymous = SharedText.Mark("I cried in the car park on Friday and nobody noticed.");
        await a.SendAsync(alexAnonymous, anonymous: true);
        await Expect(a.Message(alexAnonymous)).ToContainTextAsync("you, anonymous to the group");
        await Expect(s.Message(alexAnonymous).Locator(".room-message-author")).ToHaveTextAsync("Anonymous");
        await Expect(s.Message(alexAnonymous)).Not.ToContainTextAsync(alex.Pseudonym);
        await Expect(f.Message(alexAnonymous)).ToContainTextAsync($"{alex.Pseudonym} (posted anonymously to the group)");

        // The facilitator hides it: gone for Sam at once; Alex and the facilitator are told it is hidden.
        await f.Message(alexAnonymous).GetByRole(AriaRole.Button, new() { Name = "Hide from the group" }).ClickAsync();
        await Expect(s.Message(alexAnonymous)).ToHaveCountAsync(0);
        await Expect(f.Message(alexAnonymous)).ToContainTextAsync("hidden from the group");
        await Expect(f.Message(alexAnonymous).GetByRole(AriaRole.Button, new() { Name = "Show to the group again" })).ToBeVisibleAsync();
        await Expect(a.Message(alexAnonymous)).ToContainTextAsync("a facilitator hid this from the group");

        // Slow mode, one message per 10 seconds: Sam's first message goes through, the quick second one is refused.
        await f.SlowMode.SelectOptionAsync("10");
        foreach (var room in everyone)
        {
            await Expect(room.Banner).ToHaveTextAsync("Slow mode: one message every 10 seconds each.");
        }

        var wait = TimeSpan.FromSeconds(11) - samSpoke.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var samSecond = SharedText.Mark("Does anyone else dread the phone ringing?");
        await s.SendAsync(samSecond);
        await Expect(s.MessageText).ToHaveValueAsync(string.Empty);
        await Expect(a.Message(samSecond)).ToBeVisibleAsync();
        var samTooQuick = SharedText.Mark("And another thing about the rota.");
        await s.SendAsync(samTooQuick);
        await Expect(s.ComposerError).ToContainTextAsync("Slow mode is on: you can send your next message in");
        await Expect(s.MessageText).ToHaveValueAsync(samTooQuick);
        await Expect(f.Message(samTooQuick)).ToHaveCountAsync(0);

        // Sam withdraws the second message: its text disappears for everyone at once.
        s.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await s.Message(samSecond).GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        foreach (var room in everyone)
        {
            await Expect(room.Conversation.GetByText(samSecond)).ToHaveCountAsync(0);
            await Expect(room.Conversation.GetByText("Withdrawn by its author.")).ToHaveCountAsync(1);
        }

        // The facilitator mutes Alex for the rest of the session: Alex's composer is closed, with the reason.
        f.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await f.Person(alex.Pseudonym).GetByRole(AriaRole.Button, new() { Name = $"Mute {alex.Pseudonym}" }).ClickAsync();
        await Expect(a.MessageText).ToBeDisabledAsync();
        await Expect(a.Send).ToBeDisabledAsync();
        await Expect(a.ComposerError).ToContainTextAsync("A facilitator has paused your messages for the rest of this session.");
        await Expect(f.Person(alex.Pseudonym)).ToContainTextAsync("muted");
        await Expect(s.Person(alex.Pseudonym)).Not.ToContainTextAsync("muted");

        // Sam steps out: a calm break screen with "Get help now", and the others see "taking a break".
        await s.StepOut.ClickAsync();
        await Expect(s.TakingABreak).ToBeVisibleAsync();
        await Expect(s.TakingABreak).ToBeFocusedAsync();
        await Expect(s.BreakScreen.GetByRole(AriaRole.Link, new() { Name = "get help now" })).ToBeVisibleAsync();
        await Expect(s.GetHelpNow).ToBeVisibleAsync();
        await Expect(s.Conversation).ToBeHiddenAsync();
        await Expect(f.Person(sam.Pseudonym)).ToContainTextAsync("taking a break");
        await Expect(f.Floor).ToHaveTextAsync("Nobody has the floor.");
        await s.ComeBack.ClickAsync();
        await Expect(s.TakingABreak).ToBeHiddenAsync();
        await Expect(s.StepOut).ToBeFocusedAsync();
        await Expect(s.Message(samFirst)).ToBeVisibleAsync();
        await Expect(f.Person(sam.Pseudonym)).Not.ToContainTextAsync("taking a break");

        // The facilitator's view: talk-time balance and the private check-in; members see neither.
        var samCharacters = samFirst.Length + samSecond.Length;
        var samShare = (int)Math.Round(100.0 * samCharacters / (samCharacters + alexAnonymous.Length), MidpointRounding.AwayFromZero);
        await Expect(f.TalkTimeMeter(sam.Pseudonym)).ToHaveAttributeAsync("value", samShare.ToString(CultureInfo.InvariantCulture));
        await Expect(f.TalkTimeMeter(alex.Pseudonym)).ToHaveAttributeAsync("value", (100 - samShare).ToString(CultureInfo.InvariantCulture));
        await Expect(f.TalkTime).ToContainTextAsync($"{sam.Pseudonym}: {samShare}% (2 messages)");
        await Expect(f.Person(sam.Pseudonym)).ToContainTextAsync("check-in 4/5");
        await Expect(f.Person(alex.Pseudonym)).Not.ToContainTextAsync("check-in");
        foreach (var member in new[] { s, a })
        {
            await Expect(member.TalkTime).ToHaveCountAsync(0);
            await Expect(member.Page.GetByText("check-in 4/5")).ToHaveCountAsync(0);
        }

        await BrowserChecks.AssertAccessibleAsync(f.Page);
        await BrowserChecks.AssertAccessibleAsync(s.Page);
        await f.Page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("room-facilitator.png"), FullPage = true });
        if (RepositoryPaths.UpdateDocsImages)
        {
            await f.Page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(RepositoryPaths.DocsImages).FullName, "room-facilitator.png"), FullPage = true });
        }

        // The facilitator ends the session: the room closes for everyone and attendance is recorded.
        await f.EndTheSession.ClickAsync();
        foreach (var room in everyone)
        {
            await Expect(room.Ended).ToBeVisibleAsync();
        }

        // Sam gives the closing check-in on the ended page.
        await BrowserChecks.AssertAccessibleAsync(s.Page);
        await s.CheckOut(3).CheckAsync();
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await Expect(s.Page.GetByText("Thank you for checking out. Only the facilitators see your answer.")).ToBeVisibleAsync();

        await f.Page.GotoAsync(setup.RunPath);
        foreach (var member in new[] { sam, alex })
        {
            await Expect(f.Page.GetByRole(AriaRole.Group, new() { Name = member.Pseudonym }).GetByLabel("Attended")).ToBeCheckedAsync();
        }

        var attendance = await app.AttendanceAsync(setup.SessionId);
        Assert.Equal(Attendance.Attended, attendance[await app.UserIdAsync(sam.Email)]);
        Assert.Equal(Attendance.Attended, attendance[await app.UserIdAsync(alex.Email)]);
    }

    /// <summary>
    /// Runs a scenario; a failure comes back with what each person saw (a screenshot each) and what their
    /// browser complained about. After it, no page may have logged a console error or a CSP violation.
    /// </summary>
    private static async Task WatchedAsync(Func<Task> scenario, params (string Name, RoomPage Room, BrowserProblems Problems)[] people)
    {
        try
        {
            await scenario();
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException(await DescribeFailureAsync(ex, people));
        }

        Assert.Empty(people.SelectMany(p => p.Problems.All));
    }

    private static async Task<string> DescribeFailureAsync(Exception failure, params (string Name, RoomPage Room, BrowserProblems Problems)[] people)
    {
        var lines = new List<string> { failure.ToString() };
        foreach (var (name, room, problems) in people)
        {
            await room.Page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot($"room-failure-{name}.png"), FullPage = true });
            var error = await room.ComposerError.CountAsync() > 0 ? await room.ComposerError.TextContentAsync() : null;
            lines.Add($"{name} at {room.Page.Url}: composer says \"{error}\"; browser problems: {string.Join(" | ", problems.All)}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    [Fact]
    public async Task On_a_phone_the_room_is_accessible_and_the_composer_and_get_help_now_are_on_screen()
    {
        var facilitator = await app.CreatePersonAsync("Frankie", Roles.Facilitator);
        var jo = await app.CreatePersonAsync("Jo");
        var setup = await app.ScheduleOnlineSessionAsync(facilitator.Email, [jo.Email], TimeSpan.FromMinutes(5));
        await app.StartSessionAsync(setup, facilitator.Email);

        await using var facilitatorContext = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, ReducedMotion = ReducedMotion.Reduce });
        await using var phoneContext = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "en-GB",
            // Without transitions axe never measures a button halfway between two colours (a tap leaves it hovered).
            ReducedMotion = ReducedMotion.Reduce,
        });
        var (f, fProblems) = await SignedInAsync(facilitatorContext, facilitator.Email);
        var (phone, phoneProblems) = await SignedInAsync(phoneContext, jo.Email);

        await WatchedAsync(async () =>
        {
            // The way in, on a phone.
            await phone.Page.GotoAsync(setup.RoomPath);
            await Expect(phone.BeforeYouComeIn).ToBeVisibleAsync();
            await BrowserChecks.AssertAccessibleAsync(phone.Page);
            await phone.EnterAsync(checkIn: 2);
            await f.Page.GotoAsync(setup.RoomPath);
            await f.EnterAsync(checkIn: null);

            // A conversation long enough to fill the screen.
            for (var i = 1; i <= 6; i++)
            {
                await phone.SendAsync(SharedText.Mark($"Message {i}: the week has been long and I have not slept well since the shift pattern changed."));
                await Expect(f.Message($"Message {i}:")).ToBeVisibleAsync();
            }

            await phone.RaiseHand.TapAsync();
            await Expect(f.Queue.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
            await Expect(f.Person(jo.Pseudonym)).ToContainTextAsync("check-in 2/5");

            // Nothing is wider than the phone; "Get help now" is on screen and the composer is ready.
            Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                "The room is wider than the phone's screen.");
            await Expect(phone.GetHelpNow).ToBeInViewportAsync();
            await Expect(phone.MessageText).ToBeEnabledAsync();
            await phone.MessageText.ScrollIntoViewIfNeededAsync();
            await Expect(phone.MessageText).ToBeInViewportAsync();
            await Expect(phone.Send).ToBeInViewportAsync();
            await BrowserChecks.AssertAccessibleAsync(phone.Page);
            await BrowserChecks.AssertAccessibleAsync(f.Page);
            // The picture: the latest messages with the composer at the bottom of the screen.
            await phone.Send.EvaluateAsync("send => send.scrollIntoView({ block: 'end' })");
            await phone.Page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("room-phone.png") });
            if (RepositoryPaths.UpdateDocsImages)
            {
                await phone.Page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(RepositoryPaths.DocsImages).FullName, "room-phone.png") });
            }

            // Stepping out on a phone: the break screen, with help one tap away, and nothing in the way.
            await phone.StepOut.TapAsync();
            await Expect(phone.TakingABreak).ToBeVisibleAsync();
            await Expect(phone.BreakScreen.GetByRole(AriaRole.Link, new() { Name = "get help now" })).ToBeInViewportAsync();
            await BrowserChecks.AssertAccessibleAsync(phone.Page);
            await phone.ComeBack.TapAsync();
            await Expect(phone.MessageText).ToBeEnabledAsync();

        }, ("facilitator", f, fProblems), ("phone", phone, phoneProblems));
    }

    private static Regex StartsWith(string text) => new("^" + Regex.Escape(text));

    private static Regex HasClass(string className) => new($"(^|\\s){Regex.Escape(className)}(\\s|$)");

    private static async Task<(RoomPage Room, BrowserProblems Problems)> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync(SignInPage.Path);
        await new SignInPage(page).SignInAsync(email, AppFixture.Password);
        // Attached, not visible: on a phone it sits in the collapsed menu.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true, IncludeHidden = true })).ToBeAttachedAsync();
        return (new RoomPage(page), problems);
    }
}
