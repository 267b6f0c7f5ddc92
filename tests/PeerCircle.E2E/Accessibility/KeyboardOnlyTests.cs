using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeerCircle.Domain.Sharing;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Accessibility;

/// <summary>
/// The main journeys done with the keyboard alone (no mouse, no clicks, no filling fields directly): signing
/// up, and signing in, joining a group, booking a seat and taking part in the live room.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class KeyboardOnlyTests(AppFixture app)
{
    [Fact]
    public async Task A_new_member_signs_up_with_the_keyboard_alone()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var email = $"keys-{id}@example.com";
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var keys = new KeyboardOnly(page);
        await page.GotoAsync("/");

        await keys.ActivateAsync(new SiteHeader(page).Join);
        var join = new JoinPage(page);
        await Expect(join.Heading).ToBeVisibleAsync();
        await keys.FillAsync(join.Email, email);
        await keys.FillAsync(join.Pseudonym, $"Keyboard Wren {id}");
        await keys.FillAsync(join.Password, "a long keyboard passphrase");
        await keys.FillAsync(join.ConfirmPassword, "a long keyboard passphrase");
        await keys.ToggleAsync(join.OldEnough);
        await Expect(join.OldEnough).ToBeCheckedAsync();
        await keys.ActivateAsync(join.Join);

        await Expect(new CheckYourEmailPage(page).Heading).ToBeVisibleAsync();
        Assert.Equal("Confirm your PeerCircle account", (await app.Mailbox.NewestToAsync(email)).Subject);
    }

    [Fact]
    public async Task A_member_signs_in_joins_a_group_books_a_seat_and_takes_part_in_the_live_room_with_the_keyboard_alone()
    {
        var facilitator = await app.CreatePersonAsync("Kite", Domain.Accounts.Roles.Facilitator);
        var member = await app.CreatePersonAsync("Linnet");
        var setup = await app.ScheduleOnlineSessionAsync(facilitator.Email, [], TimeSpan.FromMinutes(10));
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var keys = new KeyboardOnly(page);
        var main = page.GetByRole(AriaRole.Main);

        // Signing in.
        await page.GotoAsync("/");
        await keys.ActivateAsync(new SiteHeader(page).SignIn);
        var signIn = new SignInPage(page);
        await keys.FillAsync(signIn.Email, member.Email);
        await keys.FillAsync(signIn.Password, AppFixture.Password);
        await keys.PressAsync("Enter");
        await Expect(new SiteHeader(page).MyProfile).ToBeVisibleAsync();

        // Joining the group, from the list of groups.
        await keys.ActivateAsync(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true }));
        await keys.ActivateAsync(main.GetByRole(AriaRole.Link, new() { Name = setup.GroupName }));
        await keys.ActivateAsync(main.GetByRole(AriaRole.Link, new() { Name = "Join this group" }));
        var accept = page.GetByLabel("I have read the group agreement and I accept it");
        await keys.ToggleAsync(accept);
        await Expect(accept).ToBeCheckedAsync();
        await keys.ActivateAsync(main.GetByRole(AriaRole.Button, new() { Name = "Join the group" }));
        await Expect(main).ToContainTextAsync("Welcome to the group!");

        // Booking its session.
        await keys.ActivateAsync(main.Locator($"a[href='/Sessions/Details/{setup.SessionId}']").First);
        await keys.ActivateAsync(main.GetByRole(AriaRole.Button, new() { Name = "Book a seat" }));
        await Expect(page.GetByText("You're going.")).ToBeVisibleAsync();

        // The facilitator opens the room; the member goes in, checks in, writes, raises a hand and steps out.
        await app.StartSessionAsync(setup, facilitator.Email);
        await page.ReloadAsync();
        await keys.ActivateAsync(main.GetByRole(AriaRole.Link, new() { Name = "Go to the live room" }));
        var room = new RoomPage(page);
        await Expect(room.BeforeYouComeIn).ToBeVisibleAsync();
        await keys.ToggleAsync(room.KeepToTheAgreement);
        await keys.TabToAsync(room.RatherNotSay);
        await keys.PressAsync("ArrowLeft");
        await Expect(room.CheckIn(Share.MaxScore)).ToBeCheckedAsync();
        await keys.ActivateAsync(room.EnterTheRoom);
        await Expect(room.Connection).ToHaveTextAsync("Connected");

        await keys.FillAsync(room.MessageText, SharedText.Mark("Typed without a mouse."));
        await keys.ActivateAsync(room.Send);
        await Expect(room.Message("Typed without a mouse.")).ToBeVisibleAsync();
        await keys.ActivateAsync(room.RaiseHand);
        await Expect(room.Queue.GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new Regex(Regex.Escape(member.Pseudonym)) })).ToBeVisibleAsync();
        await keys.ActivateAsync(room.StepOut);
        await Expect(room.TakingABreak).ToBeVisibleAsync();
        await keys.ActivateAsync(room.ComeBack);
        await Expect(room.MessageText).ToBeVisibleAsync();
        Assert.True(keys.Presses > 20, $"only {keys.Presses} key presses");
    }
}
