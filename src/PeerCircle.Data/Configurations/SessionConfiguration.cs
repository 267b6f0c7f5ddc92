using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;

namespace PeerCircle.Data.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Topic).HasMaxLength(Session.TopicMaxLength).IsRequired();
        // Every change to seats renews the stamp: the UPDATE only succeeds against the version that was read.
        builder.Property(s => s.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(s => new { s.GroupId, s.StartUtc });
        // A group's next scheduled session (the group list's correlated subquery): without Status in the
        // key SQLite walked every group's scheduled sessions in time order, a cost that grew with the
        // number of groups (docs/performance.md, issue 9).
        builder.HasIndex(s => new { s.GroupId, s.Status, s.StartUtc });
        builder.HasIndex(s => new { s.Status, s.StartUtc });
        builder.HasIndex(s => s.SeriesId);
        builder.HasOne<Group>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SessionSeries>().WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Bookings).WithOne().HasForeignKey(b => b.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Facilitators).WithOne().HasForeignKey(f => f.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Bookings).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Facilitators).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.EndUtc);
        builder.Ignore(s => s.SeatsLeft);
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasIndex(b => new { b.SessionId, b.UserId }).IsUnique();
        builder.HasIndex(b => new { b.UserId, b.Status });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionFacilitatorConfiguration : IEntityTypeConfiguration<SessionFacilitator>
{
    public void Configure(EntityTypeBuilder<SessionFacilitator> builder)
    {
        builder.HasKey(f => new { f.SessionId, f.UserId });
        builder.HasIndex(f => f.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionSeriesConfiguration : IEntityTypeConfiguration<SessionSeries>
{
    public void Configure(EntityTypeBuilder<SessionSeries> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TimeZoneId).HasMaxLength(Group.TimeZoneMaxLength).IsRequired();
        builder.Property(s => s.Topic).HasMaxLength(Session.TopicMaxLength).IsRequired();
        builder.Property(s => s.RecurrenceRule).HasMaxLength(SessionSeries.RuleMaxLength).IsRequired();
        builder.HasOne<Group>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReminderDispatchConfiguration : IEntityTypeConfiguration<ReminderDispatch>
{
    public void Configure(EntityTypeBuilder<ReminderDispatch> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        // The claim: a second insert for the same reminder fails, so it is sent once.
        builder.HasIndex(r => new { r.SessionId, r.UserId, r.Kind }).IsUnique();
        builder.HasOne<Session>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Course).HasMaxLength(TrainingRecord.CourseMaxLength).IsRequired();
        builder.Property(t => t.Provider).HasMaxLength(TrainingRecord.ProviderMaxLength).IsRequired();
        builder.HasIndex(t => new { t.UserId, t.ExpiresOn });
        // The admin dashboard counts records awaiting verification: by index, not a walk of every record (issue 9).
        builder.HasIndex(t => t.VerifiedUtc);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(t => t.IsVerified);
    }
}
