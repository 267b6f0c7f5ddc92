namespace PeerCircle.Web.Email;

public sealed class EmailOptions
{
    public string From { get; set; } = "PeerCircle <no-reply@peercircle.test>";

    /// <summary>Where mail is written as .eml files when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool UseStartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
