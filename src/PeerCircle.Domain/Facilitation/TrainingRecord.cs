namespace PeerCircle.Domain.Facilitation;

/// <summary>
/// A facilitator's completed training (course, provider, dates). It counts only once an admin has
/// verified it, and only between its completion and expiry dates.
/// </summary>
public sealed class TrainingRecord
{
    public const int CourseMaxLength = 120;
    public const int ProviderMaxLength = 120;

    private TrainingRecord()
    {
        Course = string.Empty;
        Provider = string.Empty;
    }

    public TrainingRecord(Guid userId, string course, string provider, DateOnly completedOn, DateOnly expiresOn, DateTime nowUtc)
    {
        Course = RequiredText.Check(course, CourseMaxLength, "Enter the course.", "course");
        Provider = RequiredText.Check(provider, ProviderMaxLength, "Enter the training provider.", "training provider");
        if (expiresOn <= completedOn)
        {
            throw new DomainException("The expiry date must be after the completion date.");
        }

        if (completedOn > DateOnly.FromDateTime(nowUtc).AddDays(1))
        {
            throw new DomainException("The completion date can't be in the future.");
        }

        Id = Guid.CreateVersion7();
        UserId = userId;
        CompletedOn = completedOn;
        ExpiresOn = expiresOn;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Course { get; private set; }
    public string Provider { get; private set; }
    public DateOnly CompletedOn { get; private set; }
    public DateOnly ExpiresOn { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? VerifiedUtc { get; private set; }
    public Guid? VerifiedBy { get; private set; }

    public bool IsVerified => VerifiedUtc is not null;

    public bool IsValidOn(DateOnly date) => IsVerified && CompletedOn <= date && date <= ExpiresOn;

    public void Verify(Guid adminId, DateTime nowUtc)
    {
        if (adminId == UserId)
        {
            throw new DomainException("Training records are verified by another admin, not by the person they belong to.");
        }

        VerifiedUtc = nowUtc;
        VerifiedBy = adminId;
    }

    /// <summary>True when any of the records is verified and valid on the date.</summary>
    public static bool AnyValidOn(IEnumerable<TrainingRecord> records, DateOnly date) =>
        records.Any(r => r.IsValidOn(date));
}
