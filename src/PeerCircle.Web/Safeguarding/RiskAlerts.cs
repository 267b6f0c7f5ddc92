using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Safeguarding;

/// <summary>
/// The hook every place people share calls once a share is saved (board threads and replies today; the
/// live room's messages too). When the share contains a risk phrase:
/// <list type="number">
/// <item>the share stays posted as usual (nothing here changes it);</item>
/// <item>a draft concern about it is created with a snapshot of the share, or the share is added to the
/// draft already waiting about the same person in the same group;</item>
/// <item>the group's facilitators (not the author) get an in-app alert that opens the draft. Its wording
/// never quotes the share nor names the group (discreet mode);</item>
/// <item>it returns true: the caller then shows the author the caring page, <see cref="InterstitialPage"/>.</item>
/// </list>
/// Logs name the share and the concern by id only: never the text, never the phrase found.
/// </summary>
public sealed class RiskAlerts(
    PeerCircleDbContext db, RiskPhraseCache phrases, TimeProvider time, Notifier notifier, AuditLog audit, LinkGenerator links, ILogger<RiskAlerts> logger)
{
    /// <summary>The caring page for the author (public, no script): <c>/Help/Support</c>.</summary>
    public const string InterstitialPage = "/Help/Support";

    public const string FacilitatorAlert = "A post in one of the groups you facilitate may need your attention. Please look at the draft safeguarding concern.";

    /// <summary>The interstitial's address, with where "go back" should lead (a local path) and that the share was posted.</summary>
    public string InterstitialUrl(string? returnUrl) =>
        links.GetPathByPage(InterstitialPage, values: new { returnUrl, posted = true }) ?? InterstitialPage;

    public async Task<bool> OnShareSavedAsync(Share share, CancellationToken cancellationToken = default) =>
        await DraftAfterShareSavedAsync(share, cancellationToken) is not null;

    /// <summary>
    /// The same hook, for a caller that also points the facilitators to the draft (the live room): the
    /// address of the draft concern's page when the share matched a risk phrase, otherwise null.
    /// </summary>
    public async Task<string?> DraftAfterShareSavedAsync(Share share, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(share);
        var detector = await phrases.GetAsync(db, cancellationToken);
        if (!detector.IsMatch(share.Title) && !detector.IsMatch(share.Text))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var draft = await db.Concerns.Include(c => c.Snapshots)
            .Where(c => c.GroupId == share.GroupId && c.SubjectId == share.AuthorId && c.Status == ConcernStatus.Draft)
            .OrderByDescending(c => c.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        var isNew = draft is null;
        if (draft is null)
        {
            draft = Concern.Detected(share, now);
            db.Concerns.Add(draft);
            audit.Record(SafeguardingAuditActions.System, SafeguardingAuditActions.ConcernDrafted, nameof(Concern), draft.Id, share.GroupId);
        }
        else
        {
            draft.AddShare(share, now);
        }

        var link = links.GetPathByPage("/Facilitate/Concerns/Draft", values: new { id = draft.Id });
        if (isNew)
        {
            var facilitators = await db.Groups.Where(g => g.Id == share.GroupId)
                .SelectMany(g => g.Facilitators.Select(f => f.UserId))
                .Where(id => id != share.AuthorId)
                .ToListAsync(cancellationToken);
            foreach (var facilitator in facilitators)
            {
                notifier.Notify(facilitator, FacilitatorAlert, link);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(7001, "RiskPhraseFound"), "Share {ShareId} in group {GroupId} matched a risk phrase; draft concern {ConcernId} ({Outcome})",
            share.Id, share.GroupId, draft.Id, isNew ? "created" : "added to");
        return link ?? throw new InvalidOperationException("The draft concern page has no route.");
    }
}
