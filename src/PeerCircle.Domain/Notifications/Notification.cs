namespace PeerCircle.Domain.Notifications;

/// <summary>
/// An in-app notification. Its text is the app's own wording (plus a moderator's note to the person);
/// it never quotes what anyone shared and never names the group, so it is safe in discreet mode. The
/// link leads to where the person can see more.
/// </summary>
public sealed class Notification
{
    public const int TextMaxLength = 1000;
    public const int LinkMaxLength = 300;

    private Notification()
    {
        Text = string.Empty;
    }

    public Notification(Guid userId, string text, string? link, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Id = Guid.CreateVersion7();
        UserId = userId;
        Text = text.Length > TextMaxLength ? text[..TextMaxLength] : text;
        Link = link is { Length: > LinkMaxLength } ? null : link;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Text { get; private set; }
    public string? Link { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ReadUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadUtc ??= nowUtc;
}
