using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>Supporters, requests and pairings for the one-to-one tests.</summary>
public static class OneToOneTestData
{
    public static string PairingPage(Guid id) => $"/OneToOne/Pairing/{id}";

    /// <summary>Wednesday evenings in London: what test members and supporters have in common.</summary>
    public static WeeklyAvailability Evenings() =>
        WeeklyAvailability.Create("Europe/London", [new WeeklyWindow(DayOfWeek.Wednesday, new TimeOnly(18, 0), new TimeOnly(21, 0))]);

    /// <summary>A signed-in facilitator with valid training who offers one-to-one support (anxiety, English, Wednesday evenings).</summary>
    public static async Task<Person> CreateSupporterAsync(this PeerCircleAppFactory app, int caseload = 2, string? bio = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var (client, user) = await app.SignedInClientAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(user.Id);
        await app.WithDbAsync(db =>
        {
            db.SupporterProfiles.Add(SupporterProfile.OptIn(user.Id, true,
                new SupporterDetails(bio ?? "Peer supporter who found the first job hard.", [Topic.Anxiety], ["English"], Evenings(), caseload, true), DateTime.UtcNow));
            return db.SaveChangesAsync();
        });
        return new Person(client, user);
    }

    /// <summary>A member paired with the supporter (asked and accepted through the domain, as the pages do); returns the pairing.</summary>
    public static async Task<Pairing> PairAsync(this PeerCircleAppFactory app, Guid memberId, Guid supporterId, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var request = SupportRequest.Create(memberId, false, false, [Topic.Anxiety], null, Evenings(), note, now.AddHours(-3));
            db.SupportRequests.Add(request);
            var pairing = Pairing.Ask(request, memberId, [new SupporterProposal(supporterId, "x", "x", [Topic.Anxiety], 180)], supporterId, false, now.AddHours(-2));
            pairing.Accept(supporterId, request, true, 0, 5, now.AddHours(-1));
            db.Pairings.Add(pairing);
            await db.SaveChangesAsync();
            return pairing;
        });
    }

    /// <summary>Sends a message through the pairing page's form; returns the response (a redirect).</summary>
    public static Task<HttpResponseMessage> SendPairMessageAsync(this HttpClient client, Guid pairingId, string text) =>
        client.SubmitFormAsync(PairingPage(pairingId), [new("Message.Text", text)], $"{PairingPage(pairingId)}?handler=Message");

    public static Task<HttpResponseMessage> PairActionAsync(this HttpClient client, Guid pairingId, string handler, params (string Key, string Value)[] fields) =>
        client.SubmitFormAsync(PairingPage(pairingId), fields.Select(f => KeyValuePair.Create(f.Key, f.Value)), $"{PairingPage(pairingId)}?handler={handler}");

    public static Task<Pairing> PairingAsync(this PeerCircleAppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Pairings.AsNoTracking().SingleAsync(p => p.Id == id));
}
