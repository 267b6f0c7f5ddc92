using System.Text.Encodings.Web;
using PeerCircle.Web.Email;

namespace PeerCircle.Web.Accounts;

/// <summary>The account emails. They carry a link and nothing about what anyone shared.</summary>
public sealed class AccountEmails(IEmailSender sender)
{
    public Task SendConfirmationAsync(string email, string link, CancellationToken cancellationToken = default) =>
        sender.SendAsync(Compose(
            email,
            "Confirm your PeerCircle account",
            "Welcome to PeerCircle. Please confirm your email address to finish setting up your account:",
            "Confirm my account",
            link,
            "If you did not sign up, you can ignore this email."), cancellationToken);

    public Task SendPasswordResetAsync(string email, string link, CancellationToken cancellationToken = default) =>
        sender.SendAsync(Compose(
            email,
            "Reset your PeerCircle password",
            "Someone asked to reset the password of your PeerCircle account. To choose a new password, open this link:",
            "Choose a new password",
            link,
            "If it was not you, you can ignore this email: your password has not changed."), cancellationToken);

    /// <summary>Sent to the new address: the change happens only when this link is opened.</summary>
    public Task SendConfirmEmailChangeAsync(string email, string link, CancellationToken cancellationToken = default) =>
        sender.SendAsync(Compose(
            email,
            "Confirm your new PeerCircle email address",
            "Someone asked to use this email address for their PeerCircle account. To confirm the change, open this link:",
            "Use this address",
            link,
            "If it was not you, you can ignore this email: nothing changes."), cancellationToken);

    /// <summary>Someone tried to sign up with an address that already has an account.</summary>
    public Task SendAlreadyRegisteredAsync(string email, string signInLink, string resetLink, CancellationToken cancellationToken = default) =>
        sender.SendAsync(Compose(
            email,
            "Your PeerCircle account",
            "Someone tried to join PeerCircle with this email address, which already has an account. If it was you, you can sign in:",
            "Sign in",
            signInLink,
            $"Forgotten your password? Choose a new one here: {resetLink}. If it was not you, you can ignore this email."), cancellationToken);

    private static EmailMessage Compose(string to, string subject, string intro, string action, string link, string footer)
    {
        var html = HtmlEncoder.Default;
        var text = $"{intro}\n\n{link}\n\n{footer}\n";
        var body = $"<p>{html.Encode(intro)}</p><p><a href=\"{html.Encode(link)}\">{html.Encode(action)}</a></p><p>{html.Encode(footer)}</p>";
        return new EmailMessage(to, subject, text, body);
    }
}
