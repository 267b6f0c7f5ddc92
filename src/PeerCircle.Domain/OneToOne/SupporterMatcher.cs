using PeerCircle.Domain.Groups;

namespace PeerCircle.Domain.OneToOne;

/// <summary>A supporter as matching sees them (built from the profile, their training and current caseload).</summary>
public sealed record SupporterCandidate(
    Guid UserId, string Pseudonym, string Bio, IReadOnlyList<Topic> Topics, IReadOnlyList<string> Languages,
    WeeklyAvailability Availability, int CaseloadLimit, int PairingsNow, bool TrainingValid, bool IsAccepting);

/// <summary>A proposal shown to the member: pseudonym and short introduction only, and why they fit.</summary>
public sealed record SupporterProposal(Guid UserId, string Pseudonym, string Bio, IReadOnlyList<Topic> SharedTopics, int OverlapMinutesPerWeek);

/// <summary>
/// Proposes up to three supporters who fit a request: accepting new people, training valid today, room in
/// their caseload (active pairings plus people waiting for their answer), at least one topic in common,
/// the language asked for, and at least <see cref="MinOverlapMinutes"/> a week when both are free (in UTC,
/// so time zones are compared as they really are). Never the member themself, nor anyone who already
/// declined this request. Best fit first: more topics in common, then more time in common, then a
/// lighter caseload.
/// </summary>
public static class SupporterMatcher
{
    public const int MaxProposals = 3;
    public const int MinOverlapMinutes = 60;

    public static IReadOnlyList<SupporterProposal> Propose(SupportRequest request, IEnumerable<SupporterCandidate> candidates,
        IReadOnlyCollection<Guid> declinedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(declinedBy);
        var wanted = request.Topics;
        var availability = request.Availability;
        return candidates
            .Where(c => c.UserId != request.MemberId && !declinedBy.Contains(c.UserId))
            .Where(c => c.IsAccepting && c.TrainingValid && c.PairingsNow < c.CaseloadLimit)
            .Where(c => request.Language is null || c.Languages.Contains(request.Language, StringComparer.Ordinal))
            .Select(c => new
            {
                Candidate = c,
                Shared = c.Topics.Intersect(wanted).ToList(),
                Overlap = availability.OverlapMinutes(c.Availability, nowUtc),
            })
            .Where(x => x.Shared.Count > 0 && x.Overlap >= MinOverlapMinutes)
            .OrderByDescending(x => x.Shared.Count)
            .ThenByDescending(x => x.Overlap)
            .ThenBy(x => (double)x.Candidate.PairingsNow / x.Candidate.CaseloadLimit)
            .ThenBy(x => x.Candidate.UserId)
            .Take(MaxProposals)
            .Select(x => new SupporterProposal(x.Candidate.UserId, x.Candidate.Pseudonym, x.Candidate.Bio, x.Shared, x.Overlap))
            .ToList();
    }
}
