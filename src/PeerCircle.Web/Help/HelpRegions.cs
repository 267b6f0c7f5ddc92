using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace PeerCircle.Web.Help;

/// <summary>A region "Get help now" can show services for.</summary>
public sealed record HelpRegion(string Code, string Name);

/// <summary>
/// The regions of the help directory, and how the viewer's region is found from the browser. The
/// services themselves are in the database (<see cref="HelpDirectory"/>), curated by admins.
/// </summary>
public static class HelpRegions
{
    public const string International = "INT";

    public static IReadOnlyList<HelpRegion> All { get; } =
    [
        new("GB", "United Kingdom"),
        new("IE", "Ireland"),
        new("US", "United States"),
        new("CA", "Canada"),
        new("AU", "Australia"),
        new(International, "Somewhere else"),
    ];

    public static HelpRegion Find(string? code) =>
        All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? All.First(r => r.Code == International);

    public static bool IsKnown(string? code) =>
        All.Any(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The region from the browser's languages ("en-GB" → GB), best quality first.</summary>
    public static string? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var values))
        {
            return null;
        }

        foreach (var value in values.OrderByDescending(v => v.Quality ?? 1.0))
        {
            var tag = value.Value.Value;
            if (string.IsNullOrEmpty(tag))
            {
                continue;
            }

            try
            {
                var culture = CultureInfo.GetCultureInfo(tag);
                if (culture.Name.Contains('-', StringComparison.Ordinal))
                {
                    var region = new RegionInfo(culture.Name).TwoLetterISORegionName;
                    if (IsKnown(region))
                    {
                        return region.ToUpperInvariant();
                    }
                }
            }
            catch (CultureNotFoundException)
            {
                // An unknown language tag says nothing about the region: try the next one.
            }
            catch (ArgumentException)
            {
            }
        }

        return null;
    }

    /// <summary>A tel: or sms: link for a number as written ("116 123" → tel:116123).</summary>
    public static string Href(string kind, string number) =>
        $"{kind}:{new string(number.Where(c => char.IsDigit(c) || c == '+').ToArray())}";
}
