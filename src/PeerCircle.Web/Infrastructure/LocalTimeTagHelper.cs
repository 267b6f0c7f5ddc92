using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;
using PeerCircle.Domain.Time;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// <c>&lt;local-time utc="@session.StartUtc" /&gt;</c> renders a &lt;time&gt; element in the viewer's
/// own time zone (from their profile), with the exact instant in its datetime attribute.
/// </summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(IHttpContextAccessor accessor) : TagHelper
{
    public DateTime Utc { get; set; }

    /// <summary>"full" (default): "Tuesday 13 October 2026, 18:00"; "short": "Tue 13 Oct, 18:00"; "time": "18:00".</summary>
    public string Format { get; set; } = "full";

    /// <summary>Overrides the viewer's zone (e.g. to show a group's own local time).</summary>
    public string? Zone { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var zone = Zone ?? accessor.HttpContext?.User.GetTimeZoneId() ?? PeerCircleClaims.DefaultTimeZone;
        // The element itself is LocalTimes.Element's, the one place a <time> is written.
        output.TagName = null;
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Content.SetHtmlContent(LocalTimes.Element(Utc, zone, Format));
    }
}

public static class LocalTimes
{
    private static readonly CultureInfo s_culture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The exact instant, for a &lt;time&gt; element's datetime attribute.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// The &lt;time&gt; element: the exact instant in its datetime attribute, the time in <paramref name="zone"/> as its
    /// text. <see cref="LocalTimeTagHelper"/> writes it; pages that show a time on every row of a list call it
    /// directly, since a tag helper per row cost an instance, an execution context and an output buffer each (issue 9).
    /// </summary>
    /// <remarks>
    /// The element is written straight to the page's output when the page is sent, formatted into a stack buffer:
    /// no string per time (issue 9).
    /// </remarks>
    public static IHtmlContent Element(DateTime utc, string zone, string format = "full") => new TimeElement(utc, zone, format);

    public static string Format(DateTime utc, string zone, string format = "full") => Local(utc, zone).ToString(Pattern(format), s_culture);

    private static DateTime Local(DateTime utc, string zone) => Zones.IsKnown(zone) ? Zones.ToLocal(utc, zone) : DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    private static string Pattern(string format) => format switch
    {
        "short" => "ddd d MMM, HH:mm",
        "time" => "HH:mm",
        "date" => "dddd d MMMM yyyy",
        _ => "dddd d MMMM yyyy, HH:mm",
    };

    private sealed class TimeElement(DateTime utc, string zone, string format) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Span<char> text = stackalloc char[128];
            writer.Write("<time datetime=\"");
            if (DateTime.SpecifyKind(utc, DateTimeKind.Utc).TryFormat(text, out var written, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            {
                writer.Write(text[..written]);
            }
            else
            {
                writer.Write(Iso(utc));
            }

            writer.Write("\">");
            // The zone's local time, HTML-encoded as any text is (it is letters, digits and punctuation).
            Span<char> encoded = stackalloc char[768];
            if (Local(utc, zone).TryFormat(text, out written, Pattern(format), s_culture)
                && HtmlEncoder.Default.Encode(text[..written], encoded, out _, out var encodedLength) == System.Buffers.OperationStatus.Done)
            {
                writer.Write(encoded[..encodedLength]);
            }
            else
            {
                HtmlEncoder.Default.Encode(writer, Format(utc, zone, format));
            }

            writer.Write("</time>");
        }
    }
}
