using Microsoft.Playwright;

namespace PeerCircle.E2E.Accessibility;

/// <summary>
/// Drives a page with the keyboard alone: Tab until a control has focus (failing if it never does, which
/// is what a keyboard user would meet), then Enter, Space, arrows or typing. Every control reached must
/// show where the focus is (an outline or a focus ring), or a keyboard user could not see it.
/// </summary>
public sealed class KeyboardOnly(IPage page)
{
    public int Presses { get; private set; }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus.</summary>
    public async Task TabToAsync(ILocator target, int maxPresses = 60)
    {
        ArgumentNullException.ThrowIfNull(target);
        await target.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var i = 0; i < maxPresses; i++)
        {
            await PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                var visible = await target.EvaluateAsync<bool>(
                    "el => { const s = getComputedStyle(el); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }");
                if (!visible)
                {
                    throw new InvalidOperationException($"{target} has the focus but shows no focus indicator.");
                }

                return;
            }
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : '(nothing)'");
        throw new InvalidOperationException($"{maxPresses} presses of Tab never reached {target}; the focus is on {focused}.");
    }

    public async Task PressAsync(string key)
    {
        await page.Keyboard.PressAsync(key);
        Presses++;
    }

    public async Task TypeAsync(string text)
    {
        await page.Keyboard.TypeAsync(text);
        Presses += text.Length;
    }

    /// <summary>Tabs to a text field and types into it.</summary>
    public async Task FillAsync(ILocator field, string text)
    {
        await TabToAsync(field);
        await TypeAsync(text);
    }

    /// <summary>Tabs to a link or button and presses Enter.</summary>
    public async Task ActivateAsync(ILocator control)
    {
        await TabToAsync(control);
        await PressAsync("Enter");
    }

    /// <summary>Tabs to a checkbox or radio button and presses Space.</summary>
    public async Task ToggleAsync(ILocator control)
    {
        await TabToAsync(control);
        await PressAsync("Space");
    }
}
