using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>
/// The leak test. A member posts a unique canary with each audience and byline; then every page of the
/// app (enumerated from the endpoints, ids filled with the real group, thread and session ids) is
/// requested as six different people. Each canary must appear exactly for its audience and its author,
/// the author's pseudonym beside it exactly where the byline allows, and never in a log, an email,
/// a response header or a page title.
/// </summary>
public sealed partial class LeakTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    /// <summary>The audiences of group shares (Pair belongs to one-to-one messages, tested on its own below).</summary>
    private static readonly ShareAudience[] GroupAudiences = [ShareAudience.Group, ShareAudience.FacilitatorsOnly];

    private sealed record Canary(ShareAudience Audience, ShareByline Byline, string Token)
    {
        public Guid ThreadId { get; set; }
    }

    [Fact]
    public async Task Each_share_reaches_exactly_its_audience_and_author_and_nothing_else()
    {
        var people = await app.CreateBoardGroupAsync();
        var author = people.Alice;
        var session = await app.CreateSessionAsync(people.Group.Id, topic: "Weekly circle");
        await app.ReserveAsync(session.Id, author.Id, people.Bob.Id);
        var otherGroup = await app.CreateBoardGroupAsync();
        var (adminClient, admin) = await app.SignedInClientAsync(Roles.Admin, Roles.SafeguardingLead);

        var canaries = new List<Canary>();
        foreach (var audience in GroupAudiences)
        {
            foreach (var byline in Enum.GetValues<ShareByline>())
            {
                var canary = new Canary(audience, byline, $"canary{Guid.NewGuid():N}");
                canary.ThreadId = await author.Client.StartThreadAsync(people.Group.Id, $"Title {canary.Token}", $"Text {canary.Token} ends.", audience, byline);
                canaries.Add(canary);
            }
        }

        // A reply from a facilitator, and a report, so the reports page and replies take part too.
        Assert.Equal(HttpStatusCode.Redirect, (await people.Bob.Client.ReportPostAsync(canaries[1].ThreadId, canaries[1].ThreadId, "Please look")).StatusCode);
        Assert.Equal(4, await app.WithDbAsync(db => db.Shares.CountAsync(s => s.GroupId == people.Group.Id && s.Text!.Contains("canary"))));

        var viewers = new (string Name, HttpClient Client)[]
        {
            ("anonymous", app.CreateBrowserClient()),
            ("member of another group", otherGroup.Alice.Client),
            ("facilitator of another group", otherGroup.Facilitator.Client),
            ("admin", adminClient),
            ("member", people.Bob.Client),
            ("facilitator", people.Facilitator.Client),
            ("author", author.Client),
        };
        var urls = Urls(people.Group.Id, session.Id, canaries.Select(c => c.ThreadId));
        Assert.Contains(urls, u => u.StartsWith("/Groups/Board/Thread/", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/Groups/Board/Reports/", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/Groups/Board/Member/", StringComparison.Ordinal));
        Assert.Contains("/Notifications", urls);
        Assert.True(urls.Count > 25, string.Join(", ", urls));

        foreach (var (name, client) in viewers)
        {
            var seen = canaries.ToDictionary(c => c, _ => false);
            var pseudonymBeside = canaries.ToDictionary(c => c, _ => false);
            foreach (var url in urls)
            {
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                var headers = response.Headers.ToString() + response.Content.Headers;
                foreach (var canary in canaries)
                {
                    Assert.DoesNotContain(canary.Token, headers, StringComparison.Ordinal);
                    Assert.DoesNotContain(canary.Token, TitleOf(body), StringComparison.Ordinal);
                    var at = body.IndexOf(canary.Token, StringComparison.Ordinal);
                    if (at < 0)
                    {
                        continue;
                    }

                    seen[canary] = true;
                    if (Enclosing(body, at).Contains(author.Pseudonym, StringComparison.Ordinal))
                    {
                        pseudonymBeside[canary] = true;
                    }
                }
            }

            foreach (var canary in canaries)
            {
                var shouldSee = name switch
                {
                    "author" or "facilitator" => true,
                    "member" => canary.Audience == ShareAudience.Group,
                    _ => false,
                };
                var shouldSeePseudonym = shouldSee && (canary.Byline == ShareByline.Pseudonym || name is "author" or "facilitator");
                Assert.True(seen[canary] == shouldSee, $"{name} {(seen[canary] ? "saw" : "did not see")} the {canary.Audience}/{canary.Byline} share");
                Assert.True(pseudonymBeside[canary] == shouldSeePseudonym,
                    $"{name} {(pseudonymBeside[canary] ? "saw" : "did not see")} the author's pseudonym beside the {canary.Audience}/{canary.Byline} share");
            }
        }

        var logs = await app.ReadLogsWhenAsync(session.Id.ToString());
        Assert.Contains(canaries[0].ThreadId.ToString(), logs, StringComparison.Ordinal); // the log is there and names shares by id
        var mail = string.Concat(app.ReadMail());
        foreach (var canary in canaries)
        {
            Assert.DoesNotContain(canary.Token, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(canary.Token, mail, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(admin.Pseudonym, logs, StringComparison.Ordinal);
    }

    /// <summary>
    /// The same for the live room: a member sends a canary with each audience and byline as room messages.
    /// Over the hub each viewer receives exactly what their place allows (live and in the catch-up); no
    /// page shows a canary to anyone outside its audience; no log, email, header or title ever holds one.
    /// </summary>
    [Fact]
    public async Task Each_room_message_reaches_exactly_its_audience_and_author_and_nothing_else()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (author, member) = (room.Members[0], room.Members[1]);
        var other = await app.LiveRoomAsync(members: 1);
        var admin = await app.PersonAsync(Roles.Admin, Roles.SafeguardingLead);
        var (facilitatorProbe, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (memberProbe, _) = await member.EnterAsync(room.SessionId);
        var (authorProbe, _) = await author.EnterAsync(room.SessionId);
        await using var _f = facilitatorProbe;
        await using var _m = memberProbe;
        await using var _a = authorProbe;

        var canaries = new List<(ShareAudience Audience, ShareByline Byline, string Token, Guid Id)>();
        foreach (var audience in GroupAudiences)
        {
            foreach (var byline in Enum.GetValues<ShareByline>())
            {
                var token = $"roomcanary{Guid.NewGuid():N}";
                var sent = await authorProbe.SendAsync(room.SessionId, $"Said {token} in the room.", audience, byline);
                canaries.Add((audience, byline, token, sent.Id));
            }
        }

        // Live delivery and the catch-up, per viewer in the room.
        var last = canaries[^1].Id;
        await facilitatorProbe.WaitForMessageAsync(m => m.Id == last);
        var lastToGroup = canaries.Last(c => c.Audience == ShareAudience.Group).Id;
        await memberProbe.WaitForMessageAsync(m => m.Id == lastToGroup);
        await RoomConnectionProbe.SettleAsync();
        foreach (var (name, probe) in (IEnumerable<(string, RoomConnectionProbe)>)[("member", memberProbe), ("facilitator", facilitatorProbe), ("author", authorProbe)])
        {
            var snapshot = await probe.JoinAsync(room.SessionId);
            foreach (var canary in canaries)
            {
                var shouldSee = name != "member" || canary.Audience == ShareAudience.Group;
                var shouldSeePseudonym = shouldSee && (canary.Byline == ShareByline.Pseudonym || name != "member");
                foreach (var seen in (IEnumerable<IEnumerable<Web.Rooms.RoomMessage>>)[probe.Messages, snapshot.Messages])
                {
                    var message = seen.Where(m => m.Id == canary.Id).ToList();
                    Assert.True(message.Count > 0 == shouldSee, $"{name} {(message.Count > 0 ? "received" : "did not receive")} the {canary.Audience}/{canary.Byline} room message");
                    Assert.All(message, m => Assert.Contains(canary.Token, m.Text, StringComparison.Ordinal));
                    Assert.All(message, m => Assert.Equal(shouldSeePseudonym, m.AuthorName == author.User.Pseudonym));
                    Assert.All(message, m => Assert.Equal(shouldSeePseudonym, m.AuthorKey == author.User.Id));
                }
            }
        }

        // Everyone else gets nothing from the hub.
        foreach (var outsider in (RoomPerson[])[other.Members[0], other.Facilitator, admin])
        {
            await using var probe = await outsider.ConnectAsync();
            await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => probe.JoinAsync(room.SessionId));
            await RoomConnectionProbe.SettleAsync();
            Assert.DoesNotContain(probe.Messages, m => m.SessionId == room.SessionId);
        }

        // No page shows a room message outside its audience.
        var urls = Urls(room.GroupId, room.SessionId, []);
        Assert.Contains(RoomTestData.RoomPage(room.SessionId), urls);
        var viewers = new (string Name, HttpClient Client)[]
        {
            ("anonymous", app.CreateBrowserClient()), ("member of another group", other.Members[0].Client),
            ("facilitator of another group", other.Facilitator.Client), ("admin", admin.Client),
            ("member", member.Client), ("facilitator", room.Facilitator.Client), ("author", author.Client),
        };
        foreach (var (name, client) in viewers)
        {
            foreach (var url in urls)
            {
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                var headers = response.Headers.ToString() + response.Content.Headers;
                foreach (var canary in canaries)
                {
                    Assert.DoesNotContain(canary.Token, headers, StringComparison.Ordinal);
                    Assert.DoesNotContain(canary.Token, TitleOf(body), StringComparison.Ordinal);
                    var mayShow = name is "author" or "facilitator" || (name == "member" && canary.Audience == ShareAudience.Group);
                    Assert.True(mayShow || !body.Contains(canary.Token, StringComparison.Ordinal), $"{name} saw the {canary.Audience}/{canary.Byline} room message on {url}");
                }
            }
        }

        await facilitatorProbe.CallAsync("End", room.SessionId);
        var logs = await app.ReadLogsWhenAsync(canaries[0].Id.ToString());
        Assert.Contains(canaries[0].Id.ToString(), logs, StringComparison.Ordinal); // the log names room messages by id
        var mail = string.Concat(app.ReadMail());
        foreach (var canary in canaries)
        {
            Assert.DoesNotContain(canary.Token, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(canary.Token, mail, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The same for one-to-one support: the member and the supporter each send a message, the member sets a goal
    /// with a step, and the request carries a private note. Every page (one-to-one ids filled with the real
    /// pairing and request) is requested by anonymous, another member, another supporter (with a pairing of their
    /// own), an admin who is also a safeguarding lead, the member and the supporter. Only the pair see the
    /// messages and goals, only the supporter the note; no canary is in a log, an email, a notification, a
    /// header, a page title or an address.
    /// </summary>
    [Fact]
    public async Task Each_pair_message_and_goal_reaches_only_the_pair_and_nothing_else()
    {
        var supporter = await app.CreateSupporterAsync();
        var (memberClient, member) = await app.SignedInClientAsync();
        string Token(string what) => $"{what}canary{Guid.NewGuid():N}";
        var note = Token("note");
        var pairing = await app.PairAsync(member.Id, supporter.Id, note);
        var fromMember = Token("member");
        var fromSupporter = Token("supporter");
        var goal = Token("goal");
        var step = Token("step");
        Assert.Equal(HttpStatusCode.Redirect, (await memberClient.SendPairMessageAsync(pairing.Id, $"Said {fromMember} to my supporter.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await supporter.Client.SendPairMessageAsync(pairing.Id, $"Said {fromSupporter} back.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await memberClient.PairActionAsync(pairing.Id, "AddGoal", ("NewGoal.Title", $"Goal {goal}"))).StatusCode);
        var goalId = await app.WithDbAsync(db => db.Goals.Where(g => g.PairingId == pairing.Id).Select(g => g.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await memberClient.PairActionAsync(pairing.Id, $"AddStep&goalId={goalId}", ("NewStep.Text", $"Step {step}"))).StatusCode);

        var otherSupporter = await app.CreateSupporterAsync();
        var (otherClient, other) = await app.SignedInClientAsync();
        await app.PairAsync(other.Id, otherSupporter.Id);
        var (adminClient, _) = await app.SignedInClientAsync(Roles.Admin, Roles.SafeguardingLead);
        var group = await app.CreateBoardGroupAsync();

        var viewers = new (string Name, HttpClient Client)[]
        {
            ("anonymous", app.CreateBrowserClient()),
            ("another member", otherClient),
            ("another supporter", otherSupporter.Client),
            ("admin and safeguarding lead", adminClient),
            ("member", memberClient),
            ("supporter", supporter.Client),
        };
        var urls = Urls(group.Group.Id, Guid.NewGuid(), [], pairing.Id, pairing.RequestId);
        Assert.Contains($"/OneToOne/Pairing/{pairing.Id}", urls);
        Assert.Contains("/Admin/OneToOne", urls);
        var everything = new[] { note, fromMember, fromSupporter, goal, step };
        foreach (var (name, client) in viewers)
        {
            var seen = everything.ToDictionary(t => t, _ => false);
            foreach (var url in urls)
            {
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                var headers = response.Headers.ToString() + response.Content.Headers;
                foreach (var token in everything)
                {
                    Assert.DoesNotContain(token, headers, StringComparison.Ordinal);
                    Assert.DoesNotContain(token, TitleOf(body), StringComparison.Ordinal);
                    seen[token] |= body.Contains(token, StringComparison.Ordinal);
                }
            }

            foreach (var token in everything)
            {
                var shouldSee = name switch
                {
                    "supporter" => true,
                    "member" => token != note,
                    _ => false,
                };
                Assert.True(seen[token] == shouldSee, $"{name} {(seen[token] ? "saw" : "did not see")} {token[..token.IndexOf("canary", StringComparison.Ordinal)]}");
            }
        }

        var logs = await app.ReadLogsWhenAsync(pairing.Id.ToString());
        var mail = string.Concat(app.ReadMail());
        var notifications = string.Concat(await app.WithDbAsync(db => db.Notifications.Select(n => n.Text + " " + n.Link).ToListAsync()));
        var audit = string.Concat(await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Reason).ToListAsync()));
        foreach (var token in everything)
        {
            Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(token, mail, StringComparison.Ordinal);
            Assert.DoesNotContain(token, notifications, StringComparison.Ordinal);
            Assert.DoesNotContain(token, audit, StringComparison.Ordinal);
        }
    }

    /// <summary>Every GET page, with route ids filled by the real records (one address per conversation).</summary>
    private List<string> Urls(Guid groupId, Guid sessionId, IEnumerable<Guid> threadIds, Guid? pairingId = null, Guid? requestId = null)
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var urls = new List<string>();
        foreach (var route in routes)
        {
            if (route.StartsWith("/Groups/Board/Thread/", StringComparison.Ordinal) || route.Contains("{shareId", StringComparison.Ordinal))
            {
                urls.AddRange(threadIds.Select(id => RouteParameter().Replace(route, id.ToString())));
                continue;
            }

            var id = route.Contains("Sessions/", StringComparison.Ordinal) ? sessionId
                : route.Contains("OneToOne/Choose", StringComparison.Ordinal) ? requestId ?? groupId
                : route.Contains("OneToOne/", StringComparison.Ordinal) ? pairingId ?? groupId
                : groupId;
            urls.Add(RouteParameter().Replace(route, m => m.Groups[1].Value switch
            {
                "token" => new string('A', 43),
                _ => id.ToString(),
            }));
        }

        return urls;
    }

    /// <summary>The list item or article a canary sits in: where its byline would be.</summary>
    private static string Enclosing(string html, int at)
    {
        var start = new[] { html.LastIndexOf("<li", at, StringComparison.Ordinal), html.LastIndexOf("<article", at, StringComparison.Ordinal) }.Max();
        var ends = new[] { html.IndexOf("</li>", at, StringComparison.Ordinal), html.IndexOf("</article>", at, StringComparison.Ordinal) }.Where(i => i >= 0).ToList();
        var end = ends.Count == 0 ? html.Length : ends.Min();
        return html[Math.Max(0, start)..end];
    }

    private static string TitleOf(string html)
    {
        var match = Title().Match(html);
        return match.Success ? match.Groups[1].Value : string.Empty;
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex Title();
}
