using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Facilitation;

namespace PeerCircle.Web.Facilitation;

/// <summary>Look-ups the staff pages share: the facilitators' training and who holds the Facilitator role.</summary>
public static class StaffQueries
{
    /// <summary>Every training record of these people, by person (an empty list for someone with none).</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<TrainingRecord>>> TrainingByPersonAsync(
        this PeerCircleDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = userIds.Distinct().ToList();
        var records = await db.TrainingRecords.AsNoTracking().Where(t => ids.Contains(t.UserId)).ToListAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<TrainingRecord>)records.Where(r => r.UserId == id).ToList());
    }

    /// <summary>The people who hold the Facilitator role, by pseudonym.</summary>
    public static IQueryable<StaffPerson> Facilitators(this PeerCircleDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roleIds = db.Roles.Where(r => r.Name == Roles.Facilitator).Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return db.Users.Where(u => userIds.Contains(u.Id))
            .OrderBy(u => u.Pseudonym)
            .Select(u => new StaffPerson(u.Id, u.Pseudonym, u.Email ?? string.Empty));
    }

    /// <summary>Pseudonyms of these people (peers and staff see pseudonyms, never emails).</summary>
    public static async Task<Dictionary<Guid, string>> PseudonymsAsync(this PeerCircleDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = userIds.Distinct().ToList();
        return await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Pseudonym })
            .ToDictionaryAsync(u => u.Id, u => u.Pseudonym, cancellationToken);
    }
}

/// <summary>A staff member as an admin sees them: pseudonym and email.</summary>
public sealed record StaffPerson(Guid Id, string Pseudonym, string Email);

/// <summary>Calendar dates (training validity) as people read them, e.g. "7 January 2027".</summary>
public static class Dates
{
    private static readonly System.Globalization.CultureInfo s_culture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    public static string Full(DateOnly date) => date.ToString("d MMMM yyyy", s_culture);

    public static string Brief(DateOnly date) => date.ToString("d MMM yyyy", s_culture);
}
