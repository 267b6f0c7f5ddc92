using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Admin.Audit;

/// <summary>
/// The audit log, newest first: who did what, when, to which record, and why. Read-only; filtered by
/// actor, action, record and date (in the viewer's zone), a page of <see cref="PageSize"/> at a time,
/// and exported as CSV (the whole filtered set, streamed). It holds no share text.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, ILogger<IndexModel> logger) : PageModel
{
    public const int PageSize = 50;
    public const int MaxPage = 2000;

    /// <summary>Pseudonym, email or user id of whoever acted.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? RecordType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? RecordId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Entries { get; private set; } = [];

    public IReadOnlyList<string> RecordTypes { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Actor) || Action is not null || RecordType is not null
        || !string.IsNullOrWhiteSpace(RecordId) || From is not null || To is not null;

    /// <summary>The current filter as route values, for the paging and export links.</summary>
    public Dictionary<string, string> FilterValues() => new Dictionary<string, string?>
    {
        ["actor"] = Actor, ["action"] = Action, ["recordType"] = RecordType, ["recordId"] = RecordId,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value!);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, MaxPage);
        RecordTypes = await db.AuditEntries.AsNoTracking().Select(a => a.RecordType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var filtered = await FilterAsync(cancellationToken);
        if (filtered is null)
        {
            return Page();
        }

        var rows = await Project(filtered.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
                .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1))
            .ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
        return Page();
    }

    /// <summary>The whole filtered set as CSV, written row by row as it is read (never all in memory).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var filtered = await FilterAsync(cancellationToken);
        if (filtered is null)
        {
            return BadRequest();
        }

        logger.LogInformation(new EventId(8301, "AuditExported"), "Audit log exported by {ActorId}", User.GetUserId());
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"peercircle-audit.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await writer.WriteLineAsync(Csv.Line("When (UTC)", "Who", "Action", "Record type", "Record id", "Group", "Reason"));
        await foreach (var row in Project(filtered.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Csv.Line(
                DateTime.SpecifyKind(row.AtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                row.Actor, row.Action, row.RecordType, row.RecordId.ToString(), row.Group, row.Reason));
        }

        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }

    /// <summary>The entries matching the filter, or null (with a message on the form) when the filter names no one.</summary>
    private async Task<IQueryable<AuditEntry>?> FilterAsync(CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        var actor = Actor?.Trim();
        if (!string.IsNullOrEmpty(actor))
        {
            Guid? actorId = Guid.TryParse(actor, out var id) ? id : null;
            if (actorId is null && actor.Length <= 256)
            {
                var email = actor.ToUpperInvariant();
                var pseudonym = Pseudonym.Normalize(actor);
                actorId = await db.Users.Where(u => u.NormalizedEmail == email || u.NormalizedPseudonym == pseudonym)
                    .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
            }

            if (actorId is null)
            {
                ModelState.AddModelError(nameof(Actor), "No one has that pseudonym or email address.");
                return null;
            }

            entries = entries.Where(a => a.ActorId == actorId);
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            entries = entries.Where(a => a.Action == Action);
        }

        if (!string.IsNullOrWhiteSpace(RecordType))
        {
            entries = entries.Where(a => a.RecordType == RecordType);
        }

        if (!string.IsNullOrWhiteSpace(RecordId))
        {
            if (!Guid.TryParse(RecordId.Trim(), out var recordId))
            {
                ModelState.AddModelError(nameof(RecordId), "A record id looks like 0190c3e2-7b1a-7c4e-9f00-1234567890ab.");
                return null;
            }

            entries = entries.Where(a => a.RecordId == recordId);
        }

        if (From is not null && To is not null && From > To)
        {
            ModelState.AddModelError(nameof(To), "The end date is before the start date.");
            return null;
        }

        // Dates are the viewer's own days: midnight to midnight in their time zone.
        var zone = User.GetTimeZoneId();
        if (From is { } from)
        {
            var fromUtc = Zones.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
            entries = entries.Where(a => a.AtUtc >= fromUtc);
        }

        if (To is { } to)
        {
            var toUtc = Zones.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            entries = entries.Where(a => a.AtUtc < toUtc);
        }

        return entries;
    }

    private IQueryable<Row> Project(IQueryable<AuditEntry> entries) =>
        entries.Select(a => new Row(
            a.AtUtc, a.Action, a.RecordType, a.RecordId, a.Reason,
            db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Pseudonym).FirstOrDefault() ?? a.ActorId.ToString(),
            db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault()));

    public sealed record Row(DateTime AtUtc, string Action, string RecordType, Guid RecordId, string? Reason, string Actor, string? Group);
}

/// <summary>
/// CSV cells that are safe to open in a spreadsheet: quoted when needed, and a cell that starts with
/// = + - @ (or a tab or carriage return) gets a leading apostrophe so it is never run as a formula.
/// </summary>
public static class Csv
{
    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny(['"', ',', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Line(params string?[] cells) => string.Join(',', cells.Select(Cell));
}
