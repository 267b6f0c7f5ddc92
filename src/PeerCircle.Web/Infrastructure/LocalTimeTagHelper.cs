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
    public static IHtmlContent Element(DateTime utc, string zone, string format = "full") =>
        new HtmlString(string.Concat("<time datetime=\"", Iso(utc), "\">", HtmlEncoder.Default.Encode(Format(utc, zone, format)), "</time>"));

    public static string Format(DateTime utc, string zone, string format = "full")
    {
        var local = Zones.IsKnown(zone) ? Zones.ToLocal(utc, zone) : DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return format switch
        {
            "short" => local.ToString("ddd d MMM, HH:mm", s_culture),
            "time" => local.ToString("HH:mm", s_culture),
            "date" => local.ToString("dddd d MMMM yyyy", s_culture),
            _ => local.ToString("dddd d MMMM yyyy, HH:mm", s_culture),
        };
    }
}
