using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Security;

/// <summary>
/// The access matrix: every page handler, endpoint and hub method the app has (read from the app
/// itself) must have a line in <see cref="AccessMatrix"/>, and every line's outcome for each of the
/// seven viewers must be what the app does. A new page or handler without a line fails here.
/// </summary>
public sealed partial class AccessMatrixTests(PeerCircleAppFactory app, ITestOutputHelper output) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Every_page_handler_endpoint_and_hub_method_has_a_line_in_the_matrix()
    {
        var endpoints = await AppEndpoints.ListAsync(app);
        var keys = AccessMatrix.Entries.Select(e => e.Key).ToList();

        Assert.Empty(keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        var missing = endpoints.Select(e => e.Key).Except(keys, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "No line in AccessMatrix for:\n" + string.Join("\n", missing.Select(k => $"        E(\"{k}\", \"\", \"\"),")));
        var stale = keys.Except(endpoints.Select(e => e.Key), StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "AccessMatrix names what the app no longer has:\n" + string.Join("\n", stale));
        Assert.True(endpoints.Count >= 150, $"only {endpoints.Count} endpoints found"); // the enumeration itself works
    }

    [Fact]
    public async Task Every_viewer_gets_the_outcome_the_matrix_states_for_every_page_handler_and_endpoint()
    {
        var world = await AccessWorld.CreateAsync(app);
        var tokens = new Dictionary<Viewer, string>();
        foreach (var (viewer, client) in world.Clients)
        {
            tokens[viewer] = await client.FormTokenAsync(viewer == Viewer.Anonymous ? "/Identity/Account/Login" : "/Identity/Account/Manage/ChangePassword");
        }

        var wrong = new List<string>();
        var checkedCount = 0;
        // Lines that end the caller's session or change the world for everyone run last.
        foreach (var entry in AccessMatrix.Entries.Where(e => !e.Key.StartsWith("HUB ", StringComparison.Ordinal)).OrderBy(e => e.RunLast))
        {
            if (entry.RunLast)
            {
                await SignBackInAsync(world, tokens);
            }

            var actual = new List<string>();
            foreach (var viewer in Enum.GetValues<Viewer>())
            {
                using var request = entry.Request(world, tokens[viewer]);
                var response = await world.Clients[viewer].SendAsync(request);
                actual.Add(AccessMatrix.Outcome(response));
                checkedCount++;
                var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(';', values) : "";
                if (!csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) || csp.Contains("unsafe-inline", StringComparison.Ordinal)
                    || !response.Headers.Contains("X-Content-Type-Options"))
                {
                    wrong.Add($"{viewer} {entry.Key}: security headers missing or weak ({csp})");
                }
            }

            var line = string.Join(' ', actual);
            if (!string.Equals(line, entry.Outcomes, StringComparison.Ordinal))
            {
                wrong.Add($"        E(\"{entry.Key}\", \"{entry.Args}\", \"{line}\"), // matrix said \"{entry.Outcomes}\"");
            }
        }

        output.WriteLine($"Access matrix: {AccessMatrix.Entries.Count} lines, {checkedCount} page and endpoint requests.");
        Assert.True(wrong.Count == 0, $"{wrong.Count} lines differ (actual outcome first):\n" + string.Join("\n", wrong));
        Assert.True(checkedCount >= 7 * 150, $"{checkedCount} requests");
    }

    [Fact]
    public async Task Every_viewer_gets_the_outcome_the_matrix_states_for_every_hub_method()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var other = await app.LiveRoomAsync(members: 1);
        var lead = await app.PersonAsync(Roles.SafeguardingLead);
        var admin = await app.PersonAsync(Roles.Admin);
        var (member, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (bystander, _) = await room.Members[1].EnterAsync(room.SessionId);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (otherMember, _) = await other.Members[0].EnterAsync(other.SessionId);
        var probes = new Dictionary<Viewer, RoomConnectionProbe>
        {
            [Viewer.Member] = member, [Viewer.OtherMember] = otherMember, [Viewer.OtherFacilitator] = await other.Facilitator.ConnectAsync(),
            [Viewer.Facilitator] = facilitator, [Viewer.Lead] = await lead.ConnectAsync(), [Viewer.Admin] = await admin.ConnectAsync(),
        };
        var message = await bystander.SendAsync(room.SessionId, "A message others may act on");
        var target = room.Members[1].User.Id;

        // Anonymous: the hub refuses the connection itself.
        var negotiate = await app.CreateBrowserClient().PostAsync(new Uri(RoomTestData.HubUri + "/negotiate?negotiateVersion=1"), null);
        var anonymous = negotiate.StatusCode == HttpStatusCode.Unauthorized ? "401" : ((int)negotiate.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var wrong = new List<string>();
        var hubEntries = AccessMatrix.Entries.Where(e => e.Key.StartsWith("HUB ", StringComparison.Ordinal)).OrderBy(e => e.RunLast).ToList();
        Assert.Equal(AppEndpoints.HubMethods().Count(), hubEntries.Count);
        foreach (var entry in hubEntries)
        {
            var method = entry.Key[(entry.Key.IndexOf('.', StringComparison.Ordinal) + 1)..];
            object?[] args = method switch
            {
                "Send" => [room.SessionId, "Hello from the matrix", ShareAudience.Group, ShareByline.Pseudonym],
                "GiveFloor" or "Mute" or "Remove" => [room.SessionId, target],
                "SetSlowMode" => [room.SessionId, 0],
                "SetPaused" => [room.SessionId, false],
                "Hide" or "Unhide" or "Withdraw" => [room.SessionId, message.Id],
                _ => [room.SessionId],
            };
            var actual = new List<string> { anonymous };
            foreach (var viewer in Enum.GetValues<Viewer>().Skip(1))
            {
                actual.Add(await HubOutcomeAsync(probes[viewer], method, args));
            }

            var line = string.Join(' ', actual);
            if (!string.Equals(line, entry.Outcomes, StringComparison.Ordinal))
            {
                wrong.Add($"        E(\"{entry.Key}\", \"\", \"{line}\"), // matrix said \"{entry.Outcomes}\"");
            }
        }

        foreach (var probe in probes.Values.Append(bystander))
        {
            await probe.DisposeAsync();
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} hub lines differ (actual outcome first):\n" + string.Join("\n", wrong));
    }

    /// <summary>After a line that signed its callers out, each viewer signs in again (and takes a fresh form token).</summary>
    private static async Task SignBackInAsync(AccessWorld world, Dictionary<Viewer, string> tokens)
    {
        foreach (var (viewer, user) in world.Users)
        {
            if (user is null)
            {
                continue;
            }

            var client = world.Clients[viewer];
            var manage = await client.GetAsync(new Uri("/Identity/Account/Manage/ChangePassword", UriKind.Relative));
            if (manage.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email, user.Password)).StatusCode);
                tokens[viewer] = await client.FormTokenAsync("/Identity/Account/Manage/ChangePassword");
            }
        }
    }

    private static async Task<string> HubOutcomeAsync(RoomConnectionProbe probe, string method, object?[] args)
    {
        try
        {
            await probe.CallAsync(method, args);
            return "ok";
        }
        catch (HubException ex) when (ex.Message.Contains("You can't take part in this room.", StringComparison.Ordinal))
        {
            return "outsider";
        }
        catch (HubException ex) when (ex.Message.Contains("Only the group's facilitators can do that.", StringComparison.Ordinal))
        {
            return "staffonly";
        }
        catch (HubException ex)
        {
            var words = Regex.Replace(ex.Message[(ex.Message.LastIndexOf(':') + 1)..], "[^A-Za-z ]", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return "refused:" + string.Concat(words.Take(4));
        }
    }
}

