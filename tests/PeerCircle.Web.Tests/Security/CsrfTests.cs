using System.Net;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Security;

/// <summary>
/// Every state-changing handler (every POST line of the access matrix) refuses a request without a
/// valid antiforgery token: none, or one issued to someone else. Each is sent by every viewer the
/// matrix says gets past the access check, so the refusal is the token's and not the access check's.
/// </summary>
public sealed class CsrfTests(PeerCircleAppFactory app, ITestOutputHelper output) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Every_post_handler_rejects_a_missing_or_someone_elses_antiforgery_token()
    {
        var world = await AccessWorld.CreateAsync(app);
        var strangerToken = await app.CreateBrowserClient().FormTokenAsync("/Identity/Account/Login");
        var posts = AccessMatrix.Entries.Where(e => e.Key.StartsWith("POST ", StringComparison.Ordinal)).OrderBy(e => e.RunLast).ToList();
        var wrong = new List<string>();
        var handlers = 0;
        var requests = 0;

        foreach (var entry in posts)
        {
            var outcomes = entry.Outcomes.Split(' ');
            // Every viewer the access check lets through (the token is checked before the handler runs).
            var allowed = Enum.GetValues<Viewer>().Where(v => outcomes[(int)v] is not ("login" or "denied" or "500")).ToList();
            if (allowed.Count == 0)
            {
                // Only the error page: it answers every method with the generic failure and changes nothing.
                Assert.Equal("POST /Error", entry.Key);
                continue;
            }

            handlers++;
            foreach (var viewer in allowed)
            {
                foreach (var (what, token) in new[] { ("no token", (string?)null), ("someone else's token", strangerToken) })
                {
                    using var request = entry.Request(world, token);
                    var response = await world.Clients[viewer].SendAsync(request);
                    requests++;
                    if (response.StatusCode != HttpStatusCode.BadRequest)
                    {
                        wrong.Add($"{viewer} {entry.Key} with {what}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        output.WriteLine($"CSRF: {handlers} POST handlers, {requests} requests without a valid token.");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(handlers >= 80, $"{handlers} handlers checked");
    }
}
