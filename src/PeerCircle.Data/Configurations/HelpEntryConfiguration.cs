using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Domain.Help;

namespace PeerCircle.Data.Configurations;

internal sealed class HelpEntryConfiguration : IEntityTypeConfiguration<HelpEntry>
{
    private static readonly DateTime s_seededUtc = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);

    public void Configure(EntityTypeBuilder<HelpEntry> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Name).HasMaxLength(HelpEntry.NameMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(HelpEntry.DescriptionMaxLength).IsRequired();
        builder.Property(e => e.Phone).HasMaxLength(HelpEntry.PhoneMaxLength);
        builder.Property(e => e.TextNumber).HasMaxLength(HelpEntry.PhoneMaxLength);
        builder.Property(e => e.TextKeyword).HasMaxLength(HelpEntry.TextKeywordMaxLength);
        builder.Property(e => e.Url).HasMaxLength(HelpEntry.UrlMaxLength);
        builder.Property(e => e.OpeningHours).HasMaxLength(HelpEntry.HoursMaxLength);
        builder.Property(e => e.Regions).HasMaxLength(HelpEntry.RegionsMaxLength).IsRequired();
        builder.Property(e => e.Topics).HasMaxLength(HelpEntry.TopicsMaxLength);
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(e => e.LastVerifiedOn);
        builder.Ignore(e => e.IsUrgent);
        builder.Ignore(e => e.RegionCodes);
        builder.HasData(Seed());
    }

    /// <summary>
    /// Well-known public services for a few regions. They are seeded unverified (LastVerifiedOn null), so
    /// the admin dashboard flags every one until an admin has checked it before production.
    /// </summary>
    private static IEnumerable<object> Seed()
    {
        var n = 0;
        object Entry(string name, HelpKind kind, string description, string regions, string? phone = null, string? text = null,
            string? keyword = null, string? url = null, string? hours = "24/7", string? topics = null) => new
            {
                Id = Guid.Parse($"4e1b0000-0000-4000-8000-{++n:x12}"),
                Name = name,
                Kind = kind,
                Description = description,
                Phone = phone,
                TextNumber = text,
                TextKeyword = keyword,
                Url = url,
                OpeningHours = hours,
                Regions = regions,
                Topics = topics,
                SortOrder = 0,
                LastVerifiedOn = (DateOnly?)null,
                LastVerifiedBy = (Guid?)null,
                CreatedUtc = s_seededUtc,
                ConcurrencyStamp = Guid.Parse($"4e1b0000-0000-4000-9000-{n:x12}"),
            };

        const string danger = "If you or someone else is in danger right now.";
        const string text = "If you would rather text than talk.";
        return
        [
            Entry("Emergency services", HelpKind.Emergency, danger, "GB", phone: "999"),
            Entry("Samaritans", HelpKind.CrisisLine, "Talk to someone, any time, about anything. Free to call.", "GB", phone: "116 123", url: "https://www.samaritans.org"),
            Entry("Shout", HelpKind.TextLine, text, "GB", text: "85258", keyword: "SHOUT", url: "https://giveusashout.org"),
            Entry("NHS 111", HelpKind.Information, "Urgent medical help and advice when it is not an emergency.", "GB", phone: "111", url: "https://111.nhs.uk"),
            Entry("Mind Infoline", HelpKind.Information, "Information about mental health and where to get support.", "GB", phone: "0300 123 3393", url: "https://www.mind.org.uk", hours: "Weekdays 9am to 6pm"),
            Entry("Emergency services", HelpKind.Emergency, danger, "IE", phone: "112"),
            Entry("Samaritans Ireland", HelpKind.CrisisLine, "Talk to someone, any time, about anything. Free to call.", "IE", phone: "116 123", url: "https://www.samaritans.org/ireland/"),
            Entry("Text About It", HelpKind.TextLine, text, "IE", text: "50808", keyword: "HELLO", url: "https://text50808.ie"),
            Entry("Emergency services", HelpKind.Emergency, danger, "US", phone: "911"),
            Entry("988 Suicide & Crisis Lifeline", HelpKind.CrisisLine, "Call or text, any time. Free and confidential.", "US", phone: "988", text: "988", url: "https://988lifeline.org"),
            Entry("Crisis Text Line", HelpKind.TextLine, text, "US", text: "741741", keyword: "HOME", url: "https://www.crisistextline.org"),
            Entry("Emergency services", HelpKind.Emergency, danger, "CA", phone: "911"),
            Entry("9-8-8 Suicide Crisis Helpline", HelpKind.CrisisLine, "Call or text, any time, in English or French.", "CA", phone: "988", text: "988", url: "https://988.ca"),
            Entry("Emergency services", HelpKind.Emergency, danger, "AU", phone: "000"),
            Entry("Lifeline", HelpKind.CrisisLine, "Talk to someone, any time.", "AU", phone: "13 11 14", url: "https://www.lifeline.org.au"),
            Entry("Lifeline Text", HelpKind.TextLine, text, "AU", text: "0477 13 11 14", url: "https://www.lifeline.org.au"),
            Entry("Beyond Blue", HelpKind.Counselling, "Talk to a trained counsellor about anxiety, depression or stress.", "AU", phone: "1300 22 4636", url: "https://www.beyondblue.org.au"),
            Entry("Your local emergency number", HelpKind.Emergency, "If you or someone else is in danger right now, call your local emergency number (112 works from most mobile phones).", "INT", hours: null),
            Entry("Find A Helpline", HelpKind.Information, "Free, confidential helplines in your country, by phone, text or chat.", "INT", url: "https://findahelpline.com", hours: null),
        ];
    }
}
