using System.Globalization;
using System.Text;

namespace PeerCircle.Domain.Safeguarding;

/// <summary>
/// Finds risk phrases ("kill myself", "end it all" ...) in what someone shares. Matching is on a
/// canonical form of both the phrase and the text, so it is not evaded by:
/// <list type="bullet">
/// <item>case and accents ("KÍLL MYSELF");</item>
/// <item>spacing and punctuation inside the phrase ("kill   my-self", "k.i.l.l myself", "selfharm");</item>
/// <item>simple letter substitutions ("k1ll mys3lf", "$elf h@rm") and stretched letters ("killll myselfff");</item>
/// <item>invisible characters (zero-width spaces).</item>
/// </list>
/// It never fires inside another word: a match must start where a word starts and end where a word
/// ends ("skill myself up" does not match "kill myself"), and it never runs across the end of a
/// sentence ("the end. It all started ..." does not match "end it all").
/// Phrases are kept in a trie of canonical letters, and matching walks it from each word start, so the
/// cost grows with the length of the text and of the longest phrase, not with the number of phrases.
/// See docs/adr/0008-risk-phrase-detector.md.
/// </summary>
public sealed class RiskPhraseDetector
{
    /// <summary>A canonical phrase needs at least this many letters, so no phrase fires on everything.</summary>
    public const int MinimumLetters = 3;

    /// <summary>Stands between sentences in the canonical text: no phrase contains it, so none runs across.</summary>
    private const char Break = '\0';

    private readonly Node _root = new();

    public RiskPhraseDetector(IEnumerable<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        foreach (var phrase in phrases)
        {
            var canonical = Canonical(phrase);
            if (canonical.Length < MinimumLetters)
            {
                continue;
            }

            var node = _root;
            foreach (var c in canonical)
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(c, out var next))
                {
                    next = new Node();
                    node.Children[c] = next;
                }

                node = next;
            }

            node.Phrase ??= phrase.Trim();
            Count++;
        }
    }

    /// <summary>How many phrases the detector looks for.</summary>
    public int Count { get; }

    public static RiskPhraseDetector Empty { get; } = new([]);

    public bool IsMatch(string? text) => FindFirst(text) is not null;

    /// <summary>The first phrase found in the text (as the list spells it), or null.</summary>
    public string? FindFirst(string? text)
    {
        if (string.IsNullOrEmpty(text) || _root.Children is null)
        {
            return null;
        }

        var stream = Tokenize(text, collectBoundaries: true);
        var letters = stream.Letters;
        for (var start = 0; start < letters.Length; start++)
        {
            if (!stream.WordStart[start])
            {
                continue;
            }

            var node = _root;
            for (var i = start; i < letters.Length; i++)
            {
                if (node.Children is null || !node.Children.TryGetValue(letters[i], out node))
                {
                    break;
                }

                if (node.Phrase is not null && stream.WordEnd[i])
                {
                    return node.Phrase;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The canonical letters of a phrase: lower case, no accents, substitutions undone, separators
    /// dropped, repeated letters collapsed. Two phrases with the same canonical form are the same phrase.
    /// </summary>
    public static string Canonical(string? phrase) =>
        string.IsNullOrWhiteSpace(phrase) ? string.Empty : new string(Tokenize(phrase, collectBoundaries: false).Letters.Where(c => c != Break).ToArray());

    private static Stream Tokenize(string text, bool collectBoundaries)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var letters = new StringBuilder(decomposed.Length);
        var starts = new List<bool>(collectBoundaries ? decomposed.Length : 0);
        var ends = new List<bool>(collectBoundaries ? decomposed.Length : 0);
        var inWord = false;
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format or UnicodeCategory.EnclosingMark)
            {
                // Accents and zero-width characters are invisible to the reader: ignore them entirely.
                continue;
            }

            var letter = Letter(decomposed, i);
            if (letter == default)
            {
                if (inWord && collectBoundaries)
                {
                    ends[^1] = true;
                }

                inWord = false;
                if (IsSentenceEnd(decomposed, i) && letters.Length > 0 && letters[^1] != Break)
                {
                    Append(letters, starts, ends, Break, collectBoundaries, false);
                }

                continue;
            }

            var wordStart = !inWord;
            inWord = true;
            if (letters.Length > 0 && letters[^1] == letter)
            {
                // A stretched letter ("killll", "mee"): one letter, which starts a word if either did.
                if (collectBoundaries && wordStart)
                {
                    starts[^1] = true;
                }

                continue;
            }

            Append(letters, starts, ends, letter, collectBoundaries, wordStart);
        }

        if (inWord && collectBoundaries)
        {
            ends[^1] = true;
        }

        return new Stream(letters.ToString(), [.. starts], [.. ends]);
    }

    private static void Append(StringBuilder letters, List<bool> starts, List<bool> ends, char c, bool collectBoundaries, bool wordStart)
    {
        letters.Append(c);
        if (collectBoundaries)
        {
            starts.Add(wordStart && c != Break);
            ends.Add(false);
        }
    }

    /// <summary>
    /// The canonical letter at <paramref name="i"/>, or default for a separator. Letters that look alike
    /// once substituted share one canonical letter on both sides of the match (l, 1, |, ! are all "i").
    /// Digits and symbols count as letters only inside or at the edge of a word, so "myself!" and
    /// "kill 2 birds" read as they should.
    /// </summary>
    private static char Letter(string text, int i)
    {
        var c = text[i];
        if (char.IsLetter(c))
        {
            var lower = char.ToLowerInvariant(c);
            return lower switch
            {
                'l' => 'i',
                'ı' => 'i',
                _ => lower,
            };
        }

        var substitute = c switch
        {
            '0' => 'o',
            '1' or '|' or '!' => 'i',
            '3' => 'e',
            '4' or '@' => 'a',
            '5' or '$' => 's',
            '7' or '+' => 't',
            _ => default,
        };
        if (substitute == default)
        {
            return default;
        }

        // A substitute stands for a letter only when it touches a letter (or another substitute that does):
        // "k1ll", "$elf", "h@rm" yes; "!" after a word, "4" or "2024" on their own no.
        var before = i > 0 && IsLetterish(text, i - 1, -1);
        var after = i + 1 < text.Length && IsLetterish(text, i + 1, +1);
        return c == '!' ? (before && after ? substitute : default) : before || after ? substitute : default;
    }

    private static bool IsLetterish(string text, int i, int direction)
    {
        for (var j = i; j >= 0 && j < text.Length; j += direction)
        {
            var c = text[j];
            if (char.IsLetter(c))
            {
                return true;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (c is not ('0' or '1' or '|' or '3' or '4' or '@' or '5' or '$' or '7' or '+'))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The end of a sentence or line: ". ", "! ", "? ", "; " or a line break.</summary>
    private static bool IsSentenceEnd(string text, int i)
    {
        var c = text[i];
        if (c is '\n' or '\r')
        {
            return true;
        }

        return c is '.' or '!' or '?' or ';' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]));
    }

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public string? Phrase { get; set; }
    }

    private sealed record Stream(string Letters, bool[] WordStart, bool[] WordEnd);
}
