using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Rooms;
using PeerCircle.Domain.Sessions;

namespace PeerCircle.Data.Configurations;

internal sealed class SessionRoomConfiguration : IEntityTypeConfiguration<SessionRoom>
{
    public void Configure(EntityTypeBuilder<SessionRoom> builder)
    {
        builder.HasKey(r => r.SessionId);
        builder.Property(r => r.SessionId).ValueGeneratedNever();
        // Two facilitators changing the room at once: the second save is retried on the fresh row.
        builder.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Session>().WithOne().HasForeignKey<SessionRoom>(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.IsOpen);
    }
}

internal sealed class RoomParticipantConfiguration : IEntityTypeConfiguration<RoomParticipant>
{
    public void Configure(EntityTypeBuilder<RoomParticipant> builder)
    {
        builder.HasKey(p => new { p.SessionId, p.UserId });
        // A participant and a facilitator acting on the same row at once (e.g. two messages racing slow mode).
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(p => p.UserId);
        builder.HasOne<SessionRoom>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.IsHandRaised);
        builder.Ignore(p => p.IsSteppedOut);
        builder.Ignore(p => p.IsMuted);
        builder.Ignore(p => p.IsRemoved);
    }
}

internal sealed class RoomConnectionConfiguration : IEntityTypeConfiguration<RoomConnection>
{
    public void Configure(EntityTypeBuilder<RoomConnection> builder)
    {
        builder.HasKey(c => c.ConnectionId);
        builder.Property(c => c.ConnectionId).HasMaxLength(RoomConnection.ConnectionIdMaxLength);
        builder.HasIndex(c => new { c.SessionId, c.UserId });
        builder.HasOne<SessionRoom>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
