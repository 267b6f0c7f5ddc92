using Serilog;
using Serilog.AspNetCore;

namespace PeerCircle.Web.Infrastructure;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog from the "Serilog" section of configuration (console and a rolling JSON file).
    /// Log only with message templates and ids: never a request body, a form or anything a person shared.
    /// </summary>
    public static WebApplicationBuilder AddPeerCircleLogging(this WebApplicationBuilder builder)
    {
        // Each app instance keeps its own logger instead of the process-wide static one, so apps that
        // share a process (the integration tests run several at once) never write into each other's
        // log, and one shutting down doesn't silence the others.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
        builder.Services.AddOptions<RequestLoggingOptions>()
            .Configure<Serilog.ILogger>((options, logger) => options.Logger = logger);
        return builder;
    }
}
