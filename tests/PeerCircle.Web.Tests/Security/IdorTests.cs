using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Security;

/// <summary>
/// Per-record access: every matrix line whose route or form names a record is requested by the first
/// group's member and facilitator with the other group's record (or person) swapped in. They must get
/// exactly what the other group's member / facilitator get for the first group's record (the matrix's
/// mirror column), never the other group's shared text, and nothing in the other group may change.
/// </summary>
public sealed class IdorTests(PeerCircleAppFactory app, ITestOutputHelper output) : IClassFixture<PeerCircleAppFactory>
{
    /// <summary>Each record of the first group and its counterpart in the other group.</summary>
    private static readonly Dictionary<string, string> s_swaps = new(StringComparer.Ordinal)
    {
        ["group"] = "otherGroup", ["session"] = "otherSession", ["thread"] = "otherThread", ["reply"] = "otherThread",
        ["report"] = "otherReport", ["draft"] = "otherDraft", ["member"] = "otherMember", ["pendingMembership"] = "otherPendingMembership",
    };

    [Fact]
    public async Task Swapping_in_another_groups_or_persons_id_gets_404_or_403_and_no_data()
    {
        var world = await AccessWorld.CreateAsync(app);
        var tokens = new Dictionary<Viewer, string>
        {
            [Viewer.Member] = await world.Clients[Viewer.Member].FormTokenAsync("/Identity/Account/Manage/ChangePassword"),
            [Viewer.Facilitator] = await world.Clients[Viewer.Facilitator].FormTokenAsync("/Identity/Account/Manage/ChangePassword"),
        };
        var mirror = new Dictionary<Viewer, Viewer> { [Viewer.Member] = Viewer.OtherMember, [Viewer.Facilitator] = Viewer.OtherFacilitator };
        var wrong = new List<string>();
        var count = 0;
        var lines = AccessMatrix.Entries
            .Where(e => !e.Key.StartsWith("HUB ", StringComparison.Ordinal) && e.Args.Split('&').Any(a => s_swaps.ContainsKey(a.Split('=').Last())))
            .OrderBy(e => e.RunLast)
            .ToList();
        Assert.True(lines.Count >= 40, $"{lines.Count} lines name a record");

        foreach (var entry in lines)
        {
            var pairs = entry.Args.Split('&');
            // Everything swapped at once, then (for lines naming two records) each one alone.
            var variants = new List<string> { string.Join('&', pairs.Select(Swap)) };
            if (pairs.Count(p => s_swaps.ContainsKey(p.Split('=').Last())) > 1)
            {
                variants.AddRange(pairs.Select((p, i) => string.Join('&', pairs.Select((q, j) => i == j ? Swap(q) : q))).Where(v => v != entry.Args));
            }

            foreach (var (viewer, mirrored) in mirror)
            {
                var expected = entry.Outcomes.Split(' ')[(int)mirrored];
                foreach (var args in variants.Distinct())
                {
                    var swapped = entry with { Args = args };
                    using var request = swapped.Request(world, tokens[viewer]);
                    var response = await world.Clients[viewer].SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    var outcome = AccessMatrix.Outcome(response);
                    count++;
                    var whole = args == variants[0];
                    var refused = outcome is "404" or "denied" or "400";
                    var mirrorRefused = expected is "404" or "denied" or "400";
                    if ((whole && outcome != expected) || (!whole && mirrorRefused && !refused))
                    {
                        wrong.Add($"{viewer} {entry.Key} [{args}]: {outcome}, expected {(whole ? expected : "404/denied")}");
                    }

                    if (body.Contains(AccessWorld.OtherCanary, StringComparison.Ordinal))
                    {
                        wrong.Add($"{viewer} {entry.Key} [{args}]: the other group's text was in the answer");
                    }
                }
            }
        }

        output.WriteLine($"IDOR: {lines.Count} lines naming a record, {count} requests with another group's or person's id.");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        // Nothing of the other group changed.
        var otherThread = await app.ShareAsync(Guid.Parse(world.Ids["otherThread"]));
        Assert.Null(otherThread.HiddenUtc);
        Assert.Null(otherThread.WithdrawnUtc);
        Assert.False(otherThread.IsPinned);
        Assert.Equal(MembershipStatus.Pending, (await app.WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == Guid.Parse(world.Ids["otherPendingMembership"])))).Status);
        Assert.Null((await app.WithDbAsync(db => db.ShareReports.AsNoTracking().SingleAsync(r => r.Id == Guid.Parse(world.Ids["otherReport"])))).ClosedBy);
        Assert.Equal(0, await app.WithDbAsync(db => db.Shares.CountAsync(s => s.ThreadId == otherThread.Id))); // no reply was added
        var otherMember = await app.MembershipAsync(world.OtherGroup, world.Users[Viewer.OtherMember]!.Id);
        Assert.Equal(MembershipStatus.Active, otherMember!.Status);
    }

    private static string Swap(string pair)
    {
        var (name, value) = (pair.Split('=')[0], pair.Split('=', 2)[1]);
        return s_swaps.TryGetValue(value, out var swapped) ? $"{name}={swapped}" : pair;
    }
}
