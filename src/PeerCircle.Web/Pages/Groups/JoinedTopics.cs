using PeerCircle.Domain.Groups;

namespace PeerCircle.Web.Pages.Groups;

/// <summary>
/// A group's topics as the group list and a group's page read them: one column of their stored names joined
/// with commas by the database (string.Join over a grouped subquery: group_concat on SQLite, STRING_AGG on
/// SQL Server), rather than a collection, which EF Core shapes row by row with delegates it makes at run time
/// (issue 9, docs/performance.md).
/// </summary>
internal static class JoinedTopics
{
    /// <summary>The topics in their enum order; none when the group has none (the column is null).</summary>
    public static IEnumerable<Topic> Parse(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(',').Select(Enum.Parse<Topic>).Order();
}
