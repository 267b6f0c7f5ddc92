using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Admin.RiskPhrases;

/// <summary>
/// The curated list of risk phrases: add one, remove one. Spelling variants need no entry of their own
/// (the detector ignores case, accents, spacing, punctuation and simple substitutions). Every change is audited.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, RiskPhraseCache cache) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<RiskPhrase> Phrases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        RiskPhrase? phrase = null;
        if (!ModelState.TryDomain(() => phrase = new RiskPhrase(Input.Phrase, time.GetUtcNow().UtcDateTime), "Input.Phrase") || phrase is null)
        {
            return Page();
        }

        if (Phrases.FirstOrDefault(p => p.Canonical == phrase.Canonical) is { } same)
        {
            ModelState.AddModelError("Input.Phrase", $"The list already has \"{same.Phrase}\", which the detector reads the same way.");
            return Page();
        }

        db.RiskPhrases.Add(phrase);
        audit.Record(User.GetUserId(), SafeguardingAuditActions.RiskPhraseAdded, nameof(RiskPhrase), phrase.Id, null, phrase.Phrase);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        StatusMessage = $"\"{phrase.Phrase}\" is added to the list.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var phrase = await db.RiskPhrases.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (phrase is null)
        {
            return NotFound();
        }

        db.RiskPhrases.Remove(phrase);
        audit.Record(User.GetUserId(), SafeguardingAuditActions.RiskPhraseRemoved, nameof(RiskPhrase), phrase.Id, null, phrase.Phrase);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        StatusMessage = $"\"{phrase.Phrase}\" is removed from the list.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Phrases = await db.RiskPhrases.AsNoTracking().OrderBy(p => p.Phrase).ToListAsync(cancellationToken);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a phrase.")]
        [StringLength(RiskPhrase.PhraseMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "New phrase")]
        public string Phrase { get; set; } = string.Empty;
    }
}
