using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;

namespace PeerCircle.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.Pseudonym).HasMaxLength(Pseudonym.MaxLength * 2).IsRequired();
        builder.Property(u => u.NormalizedPseudonym).HasMaxLength(Pseudonym.MaxLength * 4).IsRequired();
        builder.HasIndex(u => u.NormalizedPseudonym).IsUnique();
        builder.Property(u => u.TimeZoneId).HasMaxLength(ApplicationUser.TimeZoneIdMaxLength).IsRequired();
        builder.Property(u => u.Region).HasMaxLength(ApplicationUser.RegionMaxLength);
        builder.Property(u => u.CalendarFeedToken).HasMaxLength(ApplicationUser.FeedTokenMaxLength);
        builder.HasIndex(u => u.CalendarFeedToken).IsUnique();
    }
}
