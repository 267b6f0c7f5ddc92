using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Facilitation;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.OneToOne;

/// <summary>
/// The fixed wording of one-to-one notifications: never a message, a goal, a note or a reason, never who
/// the other person is; only a link to the pairing (where its two people see the rest).
/// </summary>
public static class PairingNotices
{
    public const string Asked = "Someone would like you as their one-to-one supporter. Please answer their request.";
    public const string Accepted = "Your one-to-one supporter said yes. Your private space is open.";
    public const string Declined = "The supporter you chose can't take anyone new just now. It is not about you: please choose another supporter.";
    public const string NewMessage = "You have a new message in your one-to-one space.";
    public const string CheckInProposed = "A time for a one-to-one check-in was proposed. Please accept or decline it.";
    public const string CheckInAccepted = "Your one-to-one check-in is booked. It is in your calendar feed.";
    public const string EndedForMember = "Your one-to-one pairing has ended. Thank you for the time you spent together. You can ask for another supporter whenever you like.";
    public const string EndedForSupporter = "One of your one-to-one pairings has ended. Thank you for the support you gave.";
    public const string RiskAlert = "A message in one of your one-to-one pairings may need your attention. Please read it and, if you are worried, raise a concern.";
}

/// <summary>Who may open a pairing: its two people only. Anyone else, admins included, gets 404.</summary>
public static class PairingAccess
{
    public static Task<Pairing?> FindForAsync(PeerCircleDbContext db, Guid pairingId, Guid userId, CancellationToken cancellationToken, bool tracked = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = tracked ? db.Pairings : db.Pairings.AsNoTracking();
        return query.Where(p => p.Id == pairingId && (p.MemberId == userId || p.SupporterId == userId)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A member's pairing that is asked or active (at most one).</summary>
    public static Task<Pairing?> CurrentForMemberAsync(PeerCircleDbContext db, Guid memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Pairings.AsNoTracking()
            .Where(p => p.MemberId == memberId && (p.Status == PairingStatus.Asked || p.Status == PairingStatus.Active))
            .OrderByDescending(p => p.AskedUtc).FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>Builds the supporters matching can choose from (profile, pseudonym, training today, caseload) and asks <see cref="SupporterMatcher"/>.</summary>
public sealed class SupporterDirectory(PeerCircleDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<SupporterProposal>> ProposeAsync(SupportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow().UtcDateTime;
        var profiles = await db.SupporterProfiles.AsNoTracking().Where(p => p.IsAccepting).ToListAsync(cancellationToken);
        var ids = profiles.Select(p => p.UserId).ToList();
        var names = await db.PseudonymsAsync(ids, cancellationToken);
        var training = await db.TrainingByPersonAsync(ids, cancellationToken);
        var load = await db.Pairings.AsNoTracking()
            .Where(p => ids.Contains(p.SupporterId) && (p.Status == PairingStatus.Active || p.Status == PairingStatus.Asked))
            .GroupBy(p => p.SupporterId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var declined = await db.Pairings.AsNoTracking()
            .Where(p => p.RequestId == request.Id && p.Status == PairingStatus.Declined)
            .Select(p => p.SupporterId).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(now);
        var candidates = profiles.Where(p => names.TryGetValue(p.UserId, out var n) && !string.IsNullOrEmpty(n)).Select(p => new SupporterCandidate(
            p.UserId, names[p.UserId], p.Bio, p.Topics, p.Languages, p.Availability, p.CaseloadLimit,
            load.GetValueOrDefault(p.UserId), TrainingRecord.AnyValidOn(training[p.UserId], today), p.IsAccepting));
        return SupporterMatcher.Propose(request, candidates, declined, now);
    }

    public async Task<bool> TrainingValidTodayAsync(Guid userId, CancellationToken cancellationToken)
    {
        var training = await db.TrainingByPersonAsync([userId], cancellationToken);
        return TrainingRecord.AnyValidOn(training[userId], DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }

    public Task<int> ActivePairingsAsync(Guid supporterId, CancellationToken cancellationToken) =>
        db.Pairings.CountAsync(p => p.SupporterId == supporterId && p.Status == PairingStatus.Active, cancellationToken);
}

/// <summary>
/// Safety in a pairing, the same as everywhere: a message with a risk phrase opens a concern straight to the
/// safeguarding leads (a pairing has no facilitator to review a draft), and alerts the supporter when the
/// member wrote it. The caller then shows the author the caring page. Logs and notifications carry ids and
/// fixed wording only.
/// </summary>
public sealed class PairingSafety(
    PeerCircleDbContext db, RiskPhraseCache phrases, TimeProvider time, Notifier notifier, SafeguardingTeam team, AuditLog audit,
    LinkGenerator links, ILogger<PairingSafety> logger)
{
    public async Task<bool> OnMessageSavedAsync(Share share, Pairing pairing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(pairing);
        var detector = await phrases.GetAsync(db, cancellationToken);
        if (!detector.IsMatch(share.Text))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var open = await db.Concerns.Include(c => c.Snapshots)
            .Where(c => c.PairingId == pairing.Id && c.SubjectId == share.AuthorId && c.Source == ConcernSource.Detector
                && c.Status != ConcernStatus.Closed && c.Status != ConcernStatus.Dismissed)
            .OrderByDescending(c => c.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
        var isNew = open is null;
        if (open is null)
        {
            open = Concern.DetectedInPairing(share, now);
            db.Concerns.Add(open);
            audit.Record(SafeguardingAuditActions.System, SafeguardingAuditActions.ConcernRaised, nameof(Concern), open.Id, null);
            await team.NotifyLeadsAsync(open.Id, cancellationToken);
            if (share.AuthorId == pairing.MemberId)
            {
                notifier.Notify(pairing.SupporterId, PairingNotices.RiskAlert, links.GetPathByPage("/OneToOne/Pairing", values: new { id = pairing.Id }));
            }
        }
        else
        {
            open.AddShare(share, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(7011, "PairRiskPhraseFound"), "Share {ShareId} in pairing {PairingId} matched a risk phrase; concern {ConcernId} ({Outcome})",
            share.Id, pairing.Id, open.Id, isNew ? "opened" : "added to");
        return true;
    }
}
