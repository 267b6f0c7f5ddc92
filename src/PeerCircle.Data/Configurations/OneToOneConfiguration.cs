using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Data.Configurations;

internal sealed class SupporterProfileConfiguration : IEntityTypeConfiguration<SupporterProfile>
{
    public void Configure(EntityTypeBuilder<SupporterProfile> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.Bio).HasMaxLength(SupporterProfile.BioMaxLength).IsRequired();
        builder.Property(p => p.TopicList).HasMaxLength(SupporterProfile.ListMaxLength).IsRequired();
        builder.Property(p => p.LanguageList).HasMaxLength(SupporterProfile.ListMaxLength).IsRequired();
        builder.Property(p => p.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(p => p.AvailabilityText).HasMaxLength(WeeklyAvailability.StoredMaxLength).IsRequired();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.Topics);
        builder.Ignore(p => p.Languages);
        builder.Ignore(p => p.Availability);
    }
}

internal sealed class SupportRequestConfiguration : IEntityTypeConfiguration<SupportRequest>
{
    public void Configure(EntityTypeBuilder<SupportRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TopicList).HasMaxLength(SupporterProfile.ListMaxLength).IsRequired();
        builder.Property(r => r.Language).HasMaxLength(32);
        builder.Property(r => r.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(r => r.AvailabilityText).HasMaxLength(WeeklyAvailability.StoredMaxLength).IsRequired();
        builder.Property(r => r.Note).HasMaxLength(SupportRequest.NoteMaxLength);
        // A member's open request; the admin figures (waiting, time to match).
        builder.HasIndex(r => new { r.MemberId, r.Status });
        builder.HasIndex(r => new { r.Status, r.CreatedUtc });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.Topics);
        builder.Ignore(r => r.Availability);
        builder.Ignore(r => r.TimeToMatch);
    }
}

internal sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.EndReason).HasMaxLength(Pairing.ReasonMaxLength);
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(p => new { p.MemberId, p.Status });
        builder.HasIndex(p => new { p.SupporterId, p.Status });
        builder.HasIndex(p => p.RequestId);
        builder.HasIndex(p => p.PurgeAfterUtc);
        builder.HasOne<SupportRequest>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.SupporterId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.IsActive);
    }
}

internal sealed class PairCheckInConfiguration : IEntityTypeConfiguration<PairCheckIn>
{
    public void Configure(EntityTypeBuilder<PairCheckIn> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => new { c.PairingId, c.StartUtc });
        builder.HasOne<Pairing>().WithMany().HasForeignKey(c => c.PairingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Title).HasMaxLength(Goal.TitleMaxLength).IsRequired();
        builder.HasIndex(g => g.PairingId);
        builder.HasOne<Pairing>().WithMany().HasForeignKey(g => g.PairingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Steps).WithOne().HasForeignKey(s => s.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(g => g.ProgressPercent);
    }
}

internal sealed class GoalStepConfiguration : IEntityTypeConfiguration<GoalStep>
{
    public void Configure(EntityTypeBuilder<GoalStep> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Text).HasMaxLength(Goal.StepMaxLength).IsRequired();
    }
}

/// <summary>A pairing's messages are shares (audience: the pair); this adds their link to the pairing.</summary>
internal sealed class PairShareConfiguration : IEntityTypeConfiguration<Share>
{
    public void Configure(EntityTypeBuilder<Share> builder)
    {
        builder.HasIndex(s => new { s.PairingId, s.CreatedUtc });
        builder.HasOne<Pairing>().WithMany().HasForeignKey(s => s.PairingId).OnDelete(DeleteBehavior.Cascade);
    }
}
