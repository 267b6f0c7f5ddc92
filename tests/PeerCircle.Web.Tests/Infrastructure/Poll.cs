namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>Waits for something another thread does, checking every 25 ms, and fails the test if it has not happened in time.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var checks = (int)(timeout.TotalMilliseconds / 25);
        for (var i = 0; i < checks && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), because);
    }
}
