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
        // Each app instance writes through its own logger, never the process-wide static one, so two
        // instances in one process (the integration tests run several at once) never write to, or close,
        // each other's log; the request log line is written through it too.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
        builder.Services.AddOptions<RequestLoggingOptions>().Configure<Serilog.ILogger>((options, logger) => options.Logger = logger);
        return builder;
    }
}
