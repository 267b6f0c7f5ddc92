using Microsoft.AspNetCore.Http;
using PeerCircle.Web.Tests.Infrastructure;
using Serilog.Events;
using Serilog.Parsing;

namespace PeerCircle.Web.Tests.Security;

/// <summary>
/// The suite-wide log check (<see cref="LogCanary"/>, in every <see cref="PeerCircleAppFactory"/>) really
/// sees the app's events, and really flags the test password, a test email address and shared text.
/// </summary>
public sealed class LogCanaryTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task The_log_check_sees_every_request_and_flags_a_password_an_email_or_shared_text()
    {
        var people = await app.CreateBoardGroupAsync();
        var text = $"Something private {Guid.NewGuid():N}";
        await people.Alice.Client.StartThreadAsync(people.Group.Id, "Private", text);
        var page = SharingTestData.Board(people.Group.Id);
        await people.Bob.Client.GetAsync(new Uri(page, UriKind.Relative));
        for (var i = 0; i < 50 && !app.Log.Events.Any(e => e.Contains(page, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(app.Log.Events, e => e.Contains(page, StringComparison.Ordinal)); // the sink is in the app's pipeline
        Assert.Contains(app.Log.Events, e => e.Contains(StatusCodes.Status302Found.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Empty(app.Log.Violations());

        var probe = new LogCanary();
        var shared = $"Another private thing {Guid.NewGuid():N}";
        LogCanary.Shared(shared);
        foreach (var value in new[] { shared, people.Alice.User.Email, PeerCircleAppFactory.Password, "nothing secret here" })
        {
            probe.Emit(new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Value {Value}"),
                [new LogEventProperty("Value", new ScalarValue(value))]));
        }

        var violations = probe.Violations();
        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("shared text", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("the email", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("the test password", StringComparison.Ordinal));
    }
}
