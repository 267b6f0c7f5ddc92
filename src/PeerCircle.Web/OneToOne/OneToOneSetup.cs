namespace PeerCircle.Web.OneToOne;

internal static class OneToOneSetup
{
    public static WebApplicationBuilder AddPeerCircleOneToOne(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SupporterDirectory>();
        builder.Services.AddScoped<PairingSafety>();
        return builder;
    }
}
