using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Rooms;

/// <summary>
/// The room hub answers only its own pages. A browser names the page that opened a connection in the
/// <c>Origin</c> header (negotiate and the WebSocket upgrade alike; script cannot forge it), and a page on
/// another site that tries to reach the hub with the visitor's cookie is refused with 403 before the hub
/// runs. The app's own origin is App:PublicBaseUrl or the request's own scheme and host (after the trusted
/// proxy's X-Forwarded-Proto). A request without Origin (not from a browser page: the .NET client, curl)
/// is let through: it carries no one else's cookie by accident, and the hub checks every call anyway.
/// </summary>
public sealed partial class HubOriginCheck(RequestDelegate next, IOptions<PublicUrlOptions> publicUrl, ILogger<HubOriginCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Path.StartsWithSegments(RoomHub.Path, StringComparison.OrdinalIgnoreCase)
            && request.Headers.TryGetValue(HeaderNames.Origin, out var origins)
            && !IsOwnOrigin(origins.ToString(), request, publicUrl.Value.PublicBaseUrl))
        {
            ForeignOrigin(logger, RoomHub.Path);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(context);
    }

    /// <summary>Whether <paramref name="origin"/> is the app's public address or the request's own scheme, host and port.</summary>
    public static bool IsOwnOrigin(string origin, HttpRequest request, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Exactly one serialised origin ("scheme://host[:port]"); "null", a list or a path is never ours.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || from.Scheme is not ("http" or "https")
            || from.AbsolutePath != "/" || from.Query.Length > 0 || from.Fragment.Length > 0 || from.UserInfo.Length > 0)
        {
            return false;
        }

        if (Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var app) && SameOrigin(from, app))
        {
            return true;
        }

        return request.Host.HasValue && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var self) && SameOrigin(from, self);
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    [LoggerMessage(EventId = 7101, EventName = "HubForeignOrigin", Level = LogLevel.Warning,
        Message = "A request to {Hub} from a page on another site was refused")]
    private static partial void ForeignOrigin(ILogger logger, string hub);
}
