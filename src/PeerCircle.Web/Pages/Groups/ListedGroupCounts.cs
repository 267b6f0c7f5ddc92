using System.Collections.Concurrent;
using PeerCircle.Domain.Groups;

namespace PeerCircle.Web.Pages.Groups;

/// <summary>
/// How many listed groups each filter of the group list finds, remembered for <see cref="Lifetime"/>. Counting
/// every listed group is the one part of the list whose cost grows with the number of groups (about 60 µs of
/// SQLite for 900 groups, 14 µs for 90; issue 9, docs/performance.md), while the count changes only when an admin
/// adds, edits or archives a group. Those pages <see cref="Forget"/> the counts, so this instance shows a change
/// at once; another instance of a scaled-out service within <see cref="Lifetime"/>. The groups shown are always
/// read fresh: only the number above them can be that much behind.
/// </summary>
public sealed class ListedGroupCounts(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // One entry per filter the list accepts (a defined topic or none, a defined format or none): bounded.
    private readonly ConcurrentDictionary<(Topic?, GroupFormat?), (int Count, DateTimeOffset Until)> _counts = new();

    /// <summary>The count remembered for the filter, if it is less than <see cref="Lifetime"/> old.</summary>
    public int? Find(Topic? topic, GroupFormat? format) =>
        _counts.TryGetValue((topic, format), out var known) && time.GetUtcNow() < known.Until ? known.Count : null;

    public void Remember(Topic? topic, GroupFormat? format, int count) => _counts[(topic, format)] = (count, time.GetUtcNow() + Lifetime);

    /// <summary>After a group is added, changed or archived: every filter is counted again.</summary>
    public void Forget() => _counts.Clear();
}
