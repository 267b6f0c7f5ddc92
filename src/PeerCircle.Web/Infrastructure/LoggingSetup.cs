using Serilog;

namespace PeerCircle.Web.Infrastructure;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog from the "Serilog" section of configuration (console and a rolling JSON file).
    /// Log only with message templates and ids: never a request body, a form or anything a person shared.
    /// </summary>
    public static WebApplicationBuilder AddPeerCircleLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        return builder;
    }
}
