using System.Text.RegularExpressions;
using MimeKit;

namespace PeerCircle.E2E.Infrastructure;

/// <summary>The app's mail pickup folder, read the way a person reads their inbox.</summary>
public sealed partial class Mailbox(string directory)
{
    /// <summary>The newest email sent to <paramref name="address"/>, waiting briefly for it to arrive.</summary>
    public async Task<MimeMessage> NewestToAsync(string address, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await FindNewestAsync(address);
            if (message is not null)
            {
                return message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No email to {address} arrived in {directory}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The confirmation link in an account email's plain-text body.</summary>
    public static Uri ConfirmEmailLink(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = ConfirmEmailLinkPattern().Match(message.TextBody ?? string.Empty);
        return match.Success
            ? new Uri(match.Value)
            : throw new InvalidOperationException($"No confirmation link in the email \"{message.Subject}\".");
    }

    private async Task<MimeMessage?> FindNewestAsync(string address)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var files = new DirectoryInfo(directory).EnumerateFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenByDescending(f => f.Name, StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                var message = await MimeMessage.LoadAsync(file.FullName);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                {
                    return message;
                }
            }
            catch (IOException)
            {
                // Still being written: the next poll reads it.
            }
            catch (FormatException)
            {
            }
        }

        return null;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/Identity/Account/ConfirmEmail\?[^\s""<>]+")]
    private static partial Regex ConfirmEmailLinkPattern();
}
