using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Domain.Safeguarding;

namespace PeerCircle.Data.Configurations;

internal sealed class ConcernConfiguration : IEntityTypeConfiguration<Concern>
{
    public void Configure(EntityTypeBuilder<Concern> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Description).HasMaxLength(Concern.DescriptionMaxLength);
        builder.Property(c => c.Outcome).HasMaxLength(Concern.OutcomeMaxLength);
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
        // The leads' queue (unfinished, oldest first), a facilitator's list, the detector's open draft, the purge.
        builder.HasIndex(c => new { c.Status, c.CreatedUtc });
        builder.HasIndex(c => c.RaisedBy);
        builder.HasIndex(c => new { c.GroupId, c.SubjectId, c.Status });
        builder.HasIndex(c => new { c.PairingId, c.SubjectId, c.Status });
        builder.HasIndex(c => c.PurgeAfterUtc);
        // No foreign keys to groups or people: a concern outlives both until its retention ends.
        builder.HasMany(c => c.Snapshots).WithOne().HasForeignKey(s => s.ConcernId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Notes).WithOne().HasForeignKey(n => n.ConcernId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Escalations).WithOne().HasForeignKey(e => e.ConcernId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Snapshots).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Notes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Escalations).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.IsFinished);
    }
}

internal sealed class ConcernSnapshotConfiguration : IEntityTypeConfiguration<ConcernSnapshot>
{
    public void Configure(EntityTypeBuilder<ConcernSnapshot> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Title).HasMaxLength(Domain.Sharing.Share.TitleMaxLength);
        builder.Property(s => s.Text).HasMaxLength(Domain.Sharing.Share.TextMaxLength);
        builder.HasIndex(s => s.ShareId);
    }
}

internal sealed class ConcernNoteConfiguration : IEntityTypeConfiguration<ConcernNote>
{
    public void Configure(EntityTypeBuilder<ConcernNote> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(Concern.NoteMaxLength).IsRequired();
    }
}

internal sealed class ConcernEscalationConfiguration : IEntityTypeConfiguration<ConcernEscalation>
{
    public void Configure(EntityTypeBuilder<ConcernEscalation> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.To).HasMaxLength(Concern.EscalatedToMaxLength).IsRequired();
        builder.Property(e => e.Outcome).HasMaxLength(Concern.OutcomeMaxLength);
    }
}

internal sealed class RiskPhraseConfiguration : IEntityTypeConfiguration<RiskPhrase>
{
    private static readonly DateTime s_seededUtc = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);

    public void Configure(EntityTypeBuilder<RiskPhrase> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Phrase).HasMaxLength(RiskPhrase.PhraseMaxLength).IsRequired();
        builder.Property(p => p.Canonical).HasMaxLength(RiskPhrase.PhraseMaxLength).IsRequired();
        builder.HasIndex(p => p.Canonical).IsUnique();
        // The starting list (RiskPhraseDefaults), for admins to curate.
        builder.HasData(RiskPhraseDefaults.All.Select((phrase, i) => new
        {
            Id = Guid.Parse($"5afe0000-0000-4000-8000-{i + 1:x12}"),
            Phrase = phrase,
            Canonical = RiskPhraseDetector.Canonical(phrase),
            CreatedUtc = s_seededUtc,
        }));
    }
}
