namespace PeerCircle.Domain;

/// <summary>The one check for a required piece of text: trimmed, present, not too long.</summary>
internal static class RequiredText
{
    /// <summary>
    /// Returns the trimmed text, or throws with <c>missing</c> when it is empty and with a message naming
    /// <c>what</c> ("name", "course" ...) when it is longer than <c>maxLength</c>.
    /// </summary>
    public static string Check(string? value, int maxLength, string missing, string what)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException(missing);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"The {what} must be at most {maxLength} characters.");
        }

        return trimmed;
    }
}
