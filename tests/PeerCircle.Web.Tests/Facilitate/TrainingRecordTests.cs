using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Facilitate;

public sealed class TrainingRecordTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string Url = "/Facilitate/Training";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> Form(string course, string completed, string expires, string provider = "Mind Training") =>
        [new("Input.Course", course), new("Input.Provider", provider), new("Input.CompletedOn", completed), new("Input.ExpiresOn", expires)];

    [Fact]
    public async Task A_facilitator_adds_a_record_that_waits_for_an_admin()
    {
        var (client, me) = await app.SignedInClientAsync(Roles.Facilitator);

        var response = await client.SubmitFormAsync(Url, Form("Safeguarding level 2", Iso(StaffTestData.Today.AddMonths(-2)), Iso(StaffTestData.Today.AddYears(2))));

        response.AssertRedirectTo(Url);
        var record = await app.WithDbAsync(db => db.TrainingRecords.SingleAsync(t => t.UserId == me.Id));
        Assert.Equal("Safeguarding level 2", record.Course);
        Assert.False(record.IsVerified);
        var page = await client.PageTextAsync(Url);
        Assert.Contains("\"Safeguarding level 2\" is saved. It counts once an admin has verified it.", page, StringComparison.Ordinal);
        Assert.Contains("Waiting for an admin to verify it", page, StringComparison.Ordinal);
    }

    public static TheoryData<string, List<KeyValuePair<string, string>>, string> BadInput => new()
    {
        { "no course", Form("", Iso(StaffTestData.Today.AddYears(-1)), Iso(StaffTestData.Today.AddYears(1))), "Enter the course." },
        { "huge course", Form(new string('c', 100_000), Iso(StaffTestData.Today.AddYears(-1)), Iso(StaffTestData.Today.AddYears(1))), "The course must be at most 120 characters." },
        { "no provider", Form("Course", Iso(StaffTestData.Today.AddYears(-1)), Iso(StaffTestData.Today.AddYears(1)), provider: ""), "Enter the training provider." },
        { "expires before completed", Form("Course", Iso(StaffTestData.Today.AddYears(-1)), Iso(StaffTestData.Today.AddYears(-2))), "The expiry date must be after the completion date." },
        { "completed in the future", Form("Course", Iso(StaffTestData.Today.AddMonths(2)), Iso(StaffTestData.Today.AddYears(2))), "The completion date can't be in the future." },
        { "not a date", Form("Course", "yesterday", Iso(StaffTestData.Today.AddYears(1))), "is not valid" },
        { "no expiry", Form("Course", Iso(StaffTestData.Today.AddYears(-1)), ""), "Enter the date the certificate expires." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_shown_as_a_message_and_nothing_is_saved(string why, List<KeyValuePair<string, string>> form, string expected)
    {
        var (client, me) = await app.SignedInClientAsync(Roles.Facilitator);

        var response = await client.SubmitFormAsync(Url, form);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: answered {(int)response.StatusCode}");
        Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.TrainingRecords.AnyAsync(t => t.UserId == me.Id)));
    }

    [Fact]
    public async Task A_facilitator_sees_only_their_own_records()
    {
        var other = await app.CreateUserAsync(Roles.Facilitator);
        await app.WithDbAsync(async db =>
        {
            db.TrainingRecords.Add(new Domain.Facilitation.TrainingRecord(other.Id, "Someone else's course", "Elsewhere", StaffTestData.Today.AddYears(-1), StaffTestData.Today.AddYears(1), DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        var (client, _) = await app.SignedInClientAsync(Roles.Facilitator);

        Assert.DoesNotContain("Someone else's course", await client.PageTextAsync(Url), StringComparison.Ordinal);
    }
}
