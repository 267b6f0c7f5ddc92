using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Data.Configurations;

internal sealed class ShareConfiguration : IEntityTypeConfiguration<Share>
{
    public void Configure(EntityTypeBuilder<Share> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Title).HasMaxLength(Share.TitleMaxLength);
        builder.Property(s => s.Text).HasMaxLength(Share.TextMaxLength);
        builder.Property(s => s.ConcurrencyStamp).IsConcurrencyToken();
        // The board: a group's threads (ThreadId null) and a thread's replies, in time order, the id breaking ties as
        // the pages' ORDER BY does: a page of replies is read in index order and stops, with no sort (issue 9).
        builder.HasIndex(s => new { s.GroupId, s.ThreadId, s.CreatedUtc, s.Id });
        builder.HasIndex(s => s.ThreadId);
        builder.HasIndex(s => new { s.AuthorId, s.CreatedUtc });
        // The purge job's two questions: what has expired, what was withdrawn but still has text.
        builder.HasIndex(s => s.ExpiresUtc);
        builder.HasIndex(s => s.SessionId);
        builder.HasIndex(s => s.ConversationOwnerId);
        builder.HasOne<Group>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.IsWithdrawn);
        builder.Ignore(s => s.IsHidden);
    }
}

internal sealed class ShareReportConfiguration : IEntityTypeConfiguration<ShareReport>
{
    public void Configure(EntityTypeBuilder<ShareReport> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reason).HasMaxLength(ShareReport.ReasonMaxLength).IsRequired();
        builder.HasIndex(r => new { r.GroupId, r.ClosedUtc, r.CreatedUtc });
        builder.HasIndex(r => r.ShareId);
        builder.HasOne<Share>().WithMany().HasForeignKey(r => r.ShareId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.IsOpen);
    }
}

internal sealed class BoardVisitConfiguration : IEntityTypeConfiguration<BoardVisit>
{
    public void Configure(EntityTypeBuilder<BoardVisit> builder)
    {
        builder.HasKey(v => new { v.GroupId, v.UserId });
        builder.HasOne<Group>().WithMany().HasForeignKey(v => v.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionMaxLength).IsRequired();
        builder.Property(a => a.RecordType).HasMaxLength(AuditEntry.RecordTypeMaxLength).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(AuditEntry.ReasonMaxLength);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.GroupId, a.AtUtc });
        builder.HasIndex(a => new { a.RecordType, a.RecordId });
        // No foreign keys on purpose: the log outlives the records and people it names.
    }
}
