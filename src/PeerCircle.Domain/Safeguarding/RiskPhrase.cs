namespace PeerCircle.Domain.Safeguarding;

/// <summary>
/// One phrase of the curated, admin-edited list the risk detector looks for. Two phrases that read the
/// same once canonical ("self-harm", "self harm") are one phrase: <see cref="Canonical"/> is unique.
/// </summary>
public sealed class RiskPhrase
{
    public const int PhraseMaxLength = 100;

    private RiskPhrase()
    {
        Phrase = string.Empty;
        Canonical = string.Empty;
    }

    public RiskPhrase(string phrase, DateTime nowUtc)
    {
        var clean = string.Join(' ', (phrase ?? string.Empty).Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length == 0)
        {
            throw new DomainException("Enter a phrase.");
        }

        if (clean.Length > PhraseMaxLength)
        {
            throw new DomainException($"A phrase must be at most {PhraseMaxLength} characters.");
        }

        var canonical = RiskPhraseDetector.Canonical(clean);
        if (canonical.Length < RiskPhraseDetector.MinimumLetters)
        {
            throw new DomainException($"A phrase needs at least {RiskPhraseDetector.MinimumLetters} letters, or it would match almost anything.");
        }

        Id = Guid.CreateVersion7();
        Phrase = clean;
        Canonical = canonical;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string Phrase { get; private set; }

    /// <summary>The phrase as the detector sees it (<see cref="RiskPhraseDetector.Canonical"/>).</summary>
    public string Canonical { get; private set; }

    public DateTime CreatedUtc { get; private set; }
}
