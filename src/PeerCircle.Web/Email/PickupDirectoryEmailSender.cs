using Microsoft.Extensions.Options;

namespace PeerCircle.Web.Email;

/// <summary>With no SMTP server configured, mail is written as .eml files so a local run works.</summary>
internal sealed class PickupDirectoryEmailSender(
    IOptions<EmailOptions> options, IWebHostEnvironment environment, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var directory = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));
        Directory.CreateDirectory(directory);
        var mime = MimeMessageFactory.Create(options.Value, message);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        await mime.WriteToAsync(path, cancellationToken);
        logger.LogInformation(new EventId(2001, "EmailWritten"), "Email {MessageId} written to the pickup folder", mime.MessageId);
    }
}
