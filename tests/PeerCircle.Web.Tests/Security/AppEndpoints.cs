using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Web.Rooms;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Security;

/// <summary>One thing a request can reach: a page handler, another endpoint, or a hub method.</summary>
/// <param name="Key">"GET /Groups/Details/{id:guid}", "POST /Groups/Board/Thread/{id:guid} Hide", "GET /health/live", "HUB RoomHub.Send".</param>
public sealed record AppEndpoint(string Key)
{
    public AppEndpoint(string key, string method, string route, string? handler, bool isPage)
        : this(key)
    {
        Method = method;
        Route = route;
        Handler = handler;
        IsPage = isPage;
    }

    public string Method { get; init; } = "GET";

    public string Route { get; init; } = "/";

    public string? Handler { get; init; }

    public bool IsPage { get; init; }
}

/// <summary>Everything the app answers, read from its own <see cref="EndpointDataSource"/> and the hub's type.</summary>
public static class AppEndpoints
{
    public static async Task<IReadOnlyList<AppEndpoint>> ListAsync(PeerCircleAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var loader = app.Services.GetRequiredService<PageLoader>();
        var result = new List<AppEndpoint>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                if (compiled.HandlerMethods.Count == 0)
                {
                    result.Add(new($"GET {route}", "GET", route, null, true));
                }

                foreach (var handler in compiled.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    result.Add(new($"{method} {route}{(handler.Name is null ? "" : " " + handler.Name)}", method, route, handler.Name, true));
                }
            }
            else if (IsStaticAsset(endpoint))
            {
                // Every file under wwwroot is its own endpoint: they are one entry, checked on a stylesheet and a script.
                result.Add(new("GET (static-assets)", "GET", "(static-assets)", null, false));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                result.AddRange(methods.Select(m => new AppEndpoint($"{m} {route}", m, route, null, false)));
            }
        }

        result.AddRange(HubMethods().Select(m => new AppEndpoint($"HUB {nameof(RoomHub)}.{m}", "HUB", RoomHub.Path, m, false)));
        return result.DistinctBy(e => e.Key).ToList();
    }

    /// <summary>The hub's callable methods (public, declared on the hub, not the connection events).</summary>
    public static IEnumerable<string> HubMethods() => typeof(RoomHub)
        .GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
        .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
        .Select(m => m.Name)
        .Distinct();

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");
}
