using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// The one-line message a page shows after an action ("Your reply is posted."), as an alert: messages that
/// start with "Error" are announced at once (role alert), the others politely (role status). Pages/Shared/_StatusMessage
/// renders it through this; the busiest pages call it directly, which saves a partial view's lookup and
/// view context on every request (issue 9).
/// </summary>
public static class StatusMessages
{
    public static IHtmlContent Render(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return HtmlString.Empty;
        }

        var isError = message.StartsWith("Error", StringComparison.Ordinal);
        return new HtmlString(string.Concat(
            isError ? "<div class=\"alert alert-danger\" role=\"alert\">" : "<div class=\"alert alert-success\" role=\"status\">",
            HtmlEncoder.Default.Encode(message), "</div>"));
    }
}
