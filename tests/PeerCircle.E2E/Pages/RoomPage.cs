using PeerCircle.E2E.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

/// <summary>The session's live room (Pages/Sessions/Room): the way in, the room itself and the ended page.</summary>
public sealed class RoomPage(IPage page)
{
    private readonly ILocator _main = page.GetByRole(AriaRole.Main);

    public IPage Page => page;

    // ----- the way in -----

    public ILocator BeforeYouComeIn => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Before you come in" });

    public ILocator KeepToTheAgreement => page.GetByLabel("I will keep to this agreement in this session");

    public ILocator CheckIn(int score) => _main.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{score} ") });

    public ILocator RatherNotSay => _main.GetByRole(AriaRole.Radio, new() { Name = "I'd rather not say" });

    public ILocator EnterTheRoom => _main.GetByRole(AriaRole.Button, new() { Name = "Enter the room" });

    // ----- the room -----

    public ILocator Connection => page.Locator("#room-connection");

    public ILocator Banner => page.Locator("#room-banner");

    public ILocator Conversation => _main.GetByRole(AriaRole.List, new() { Name = "Conversation", Exact = true });

    public ILocator Message(string text) => Conversation.GetByRole(AriaRole.Listitem).Filter(new() { HasText = text });

    public ILocator MessageText => page.GetByLabel("Your message", new() { Exact = true });

    public ILocator Anonymous => page.GetByLabel("Anonymous (the facilitators still see who you are)");

    public ILocator Send => _main.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });

    public ILocator ComposerError => page.Locator("#composer-error");

    public ILocator RaiseHand => _main.GetByRole(AriaRole.Button, new() { Name = "Raise hand", Exact = true });

    public ILocator Queue => _main.GetByRole(AriaRole.List, new() { Name = "Raised hands", Exact = true });

    public ILocator Floor => page.Locator("#floor");

    public ILocator People => _main.GetByRole(AriaRole.List, new() { Name = "In the room", Exact = true });

    public ILocator Person(string pseudonym) => People.GetByRole(AriaRole.Listitem).Filter(new() { HasText = pseudonym });

    public ILocator StepOut => _main.GetByRole(AriaRole.Button, new() { Name = "Step out for a break" });

    public ILocator TakingABreak => _main.GetByRole(AriaRole.Heading, new() { Name = "You're taking a break" });

    public ILocator BreakScreen => _main.GetByRole(AriaRole.Region, new() { Name = "You're taking a break" });

    public ILocator ComeBack => _main.GetByRole(AriaRole.Button, new() { Name = "I'm back" });

    /// <summary>The room's own "Get help now" (beside "Step out"), not the one in the site header.</summary>
    public ILocator GetHelpNow => _main.GetByRole(AriaRole.Link, new() { Name = "Get help now", Exact = true });

    // ----- facilitators only -----

    public ILocator SlowMode => page.GetByLabel("Slow mode", new() { Exact = true });

    public ILocator TalkTime => _main.GetByRole(AriaRole.List, new() { Name = "Talk-time balance", Exact = true });

    public ILocator TalkTimeMeter(string pseudonym) => TalkTime.GetByRole(AriaRole.Meter, new() { NameRegex = new Regex("^" + Regex.Escape(pseudonym)) });

    public ILocator EndTheSession => _main.GetByRole(AriaRole.Button, new() { Name = "End the session" });

    // ----- after the end -----

    public ILocator Ended => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "This session has ended" });

    public ILocator CheckOut(int score) => _main.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^How are you now") })
        .GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{score} ") });

    /// <summary>Reads and acknowledges the agreement, with an optional check-in, and waits until the room is connected.</summary>
    public async Task EnterAsync(int? checkIn)
    {
        await KeepToTheAgreement.CheckAsync();
        await (checkIn is { } score ? CheckIn(score) : RatherNotSay).CheckAsync();
        await EnterTheRoom.ClickAsync();
        await Assertions.Expect(Connection).ToHaveTextAsync("Connected");
    }

    public async Task SendAsync(string text, bool anonymous = false)
    {
        await MessageText.FillAsync(SharedText.Register(text));
        if (anonymous)
        {
            await Anonymous.CheckAsync();
        }
        else
        {
            await Anonymous.UncheckAsync();
        }

        await Send.ClickAsync();
    }
}
