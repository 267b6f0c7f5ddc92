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
        // The logger belongs to this host, not to the static Log.Logger: several hosts in one process
        // (the test suites) must never write into each other's log files.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
        builder.Services.AddOptions<RequestLoggingOptions>().Configure<Serilog.ILogger>((options, logger) => options.Logger = logger);
        return builder;
    }

    /// <summary>One line per request: method, path (never the query string), status and time.</summary>
    public static WebApplication UsePeerCircleRequestLogging(this WebApplication app)
    {
        // Options (this host's logger, the calendar feed's token kept out) come from RequestLoggingOptions.
        app.UseSerilogRequestLogging();
        return app;
    }
}
