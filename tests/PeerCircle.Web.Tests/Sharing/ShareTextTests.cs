using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>
/// ShareText writes a post's HTML straight to the page's output (issue 9). Its HTML must be exactly what the
/// string-building version wrote: that version is kept here as the reference and both are run over the
/// awkward cases and over many generated texts.
/// </summary>
public sealed partial class ShareTextTests
{
    public static TheoryData<string> Texts => new()
    {
        "Hello",
        "   padded on both sides \n ",
        " \t\n ",
        "a\nb\nc",
        "a\r\nb\r\n\r\nc",
        "first\n\nsecond\n \n\t\nthird",
        "\n\nleading blank lines\n\n",
        "<script>alert(1)</script> & \"quotes\" 'single' é ü 😊",
        "See https://example.org/help?a=1&b=2. And javascript:alert(2) too.",
        "(https://example.org/x), [http://example.org/y]; HTTPS://EXAMPLE.ORG/Z!",
        "two https://a.example/1 links https://b.example/2?",
        "http://",
        "https://exa mple.org",
        "https://[::1]:99999/bad",
        "line one\nhttps://example.org/\"quoted\"<tag>\nline three",
        "ends with a link https://example.org/path...",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Writes_the_same_HTML_as_the_string_building_version(string text) =>
        Assert.Equal(Reference(text), Written(text));

    [Fact]
    public void Writes_the_same_HTML_as_the_string_building_version_for_many_generated_texts()
    {
        var random = new Random(20261207);
        string[] pieces = ["word", " ", "  ", "\n", "\r\n", "\n\n", "\n \n", "\t", "<", ">", "&", "\"", "'", "é", ".", ",", ")", "]",
            "https://example.org/a?b=1&c=2", "http://x.test/", "HTTP://Y.TEST/p.", "javascript:alert(1)", "https://", "😊"];
        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(1, 14); n > 0; n--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            Assert.Equal(Reference(text.ToString()), Written(text.ToString()));
        }
    }

    [Fact]
    public void Nothing_shared_writes_nothing()
    {
        Assert.Equal(string.Empty, Written(null));
        Assert.Equal(string.Empty, Written(string.Empty));
    }

    [Fact]
    public void The_HTML_is_the_same_each_time_it_is_written()
    {
        var html = ShareText.Render("a\n\nb https://example.org/");
        Assert.Equal(Write(html), Write(html));
        Assert.Equal("<p>a</p><p>b <a href=\"https://example.org/\" rel=\"nofollow noopener noreferrer ugc\" target=\"_blank\">https://example.org/</a></p>", Write(html));
    }

    private static string Written(string? text) => Write(ShareText.Render(text));

    private static string Write(Microsoft.AspNetCore.Html.IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    // The string-building version ShareText had until issue 9's ninth round, unchanged.
    private static string Reference(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
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

                ReferenceLine(html, lines[i]);
            }

            html.Append("</p>");
        }

        return html.ToString();
    }

    private static void ReferenceLine(StringBuilder html, string line)
    {
        var encoder = HtmlEncoder.Default;
        var last = 0;
        foreach (Match match in Link().Matches(line))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"');
            html.Append(encoder.Encode(line[last..match.Index]));
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                html.Append("<a href=\"").Append(encoder.Encode(uri.AbsoluteUri)).Append("\" rel=\"").Append(ShareText.LinkRel)
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
