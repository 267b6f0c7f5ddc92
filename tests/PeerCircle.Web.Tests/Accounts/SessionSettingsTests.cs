using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

public sealed class SessionSettingsTests
{
    [Theory]
    [InlineData("Accounts:IdleTimeoutMinutes", "0")]
    [InlineData("Accounts:IdleTimeoutMinutes", "100000")]
    [InlineData("Accounts:AbsoluteLifetimeHours", "0")]
    public void Session_limits_out_of_range_stop_the_app_from_starting(string key, string value)
    {
        using var app = new PeerCircleAppFactory().With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }
}
