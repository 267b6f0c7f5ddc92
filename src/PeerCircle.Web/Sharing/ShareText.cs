using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace PeerCircle.Web.Sharing;

/// <summary>
/// Renders what people share as plain text: blank lines make paragraphs, single line breaks stay,
/// http(s) addresses become links that pass nothing on (nofollow, noopener, noreferrer, ugc). Everything
/// else is HTML-encoded: no user HTML is ever rendered.
/// </summary>
/// <remarks>
/// The HTML is written straight to the page's output when the page is sent, piece by piece from the text
/// itself: no string, string builder, array or regex match per post (a conversation's 26 posts were about a
/// seventh of what its page allocated; issue 9, docs/performance.md).
/// </remarks>
public static partial class ShareText
{
    public const string LinkRel = "nofollow noopener noreferrer ugc";

    public static IHtmlContent Render(string? text) =>
        string.IsNullOrEmpty(text) ? HtmlString.Empty : new SharedText(text.Contains("\r\n", StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal) : text);

    private sealed class SharedText(string text) : IHtmlContent
    {
        // The encoder the page passes is ignored on purpose: the text is always encoded by the default HTML encoder.
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            ArgumentNullException.ThrowIfNull(writer);
            var all = text.AsSpan();
            var trimmed = all.Trim();
            var start = trimmed.IsEmpty ? 0 : all.Length - all.TrimStart().Length;
            foreach (var paragraph in ParagraphBreak().EnumerateSplits(trimmed))
            {
                var (offset, length) = paragraph.GetOffsetAndLength(trimmed.Length);
                writer.Write("<p>");
                WriteLines(writer, text, start + offset, length);
                writer.Write("</p>");
            }
        }
    }

    // The paragraph's lines, separated by <br />.
    private static void WriteLines(TextWriter writer, string text, int start, int length)
    {
        var end = start + length;
        int newline;
        while ((newline = text.AsSpan(start, end - start).IndexOf('\n')) >= 0)
        {
            WriteLine(writer, text, start, newline);
            writer.Write("<br />");
            start += newline + 1;
        }

        WriteLine(writer, text, start, end - start);
    }

    // One line: encoded, with its http(s) addresses as links.
    private static void WriteLine(TextWriter writer, string text, int start, int length)
    {
        var encoder = HtmlEncoder.Default;
        var last = 0;
        foreach (var match in Link().EnumerateMatches(text.AsSpan(start, length)))
        {
            var url = text.AsSpan(start + match.Index, match.Length).TrimEnd(".,;:!?)]'\"");
            Encode(writer, text, start + last, match.Index - last);
            var address = url.ToString();
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                writer.Write("<a href=\"");
                encoder.Encode(writer, uri.AbsoluteUri);
                writer.Write("\" rel=\"");
                writer.Write(LinkRel);
                writer.Write("\" target=\"_blank\">");
                encoder.Encode(writer, address);
                writer.Write("</a>");
            }
            else
            {
                encoder.Encode(writer, address);
            }

            last = match.Index + url.Length;
        }

        Encode(writer, text, start + last, length - last);
    }

    private static void Encode(TextWriter writer, string text, int start, int length)
    {
        if (length > 0)
        {
            HtmlEncoder.Default.Encode(writer, text, start, length);
        }
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
