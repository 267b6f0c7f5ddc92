using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerCircle.Domain.Accounts;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Admin;

[Collection(BrowserSuite.Name)]
public sealed class GrantFacilitatorTests(AppFixture app)
{
    [Fact]
    public async Task An_admin_makes_a_member_a_facilitator_who_sets_up_two_factor_and_sees_their_dashboard()
    {
        var (adminEmail, _) = await app.CreatePersonAsync("Kestrel", Roles.Admin);
        var (email, pseudonym) = await app.CreatePersonAsync("Heron");

        await using (var adminContext = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } }))
        {
            var page = await adminContext.NewPageAsync();
            var problems = BrowserProblems.Watch(page);
            await page.GotoAsync(SignInPage.Path);
            await new SignInPage(page).SignInAsync(adminEmail, AppFixture.Password);
            await Expect(new SiteHeader(page).MyProfile).ToBeVisibleAsync();

            await page.GotoAsync("/Admin");
            await page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
            await BrowserChecks.AssertAccessibleAsync(page);
            var people = new AdminPersonPage(page);
            await people.OpenAsync(pseudonym);
            await Expect(people.Heading(pseudonym)).ToBeVisibleAsync();

            await people.GiveRoleAsync(Roles.Facilitator);

            await Expect(people.Status).ToContainTextAsync($"{pseudonym} is now a facilitator");
            await Expect(people.RemoveRole("Facilitator")).ToBeVisibleAsync();
            await BrowserChecks.AssertAccessibleAsync(page);
            await page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("admin-person.png"), FullPage = true });

            // The other administration pages pass axe too.
            foreach (var (path, heading) in new[] { ("/Admin/Settings", "Settings"), ("/Admin/Invitations", "Invitations"), ("/Admin/Audit", "Audit log") })
            {
                await page.GotoAsync(path);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
                await BrowserChecks.AssertAccessibleAsync(page);
            }

            await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "user.role-granted" })).ToBeVisibleAsync();
            Assert.True(problems.All.Count == 0, string.Join("\n", problems.All));
        }

        // The service now asks staff for two-factor sign-in (as an admin would set it on the settings page).
        await SetStaffTwoFactorAsync(true);
        try
        {
            await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
            var page = await context.NewPageAsync();
            var problems = BrowserProblems.Watch(page);
            await page.GotoAsync(SignInPage.Path);
            await new SignInPage(page).SignInAsync(email, AppFixture.Password);

            // A facilitator without two-factor is sent to set it up before anything else.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Set up an authenticator app" })).ToBeVisibleAsync();
            var key = await page.Locator("#shared-key").InnerTextAsync();
            await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Your recovery codes" })).ToBeVisibleAsync();

            await page.GotoAsync("/Facilitate");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Facilitate" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My upcoming sessions" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("new-facilitator-dashboard.png"), FullPage = true });

            await page.GotoAsync("/Identity/Account/Manage");
            await Expect(page.Locator("#recent-activity")).ToContainTextAsync("Given the Facilitator role by an admin");
            await Expect(page.Locator("#recent-activity")).ToContainTextAsync("Two-factor sign-in turned on");
            Assert.True(problems.All.Count == 0, string.Join("\n", problems.All));
        }
        finally
        {
            await SetStaffTwoFactorAsync(false);
        }
    }

    private async Task SetStaffTwoFactorAsync(bool required)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var current = await scope.ServiceProvider.GetRequiredService<ServiceSettingsProvider>().GetAsync();
        await scope.ServiceProvider.GetRequiredService<SettingsEditor>().SaveAsync(current with { RequireTwoFactorForStaff = required }, Guid.NewGuid());
    }
}
