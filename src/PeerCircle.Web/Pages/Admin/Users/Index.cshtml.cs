using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;

namespace PeerCircle.Web.Pages.Admin.Users;

/// <summary>
/// Find people by email or pseudonym (part of either), optionally by role; one page of
/// <see cref="PageSize"/> at a time, so the query stays bounded however many accounts there are.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 25;
    public const int MaxPage = 400;

    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(256)]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> People { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, MaxPage);
        if (Role is not null && !Roles.All.Contains(Role, StringComparer.Ordinal))
        {
            Role = null;
        }

        if (!ModelState.IsValid)
        {
            Query = null;
        }

        var people = db.Users.AsNoTracking();
        var term = Query?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            var email = term.ToUpperInvariant();
            var pseudonym = Pseudonym.Normalize(term);
            people = pseudonym.Length == 0
                ? people.Where(u => u.NormalizedEmail!.Contains(email))
                : people.Where(u => u.NormalizedEmail!.Contains(email) || u.NormalizedPseudonym.Contains(pseudonym));
        }

        if (Role is not null)
        {
            var roleIds = db.Roles.Where(r => r.Name == Role).Select(r => r.Id);
            people = people.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }

        var found = await people
            .OrderBy(u => u.NormalizedPseudonym).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(u => new { u.Id, u.Pseudonym, u.Email, u.EmailConfirmed, u.LockoutEnd, u.TwoFactorEnabled, u.CreatedUtc })
            .ToListAsync(cancellationToken);
        HasNextPage = found.Count > PageSize;
        var page = found.Take(PageSize).ToList();
        var ids = page.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        People = page.Select(u => new Row(
                u.Id, u.Pseudonym, u.Email ?? string.Empty, u.EmailConfirmed, u.LockoutEnd > now, u.TwoFactorEnabled, u.CreatedUtc,
                roles.Where(r => r.UserId == u.Id && r.Name != Roles.Member).Select(r => Roles.Describe(r.Name!)).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        return Page();
    }

    public sealed record Row(Guid Id, string Pseudonym, string Email, bool Confirmed, bool Locked, bool TwoFactor, DateTime CreatedUtc, IReadOnlyList<string> Roles);
}
