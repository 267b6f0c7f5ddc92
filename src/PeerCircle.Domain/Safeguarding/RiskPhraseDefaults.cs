namespace PeerCircle.Domain.Safeguarding;

/// <summary>
/// The starting list of risk phrases, seeded into the database for admins to curate. Short, common ways
/// people say they may be at risk; no method details. Variants of spelling and spacing are not needed:
/// the detector handles them.
/// </summary>
public static class RiskPhraseDefaults
{
    public static IReadOnlyList<string> All { get; } =
    [
        "kill myself",
        "killing myself",
        "end it all",
        "ending it all",
        "end my life",
        "ending my life",
        "take my own life",
        "taking my own life",
        "suicide",
        "suicidal",
        "want to die",
        "wanna die",
        "wish I was dead",
        "wish I were dead",
        "better off dead",
        "better off without me",
        "no reason to live",
        "nothing to live for",
        "don't want to be here anymore",
        "can't go on",
        "self-harm",
        "self harming",
        "hurt myself",
        "hurting myself",
        "cut myself",
        "cutting myself",
    ];
}
