using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;

namespace PeerCircle.Domain.Tests.Groups;

/// <summary>Valid groups and training records for domain tests; each test changes only what it is about.</summary>
internal static class GroupBuilder
{
    public static readonly DateTime Now = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);

    public static GroupDetails Details(
        string name = "Monday evening circle",
        string description = "A calm space to talk about work.",
        Topic[]? topics = null,
        string location = "PeerCircle live room",
        string timeZone = "Europe/London",
        int capacity = 8,
        JoinPolicy joinPolicy = JoinPolicy.Open,
        bool coFacilitation = false) =>
        new(name, description, topics ?? [Topic.WorkStress], GroupFormat.Online, location, timeZone, capacity, joinPolicy, Listed: true, coFacilitation);

    public static Group Group(
        string timeZone = "Europe/London", int capacity = 8, JoinPolicy joinPolicy = JoinPolicy.Open, bool coFacilitation = false) =>
        new(Details(timeZone: timeZone, capacity: capacity, joinPolicy: joinPolicy, coFacilitation: coFacilitation), "Be kind. What is said here stays here.", Now);

    /// <summary>A verified record valid from <paramref name="completed"/> to <paramref name="expires"/>.</summary>
    public static TrainingRecord Training(Guid userId, DateOnly completed, DateOnly expires, bool verified = true)
    {
        var record = new TrainingRecord(userId, "Peer support facilitation", "Mind Training", completed, expires, completed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        if (verified)
        {
            record.Verify(Guid.NewGuid(), Now);
        }

        return record;
    }

    /// <summary>A verified record that is valid for years around <see cref="Now"/>.</summary>
    public static TrainingRecord ValidTraining(Guid userId) => Training(userId, new DateOnly(2026, 1, 1), new DateOnly(2029, 12, 31));
}
