namespace PeerCircle.Web.Email;

/// <summary>
/// An email PeerCircle sends. Bodies never carry anything a person shared: at most a time,
/// a neutral title and a link back into the app.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
