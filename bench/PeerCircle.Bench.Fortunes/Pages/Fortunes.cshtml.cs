using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace PeerCircle.Bench.Fortunes.Pages;

/// <summary>TechEmpower "Fortunes": query all rows, add one at request time, sort by message, render (Razor escapes).</summary>
public sealed class FortunesModel(FortunesDb db) : PageModel
{
    public IReadOnlyList<Fortune> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Fortunes.AsNoTracking().ToListAsync(cancellationToken);
        rows.Add(new Fortune { Id = 0, Message = "Additional fortune added at request time." });
        rows.Sort((a, b) => string.CompareOrdinal(a.Message, b.Message));
        Rows = rows;
    }
}
