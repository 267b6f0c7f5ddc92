using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Safeguarding;

/// <summary>
/// The leak test with a concern in place: a risky post (a canary) has a raised concern with its snapshot.
/// Every GET page, with every route id filled by the real group, post, concern and author, is requested
/// as eight people. The canary appears only to those the board shows it to (author, group facilitator,
/// group member); a safeguarding lead never sees it on any GET (only in answer to a read with a reason),
/// and it is never in a notification, an email, a log, a header or a page title.
/// </summary>
public sealed partial class ConcernLeakTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_concerns_snapshot_is_seen_on_no_page_by_anyone_outside_the_posts_audience()
    {
        var people = await app.CreateBoardGroupAsync();
        var other = await app.CreateBoardGroupAsync();
        var canary = $"canary{Guid.NewGuid():N}";
        var shareId = await app.PostRiskyThreadAsync(people.Alice, people.Group.Id, $"I want to end it all {canary} tonight");
        var concern = (await app.ConcernAboutAsync(shareId))!;
        (await people.Facilitator.Client.SubmitFormAsync(SafeguardingTestData.Draft(concern.Id), [new("Input.Description", "Please look")],
            $"{SafeguardingTestData.Draft(concern.Id)}?handler=Raise")).AssertRedirectTo("/Facilitate/Concerns");
        var (lead, _) = await app.SignedInClientAsync(Roles.SafeguardingLead);
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);

        var viewers = new (string Name, HttpClient Client, bool ShouldSee)[]
        {
            ("anonymous", app.CreateBrowserClient(), false),
            ("member of another group", other.Alice.Client, false),
            ("facilitator of another group", other.Facilitator.Client, false),
            ("admin", admin, false),
            ("safeguarding lead", lead, false),
            ("member", people.Bob.Client, true),
            ("facilitator", people.Facilitator.Client, true),
            ("author", people.Alice.Client, true),
        };
        var urls = Urls(new Dictionary<string, Guid[]>
        {
            ["groupId"] = [people.Group.Id], ["userId"] = [people.Alice.Id], ["shareId"] = [shareId],
            ["id"] = [people.Group.Id, shareId, concern.Id],
        });
        Assert.Contains(SafeguardingTestData.LeadConcern(concern.Id), urls);
        Assert.Contains(SafeguardingTestData.Draft(concern.Id), urls);

        foreach (var (name, client, shouldSee) in viewers)
        {
            var seenAt = new List<string>();
            foreach (var url in urls)
            {
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain(canary, response.Headers.ToString() + response.Content.Headers, StringComparison.Ordinal);
                Assert.DoesNotContain(canary, Title().Match(body).Value, StringComparison.Ordinal);
                if (body.Contains(canary, StringComparison.Ordinal))
                {
                    seenAt.Add(url);
                }
            }

            Assert.True(shouldSee == (seenAt.Count > 0), $"{name} saw it at: {string.Join(", ", seenAt)}");
        }

        Assert.True((await app.NotificationsOfAsync(people.Facilitator.Id)).Count > 0);
        foreach (var person in new[] { people.Alice, people.Bob, people.Facilitator })
        {
            Assert.All(await app.NotificationsOfAsync(person.Id), n => Assert.DoesNotContain(canary, n.Text, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(canary, string.Concat(app.ReadMail()), StringComparison.Ordinal);
        Assert.DoesNotContain(canary, await app.ReadLogsWhenAsync(concern.Id.ToString()), StringComparison.Ordinal);
        Assert.All(await app.AuditAsync(concern.Id), a => Assert.DoesNotContain(canary, a.Reason ?? string.Empty, StringComparison.Ordinal));
    }

    /// <summary>Every GET page, each route parameter filled with each of the real ids given for it.</summary>
    private List<string> Urls(Dictionary<string, Guid[]> ids)
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var urls = new List<string>();
        foreach (var route in routes)
        {
            IEnumerable<string> filled = [route];
            foreach (Match parameter in RouteParameter().Matches(route))
            {
                var name = parameter.Groups[1].Value;
                var values = name == "token" ? [new string('A', 43)] : ids.GetValueOrDefault(name, ids["id"]).Select(g => g.ToString());
                filled = filled.SelectMany(u => values.Select(v => u.Replace(parameter.Value, v, StringComparison.Ordinal))).ToList();
            }

            urls.AddRange(filled);
        }

        return urls.Select(u => u.EndsWith("/Index", StringComparison.Ordinal) ? u[..^"/Index".Length] : u).Select(u => u.Length == 0 ? "/" : u).Distinct().ToList();
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex Title();
}
