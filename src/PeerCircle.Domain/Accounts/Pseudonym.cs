using System.Globalization;
using System.Text;

namespace PeerCircle.Domain.Accounts;

/// <summary>
/// The name a person is known by to their peers. It is never their email or real name,
/// so the rules keep it short, readable and free of anything that looks like contact details.
/// Uniqueness is decided on <see cref="Normalized"/>, so "Sam", "SAM" and "Ｓａｍ" are one name.
/// </summary>
public sealed record Pseudonym
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    /// <summary>Names that would let someone pass as staff or as the service itself.</summary>
    private static readonly string[] s_reserved =
        ["ADMIN", "ADMINISTRATOR", "FACILITATOR", "MODERATOR", "ANONYMOUS", "SAFEGUARDING", "PEERCIRCLE", "SUPPORT", "STAFF"];

    private Pseudonym(string value, string normalized)
    {
        Value = value;
        Normalized = normalized;
    }

    /// <summary>The pseudonym as the person typed it, trimmed and with single spaces.</summary>
    public string Value { get; }

    /// <summary>Compatibility-folded upper-case form used to decide uniqueness.</summary>
    public string Normalized { get; }

    public override string ToString() => Value;

    /// <summary>Parses a pseudonym or throws a <see cref="DomainException"/> that says what to change.</summary>
    public static Pseudonym Parse(string? input)
    {
        if (TryParse(input, out var pseudonym, out var error))
        {
            return pseudonym;
        }

        throw new DomainException(error);
    }

    public static bool TryParse(string? input, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Pseudonym? pseudonym, out string error)
    {
        pseudonym = null;
        var cleaned = Clean(input);
        if (cleaned.Length == 0)
        {
            error = "Choose a pseudonym: the name other members will see instead of your real name.";
            return false;
        }

        var length = new StringInfo(cleaned).LengthInTextElements;
        if (length < MinLength || length > MaxLength)
        {
            error = $"Your pseudonym must be between {MinLength} and {MaxLength} characters long.";
            return false;
        }

        if (!char.IsLetterOrDigit(cleaned, 0))
        {
            error = "Your pseudonym must start with a letter or a number.";
            return false;
        }

        var hasLetter = false;
        foreach (var rune in cleaned.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetter(rune))
            {
                hasLetter = true;
            }
            else if (!(Rune.IsDigit(rune)
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                || rune.Value is ' ' or '-' or '_' or '.' or '\''))
            {
                error = "Your pseudonym can use letters, numbers, spaces and - _ . ' only.";
                return false;
            }
        }

        if (!hasLetter)
        {
            error = "Your pseudonym must contain at least one letter.";
            return false;
        }

        var normalized = Normalize(cleaned);
        if (s_reserved.Any(r => normalized.Replace(" ", "", StringComparison.Ordinal) == r))
        {
            error = "That pseudonym is reserved. Please choose another.";
            return false;
        }

        pseudonym = new Pseudonym(cleaned, normalized);
        error = string.Empty;
        return true;
    }

    /// <summary>The form used for uniqueness: NFKC-folded, upper case (invariant culture).</summary>
    public static string Normalize(string value) =>
        Clean(value).Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    private static string Clean(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return string.Empty;
        }

        var composed = input.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        var lastWasSpace = false;
        foreach (var ch in composed.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(ch);
        }

        return builder.ToString();
    }
}
