using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace PeerCircle.Web.Sharing;

/// <summary>
/// Renders what people share as plain text: blank lines make paragraphs, single line breaks stay,
/// http(s) addresses become links that pass nothing on (nofollow, noopener, noreferrer, ugc). Everything
/// else is HTML-encoded: no user HTML is ever rendered.
/// </summary>
public static partial class ShareText
{
    public const string LinkRel = "nofollow noopener noreferrer ugc";

    public static IHtmlContent Render(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return HtmlString.Empty;
        }

        var html = new StringBuilder();
        foreach (var paragraph in ParagraphBreak().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br />");
                }

                AppendLine(html, lines[i]);
            }

            html.Append("</p>");
        }

        return new HtmlString(html.ToString());
    }

    private static void AppendLine(StringBuilder html, string line)
    {
        var encoder = HtmlEncoder.Default;
        var last = 0;
        foreach (Match match in Link().Matches(line))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"');
            html.Append(encoder.Encode(line[last..match.Index]));
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                html.Append("<a href=\"").Append(encoder.Encode(uri.AbsoluteUri)).Append("\" rel=\"").Append(LinkRel)
                    .Append("\" target=\"_blank\">").Append(encoder.Encode(url)).Append("</a>");
            }
            else
            {
                html.Append(encoder.Encode(url));
            }

            last = match.Index + url.Length;
        }

        html.Append(encoder.Encode(line[last..]));
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