/// <summary>One line of the matrix: what is requested, with which records, and each viewer's outcome.</summary>
/// <param name="Key">As <see cref="AppEndpoint.Key"/>.</param>
/// <param name="Args">Route values and form/query fields: "id=thread&amp;shareId=reply" names records of <see cref="AccessWorld"/>; "name=:text" is literal.</param>
/// <param name="Outcomes">Seven outcomes in <see cref="Viewer"/> order: 200, 302 (elsewhere), login, denied (403 / access denied), 404, 400 ...</param>
/// <param name="RunLast">Lines that end the caller's session or change what others see run after the rest.</param>
public sealed partial record MatrixEntry(string Key, string Args, string Outcomes, bool RunLast = false)
{
    /// <summary>The request, carrying <paramref name="token"/> as the form's antiforgery token (none when null).</summary>
    public HttpRequestMessage Request(AccessWorld world, string? token)
    {
        ArgumentNullException.ThrowIfNull(world);
        var parts = Key.Split(' ');
        var method = parts[0];
        var route = parts[1];
        var handler = parts.Length > 2 ? parts[2] : null;
        var values = Args.Length == 0
            ? new Dictionary<string, string>()
            : Args.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1].StartsWith(':') ? p[1][1..] : world.Ids[p[1]], StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (route == "(static-assets)")
        {
            route = "/css/site.css";
        }

        var path = RouteParameter().Replace(route, m =>
        {
            var name = m.Groups[1].Value;
            if (name == "path")
            {
                return m.Value.Contains(":file", StringComparison.Ordinal) ? "no/such/file.css" : "no/such/page";
            }

            used.Add(name);
            return values.TryGetValue(name, out var value) ? Uri.EscapeDataString(value) : string.Empty;
        }).TrimEnd('/');
        if (path.EndsWith("/Index", StringComparison.Ordinal))
        {
            path = path[..^"/Index".Length];
        }

        var rest = values.Where(v => !used.Contains(v.Key)).ToList();
        var query = new List<string>();
        if (handler is not null)
        {
            query.Add("handler=" + handler);
        }

        if (method == "GET")
        {
            query.AddRange(rest.Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}"));
        }

        var url = (path.Length == 0 ? "/" : path) + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(token is null ? rest : rest.Append(new("__RequestVerificationToken", token)));
        }

        return request;
    }

    [GeneratedRegex(@"\{\*{0,2}([a-zA-Z]+)(?::[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();
}

public static partial class AccessMatrix
{
    /// <summary>The outcome a viewer sees, in the words the matrix uses.</summary>
    public static string Outcome(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            return location.Contains("/Identity/Account/Login?ReturnUrl=", StringComparison.Ordinal) ? "login"
                : location.Contains("/Identity/Account/AccessDenied", StringComparison.Ordinal) ? "denied"
                : "302";
        }

        return status == 403 ? "denied" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static MatrixEntry E(string key, string args, string outcomes) => new(key, args, outcomes);

    private static MatrixEntry Last(string key, string args, string outcomes) => new(key, args, outcomes, RunLast: true);
}
