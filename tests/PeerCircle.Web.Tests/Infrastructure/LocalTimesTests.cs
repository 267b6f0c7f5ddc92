using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// LocalTimes.Element writes its &lt;time&gt; element straight to the page's output (issue 9): the same element the
/// string-building version wrote, in every format and zone, the zone's daylight saving included.
/// </summary>
public sealed class LocalTimesTests
{
    public static TheoryData<string, string> ZonesAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var zone in new[] { "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC", "Not/AZone" })
        {
            foreach (var format in new[] { "full", "short", "time", "date", "something else" })
            {
                data.Add(zone, format);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ZonesAndFormats))]
    public void Writes_the_same_element_as_the_string_building_version(string zone, string format)
    {
        for (var utc = new DateTime(2026, 1, 1, 0, 30, 0, DateTimeKind.Utc); utc.Year == 2026; utc = utc.AddHours(97).AddMinutes(7))
        {
            Assert.Equal(Reference(utc, zone, format), Write(LocalTimes.Element(utc, zone, format)));
        }
    }

    [Fact]
    public void Shows_the_viewers_own_time_with_the_exact_instant()
    {
        var utc = new DateTime(2026, 7, 14, 17, 0, 0, DateTimeKind.Utc);
        Assert.Equal("<time datetime=\"2026-07-14T17:00:00Z\">Tuesday 14 July 2026, 18:00</time>", Write(LocalTimes.Element(utc, "Europe/London")));
        Assert.Equal("<time datetime=\"2026-07-14T17:00:00Z\">Tue 14 Jul, 13:00</time>", Write(LocalTimes.Element(utc, "America/New_York", "short")));
    }

    private static string Write(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    // The string-building version LocalTimes.Element had until issue 9's ninth round.
    private static string Reference(DateTime utc, string zone, string format)
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        var local = PeerCircle.Domain.Time.Zones.IsKnown(zone) ? PeerCircle.Domain.Time.Zones.ToLocal(utc, zone) : DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var text = format switch
        {
            "short" => local.ToString("ddd d MMM, HH:mm", culture),
            "time" => local.ToString("HH:mm", culture),
            "date" => local.ToString("dddd d MMMM yyyy", culture),
            _ => local.ToString("dddd d MMMM yyyy, HH:mm", culture),
        };
        return string.Concat("<time datetime=\"", DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "\">",
            HtmlEncoder.Default.Encode(text), "</time>");
    }
}
