using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Rooms;

/// <summary>
/// The live room's real-time endpoint. It only translates calls: <see cref="RoomService"/> checks the
/// caller's place in the session again on every call and does the work. Rule breaks come back to the
/// caller as a <see cref="HubException"/> with a clear message (see <see cref="RoomHubFilter"/>).
/// </summary>
[Authorize]
public sealed class RoomHub(RoomService rooms) : Hub<IRoomClient>
{
    public const string Path = "/hubs/room";

    private Guid Me => Guid.Parse(Context.UserIdentifier!);

    public Task<RoomSnapshot> Join(Guid sessionId) => rooms.JoinAsync(sessionId, Me, Context.ConnectionId, Context.ConnectionAborted);

    public Task<RoomMessage> Send(Guid sessionId, string? text, ShareAudience audience, ShareByline byline) =>
        rooms.SendAsync(sessionId, Me, new RoomSend(text, audience, byline), Context.ConnectionAborted);

    public Task Withdraw(Guid sessionId, Guid messageId) => rooms.WithdrawAsync(sessionId, Me, messageId, Context.ConnectionAborted);

    public Task RaiseHand(Guid sessionId) => rooms.RaiseHandAsync(sessionId, Me, Context.ConnectionAborted);

    public Task LowerHand(Guid sessionId) => rooms.LowerHandAsync(sessionId, Me, Context.ConnectionAborted);

    public Task Pass(Guid sessionId) => rooms.PassAsync(sessionId, Me, Context.ConnectionAborted);

    public Task StepOut(Guid sessionId) => rooms.StepOutAsync(sessionId, Me, Context.ConnectionAborted);

    public Task ComeBack(Guid sessionId) => rooms.ComeBackAsync(sessionId, Me, Context.ConnectionAborted);

    public Task GiveFloor(Guid sessionId, Guid personKey) => rooms.GiveFloorAsync(sessionId, Me, personKey, Context.ConnectionAborted);

    public Task ClearFloor(Guid sessionId) => rooms.ClearFloorAsync(sessionId, Me, Context.ConnectionAborted);

    public Task SetSlowMode(Guid sessionId, int seconds) => rooms.SetSlowModeAsync(sessionId, Me, seconds, Context.ConnectionAborted);

    public Task SetPaused(Guid sessionId, bool paused) => rooms.SetPausedAsync(sessionId, Me, paused, Context.ConnectionAborted);

    public Task Hide(Guid sessionId, Guid messageId) => rooms.HideAsync(sessionId, Me, messageId, Context.ConnectionAborted);

    public Task Unhide(Guid sessionId, Guid messageId) => rooms.UnhideAsync(sessionId, Me, messageId, Context.ConnectionAborted);

    public Task Mute(Guid sessionId, Guid personKey) => rooms.MuteAsync(sessionId, Me, personKey, Context.ConnectionAborted);

    public Task Remove(Guid sessionId, Guid personKey) => rooms.RemoveAsync(sessionId, Me, personKey, Context.ConnectionAborted);

    public Task End(Guid sessionId) => rooms.EndAsync(sessionId, Me, Context.ConnectionAborted);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        // Not the connection's token: it is already cancelled here.
        await rooms.LeaveAsync(Context.ConnectionId, CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// Turns a broken rule (<see cref="Domain.DomainException"/>) into a <see cref="HubException"/>, whose
/// message the caller sees; anything else stays a generic error (details are never sent to clients).
/// </summary>
internal sealed class RoomHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (Domain.DomainException ex)
        {
            throw new HubException(ex.Message);
        }
    }
}
