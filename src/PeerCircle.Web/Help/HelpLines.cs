using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace PeerCircle.Web.Help;

public enum HelpKind
{
    Emergency,
    CrisisLine,
    TextLine,
    Information,
}

public sealed record HelpLine(string Name, HelpKind Kind, string Description, string? Phone = null, string? Text = null, string? TextKeyword = null, string? Url = null, string Hours = "24/7");

public sealed record HelpRegion(string Code, string Name, IReadOnlyList<HelpLine> Urgent);

/// <summary>
/// First version of the "Get help now" catalogue: the urgent options per region, in code so the page
/// needs no database and works when everything else is down. The admin-curated directory replaces the
/// non-urgent part (issue 6). Numbers are well-known public services; verify them before production.
/// </summary>
public static class HelpLines
{
    public const string International = "INT";

    public static IReadOnlyList<HelpRegion> Regions { get; } =
    [
        new("GB", "United Kingdom",
        [
            new("Emergency services", HelpKind.Emergency, "If you or someone else is in danger right now.", Phone: "999"),
            new("Samaritans", HelpKind.CrisisLine, "Talk to someone, any time, about anything. Free to call.", Phone: "116 123", Url: "https://www.samaritans.org"),
            new("Shout", HelpKind.TextLine, "If you would rather text than talk.", Text: "85258", TextKeyword: "SHOUT", Url: "https://giveusashout.org"),
        ]),
        new("IE", "Ireland",
        [
            new("Emergency services", HelpKind.Emergency, "If you or someone else is in danger right now.", Phone: "112"),
            new("Samaritans Ireland", HelpKind.CrisisLine, "Talk to someone, any time, about anything. Free to call.", Phone: "116 123", Url: "https://www.samaritans.org/ireland/"),
            new("Text About It", HelpKind.TextLine, "If you would rather text than talk.", Text: "50808", TextKeyword: "HELLO", Url: "https://text50808.ie"),
        ]),
        new("US", "United States",
        [
            new("Emergency services", HelpKind.Emergency, "If you or someone else is in danger right now.", Phone: "911"),
            new("988 Suicide & Crisis Lifeline", HelpKind.CrisisLine, "Call or text, any time. Free and confidential.", Phone: "988", Text: "988", Url: "https://988lifeline.org"),
            new("Crisis Text Line", HelpKind.TextLine, "If you would rather text than talk.", Text: "741741", TextKeyword: "HOME", Url: "https://www.crisistextline.org"),
        ]),
        new("CA", "Canada",
        [
            new("Emergency services", HelpKind.Emergency, "If you or someone else is in danger right now.", Phone: "911"),
            new("9-8-8 Suicide Crisis Helpline", HelpKind.CrisisLine, "Call or text, any time, in English or French.", Phone: "988", Text: "988", Url: "https://988.ca"),
        ]),
        new("AU", "Australia",
        [
            new("Emergency services", HelpKind.Emergency, "If you or someone else is in danger right now.", Phone: "000"),
            new("Lifeline", HelpKind.CrisisLine, "Talk to someone, any time.", Phone: "13 11 14", Url: "https://www.lifeline.org.au"),
            new("Lifeline Text", HelpKind.TextLine, "If you would rather text than talk.", Text: "0477 13 11 14", Url: "https://www.lifeline.org.au"),
        ]),
        new(International, "Somewhere else",
        [
            new("Your local emergency number", HelpKind.Emergency, "If you or someone else is in danger right now, call your local emergency number (112 works from most mobile phones)."),
            new("Find A Helpline", HelpKind.Information, "Free, confidential helplines in your country, by phone, text or chat.", Url: "https://findahelpline.com"),
        ]),
    ];

    public static HelpRegion Find(string? code) =>
        Regions.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? Regions.First(r => r.Code == International);

    public static bool IsKnown(string? code) =>
        Regions.Any(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));

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

    public static string Href(string kind, string number) =>
        $"{kind}:{new string(number.Where(c => char.IsDigit(c) || c == '+').ToArray())}";
}
