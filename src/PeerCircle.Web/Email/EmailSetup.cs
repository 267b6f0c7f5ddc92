namespace PeerCircle.Web.Email;

internal static class EmailSetup
{
    public static WebApplicationBuilder AddPeerCircleEmail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Email");
        builder.Services.Configure<EmailOptions>(section);
        if (string.IsNullOrWhiteSpace(section["Smtp:Host"]))
        {
            builder.Services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        }
        else
        {
            builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }

        return builder;
    }
}
