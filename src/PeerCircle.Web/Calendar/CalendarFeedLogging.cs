using Serilog.AspNetCore;
using Serilog.Events;

namespace PeerCircle.Web.Calendar;

/// <summary>
/// The calendar feed's address carries its secret token (calendar apps cannot send a cookie). The
/// request log line records the path, so for the feed it records the path without the token.
/// </summary>
internal static class CalendarFeedLogging
{
    public const string FeedPathPrefix = "/Calendar/Feed/";
    public const string RedactedPath = FeedPathPrefix + "(token)";

    public static void KeepTokensOutOfRequestLog(IServiceCollection services) =>
        services.Configure<RequestLoggingOptions>(options => options.GetMessageTemplateProperties = Properties);

    public static string SafePath(string path) =>
        path.StartsWith(FeedPathPrefix, StringComparison.OrdinalIgnoreCase) ? RedactedPath : path;

    // The same four properties as Serilog's default request message template.
    private static IEnumerable<LogEventProperty> Properties(HttpContext context, string path, double elapsed, int status) =>
    [
        new("RequestMethod", new ScalarValue(context.Request.Method)),
        new("RequestPath", new ScalarValue(SafePath(path))),
        new("StatusCode", new ScalarValue(status)),
        new("Elapsed", new ScalarValue(elapsed)),
    ];
}
