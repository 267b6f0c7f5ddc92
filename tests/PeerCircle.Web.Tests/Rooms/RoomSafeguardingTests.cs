using Microsoft.EntityFrameworkCore;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Rooms;

/// <summary>A risk phrase in the live room: posted as usual, the author shown where to get help, the facilitators alerted.</summary>
public sealed class RoomSafeguardingTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_risky_message_is_posted_the_author_is_shown_help_and_only_the_facilitators_are_alerted()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;

        var sent = await alex.SendAsync(room.SessionId, "Some days I just want to k1ll mys3lf, honestly.");

        var support = await alex.WaitForAsync("Support");
        Assert.StartsWith("/Help/Support?", (string)support[1]!, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString($"/Sessions/Room/{room.SessionId}"), (string)support[1]!, StringComparison.Ordinal);
        var alert = await facilitator.WaitForAsync("Alert");
        Assert.DoesNotContain("k1ll", (string)alert[1]!, StringComparison.Ordinal);
        var concern = await app.WithDbAsync(db => db.Concerns.Include(c => c.Snapshots).SingleAsync(c => c.GroupId == room.GroupId));
        Assert.Equal($"/Facilitate/Concerns/Draft/{concern.Id}", (string)alert[2]!);
        Assert.Equal(room.Members[0].User.Id, concern.SubjectId);
        Assert.Contains(concern.Snapshots, s => s.ShareId == sent.Id);
        // Posted as usual, for everyone; nobody else is told anything.
        await sam.WaitForMessageAsync(m => m.Id == sent.Id);
        await RoomConnectionProbe.SettleAsync();
        Assert.DoesNotContain(sam.Events, e => e.Name is "Support" or "Alert");
        Assert.DoesNotContain(alex.Events, e => e.Name == "Alert");
        var caring = await room.Members[0].Client.PageTextAsync((string)support[1]!);
        Assert.Contains("We're glad you shared", caring, StringComparison.Ordinal);
        Assert.Contains($"/Sessions/Room/{room.SessionId}", caring, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ordinary_message_raises_nothing()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;

        var sent = await alex.SendAsync(room.SessionId, "I want to skill myself up at work this year.");

        await facilitator.WaitForMessageAsync(m => m.Id == sent.Id);
        await RoomConnectionProbe.SettleAsync();
        Assert.DoesNotContain(alex.Events, e => e.Name == "Support");
        Assert.DoesNotContain(facilitator.Events, e => e.Name == "Alert");
        Assert.False(await app.WithDbAsync(db => db.Concerns.AnyAsync(c => c.GroupId == room.GroupId)));
    }
}
