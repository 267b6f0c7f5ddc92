namespace PeerCircle.Domain.Administration;

/// <summary>
/// One setting an admin changed in the app, stored as text under its name (see
/// <see cref="ServiceSettings.ToValues"/>). A setting without a row takes its value from configuration.
/// </summary>
public sealed class Setting
{
    public const int KeyMaxLength = 64;
    public const int ValueMaxLength = 200;

    private Setting()
    {
        Key = string.Empty;
        Value = string.Empty;
    }

    public Setting(string key, string value, Guid changedBy, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > KeyMaxLength)
        {
            throw new ArgumentException("A setting's name is short.", nameof(key));
        }

        Id = Guid.CreateVersion7();
        Key = key;
        Value = string.Empty;
        Change(value, changedBy, nowUtc);
    }

    /// <summary>Names the setting in the audit log.</summary>
    public Guid Id { get; private set; }

    public string Key { get; private set; }
    public string Value { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
    public Guid UpdatedBy { get; private set; }

    public void Change(string value, Guid changedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > ValueMaxLength)
        {
            throw new ArgumentException("A setting's value is short.", nameof(value));
        }

        Value = value;
        UpdatedBy = changedBy;
        UpdatedUtc = nowUtc;
    }
}
