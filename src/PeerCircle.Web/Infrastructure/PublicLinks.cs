using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace PeerCircle.Web.Infrastructure;

public sealed class PublicUrlOptions
{
    /// <summary>
    /// The address people use to reach PeerCircle (https://peercircle.example.org). Links in emails
    /// are built on it, never on the Host header of the request that caused the email, which a
    /// stranger could forge. Required outside Development and Testing.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Absolute links for emails and calendar entries.</summary>
public sealed class PublicLinks(IOptions<PublicUrlOptions> options, LinkGenerator links, IHttpContextAccessor accessor, IServer server)
{
    public string Page(string page, object? values)
    {
        var path = links.GetPathByPage(page, handler: null, values: values, pathBase: default)
            ?? throw new InvalidOperationException($"No route to {page}.");
        var baseUrl = options.Value.PublicBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            // Development and tests only (enforced at start-up): the request's own address, or for
            // background work the address this server listens on.
            baseUrl = accessor.HttpContext?.Request is { } request
                ? $"{request.Scheme}://{request.Host}{request.PathBase}"
                : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        }

        return baseUrl.TrimEnd('/') + path;
    }

    internal static WebApplicationBuilder AddPublicLinks(WebApplicationBuilder builder)
    {
        var requireBaseUrl = !builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing");
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<PublicUrlOptions>()
            .Bind(builder.Configuration.GetSection("App"))
            .Validate(o => !requireBaseUrl || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "App:PublicBaseUrl must be set to the absolute address people use to reach PeerCircle (used for links in emails).")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicLinks>();
        return builder;
    }
}
