using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Admin;

/// <summary>
/// The insight dashboard in a real browser: Chart.js draws every chart (no CSP complaint), the tables
/// carry the same figures, a small group reads "fewer than 5", and the page passes axe. Its screenshot
/// is the README's picture of the dashboard.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class InsightDashboardTests(AppFixture app)
{
    [Fact]
    public async Task An_admin_sees_the_charts_and_tables_with_small_groups_withheld()
    {
        var admin = await app.CreatePersonAsync("Ada", Roles.Admin);
        var busy = $"Evening circle {Guid.NewGuid().ToString("N")[..6]}";
        var small = $"Small circle {Guid.NewGuid().ToString("N")[..6]}";
        await SeedAsync(busy, weeks: 6, people: 8);
        await SeedAsync(small, weeks: 2, people: 3);

        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        await page.GotoAsync(SignInPage.Path);
        await new SignInPage(page).SignInAsync(admin.Email, AppFixture.Password);
        await page.GotoAsync("/Admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Insight", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Insight: how PeerCircle is doing" })).ToBeVisibleAsync();
        foreach (var chart in (string[])["#chart-held", "#chart-attendance", "#chart-members", "#chart-checkin", "#chart-concerns", "#chart-waitlist"])
        {
            // Chart.js has drawn into the canvas: it sets its pixel size from the layout.
            await Expect(page.Locator(chart)).ToHaveAttributeAsync("height", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        }

        var byGroup = page.GetByRole(AriaRole.Region, new() { Name = "By group", Exact = true });
        await Expect(byGroup.GetByRole(AriaRole.Row).Filter(new() { HasText = small })).ToContainTextAsync("fewer than 5");
        await Expect(byGroup.GetByRole(AriaRole.Row).Filter(new() { HasText = busy })).ToContainTextAsync("+1.0");
        await BrowserChecks.AssertAccessibleAsync(page);
        Assert.Empty(problems);

        await page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("insight-dashboard.png"), FullPage = true });
        if (RepositoryPaths.UpdateDocsImages)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(RepositoryPaths.DocsImages).FullName, "insight-dashboard.png"), FullPage = true });
        }
    }

    /// <summary>A group with a session held each of the last <paramref name="weeks"/> weeks, each with its people checking in at 3 and out at 4.</summary>
    private async Task SeedAsync(string name, int weeks, int people)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var first = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(-7 * weeks).AddHours(18), DateTimeKind.Utc);
        var setUp = first.AddDays(-2);
        var facilitator = await NewUserAsync(users, "Fac");
        var training = new TrainingRecord(facilitator, "Peer support facilitation", "Mind", DateOnly.FromDateTime(setUp).AddYears(-1), DateOnly.FromDateTime(setUp).AddYears(1), setUp);
        training.Verify(Guid.NewGuid(), setUp);
        db.TrainingRecords.Add(training);
        var group = new Group(new GroupDetails(name, "Talking about work and life.", [Topic.WorkStress], GroupFormat.Online, "PeerCircle live room",
            "Europe/London", 20, JoinPolicy.Open, true, false), "Be kind. What is said here stays here.", setUp);
        group.AssignFacilitator(facilitator, setUp);
        db.Groups.Add(group);
        var memberships = new List<Membership>();
        for (var i = 0; i < people; i++)
        {
            var membership = Membership.Join(group, await NewUserAsync(users, "Mem"), group.CurrentAgreementVersion, setUp);
            db.Memberships.Add(membership);
            memberships.Add(membership);
        }

        var trainingBy = new Dictionary<Guid, IReadOnlyList<TrainingRecord>> { [facilitator] = [training] };
        for (var w = 0; w < weeks; w++)
        {
            var start = first.AddDays(7 * w);
            var session = new Session(group, start, 60, null, 20, start.AddDays(-1));
            session.AssignFacilitator(group, facilitator, [training], start.AddDays(-1));
            var came = new HashSet<Guid>();
            foreach (var (membership, i) in memberships.Select((m, i) => (m, i)))
            {
                session.Reserve(group, membership, start.AddDays(-1));
                if ((i + w) % 4 != 0)
                {
                    came.Add(membership.UserId);
                    var author = new ShareAuthor(membership.UserId, group.Id, true, true, false);
                    db.Shares.Add(Share.CheckIn(author, session.Id, session.EndUtc, 30, closing: false, 3, start));
                    db.Shares.Add(Share.CheckIn(author, session.Id, session.EndUtc, 30, closing: true, 4, start.AddMinutes(55)));
                }
            }

            session.Start(group, facilitator, trainingBy, start);
            session.End(facilitator, start.AddMinutes(60), came);
            db.Sessions.Add(session);
        }

        await db.SaveChangesAsync();
    }

    private static async Task<Guid> NewUserAsync(UserManager<ApplicationUser> users, string prefix)
    {
        var email = $"{prefix.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, Pseudonym = $"{prefix} {Guid.NewGuid().ToString("N")[..8]}",
            CreatedUtc = DateTime.UtcNow, AgeConfirmedUtc = DateTime.UtcNow, AgeConfirmedMinimum = AgeRequirement.Default,
        };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded);
        return user.Id;
    }
}
