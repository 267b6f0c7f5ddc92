using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Administration;

namespace PeerCircle.Data.Configurations;

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Key).HasMaxLength(Setting.KeyMaxLength).IsRequired();
        builder.Property(s => s.Value).HasMaxLength(Setting.ValueMaxLength).IsRequired();
        // One row per setting: two admins saving the same new setting at once cannot make two.
        builder.HasIndex(s => s.Key).IsUnique();
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.TokenHash).HasMaxLength(Invitation.TokenHashLength).IsRequired();
        builder.Property(i => i.Note).HasMaxLength(Invitation.NoteMaxLength);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.CreatedUtc);
    }
}

internal sealed class AccountActivityConfiguration : IEntityTypeConfiguration<AccountActivity>
{
    public void Configure(EntityTypeBuilder<AccountActivity> builder)
    {
        builder.ToTable("AccountActivities");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Detail).HasMaxLength(AccountActivity.DetailMaxLength);
        // The profile's question (mine, newest first) and the purge job's (older than 90 days).
        builder.HasIndex(a => new { a.UserId, a.AtUtc });
        builder.HasIndex(a => a.AtUtc);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
