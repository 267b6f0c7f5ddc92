namespace PeerCircle.Web.Safeguarding;

/// <summary>Settings of the safeguarding workflow (section "Safeguarding").</summary>
public sealed class SafeguardingOptions
{
    /// <summary>How long a concern's snapshot is kept after the concern is closed or dismissed, in days.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>How long the risk phrases are cached by an instance before being read again, in seconds.</summary>
    public int PhraseCacheSeconds { get; set; } = 60;

    /// <summary>How long the help directory is cached by an instance before being read again, in seconds.</summary>
    public int HelpCacheSeconds { get; set; } = 60;
}
