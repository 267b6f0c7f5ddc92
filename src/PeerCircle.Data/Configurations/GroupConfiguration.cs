using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Groups;

namespace PeerCircle.Data.Configurations;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(Group.NameMaxLength).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(Group.DescriptionMaxLength).IsRequired();
        builder.Property(g => g.Location).HasMaxLength(Group.LocationMaxLength).IsRequired();
        builder.Property(g => g.TimeZoneId).HasMaxLength(Group.TimeZoneMaxLength).IsRequired();
        builder.Property(g => g.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(g => new { g.Status, g.Listed, g.Name });

        builder.HasMany(g => g.Topics).WithOne().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Agreements).WithOne().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Facilitators).WithOne().HasForeignKey(f => f.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Topics).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(g => g.Agreements).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(g => g.Facilitators).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(g => g.RequiredFacilitators);
        builder.Ignore(g => g.IsActive);
    }
}

internal sealed class GroupTopicConfiguration : IEntityTypeConfiguration<GroupTopic>
{
    public void Configure(EntityTypeBuilder<GroupTopic> builder)
    {
        builder.HasKey(t => new { t.GroupId, t.Topic });
        builder.HasIndex(t => new { t.Topic, t.GroupId });
    }
}

internal sealed class GroupAgreementConfiguration : IEntityTypeConfiguration<GroupAgreement>
{
    public void Configure(EntityTypeBuilder<GroupAgreement> builder)
    {
        builder.HasKey(a => new { a.GroupId, a.Version });
        builder.Property(a => a.Text).HasMaxLength(Group.AgreementMaxLength).IsRequired();
    }
}

internal sealed class GroupFacilitatorConfiguration : IEntityTypeConfiguration<GroupFacilitator>
{
    public void Configure(EntityTypeBuilder<GroupFacilitator> builder)
    {
        builder.HasKey(f => new { f.GroupId, f.UserId });
        builder.HasIndex(f => f.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        // Every decision about a membership (approve, decline, leave, remove) is a change of status from the one
        // that was read: two facilitators deciding the same request at once cannot both succeed.
        builder.Property(m => m.Status).IsConcurrencyToken();
        builder.HasIndex(m => new { m.GroupId, m.UserId }).IsUnique();
        builder.HasIndex(m => new { m.UserId, m.Status });
        builder.HasIndex(m => new { m.GroupId, m.Status });
        builder.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(m => m.IsActive);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<PeerCircle.Domain.Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<PeerCircle.Domain.Notifications.Notification> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(PeerCircle.Domain.Notifications.Notification.TextMaxLength).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(PeerCircle.Domain.Notifications.Notification.LinkMaxLength);
        builder.HasIndex(n => new { n.UserId, n.CreatedUtc });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
