using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Administration;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Help;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Rooms;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Data;

/// <summary>
/// The one model of PeerCircle. Each database provider derives its own context
/// (<see cref="SqliteDbContext"/>, <see cref="SqlServerDbContext"/>) only to own a separate set of
/// migrations; the app always asks for <see cref="PeerCircleDbContext"/>.
/// </summary>
public abstract class PeerCircleDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The keys that protect cookies and antiforgery tokens, shared by every instance of the app, so a
    /// cookie made by one instance is accepted by another (docs/operations.md, "Scale-out").
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<SessionSeries> SessionSeries => Set<SessionSeries>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();
    public DbSet<ReminderDispatch> ReminderDispatches => Set<ReminderDispatch>();
    public DbSet<Share> Shares => Set<Share>();
    public DbSet<ShareReport> ShareReports => Set<ShareReport>();
    public DbSet<BoardVisit> BoardVisits => Set<BoardVisit>();
    public DbSet<SessionRoom> SessionRooms => Set<SessionRoom>();
    public DbSet<RoomParticipant> RoomParticipants => Set<RoomParticipant>();
    public DbSet<RoomConnection> RoomConnections => Set<RoomConnection>();
    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();
    public DbSet<HelpEntry> HelpEntries => Set<HelpEntry>();
    public DbSet<RiskPhrase> RiskPhrases => Set<RiskPhrase>();

    /// <summary>Safeguarding concerns with their snapshots, notes and escalations: read only by the safeguarding pages.</summary>
    public DbSet<Concern> Concerns => Set<Concern>();

    public DbSet<SupporterProfile> SupporterProfiles => Set<SupporterProfile>();
    public DbSet<SupportRequest> SupportRequests => Set<SupportRequest>();

    /// <summary>One-to-one pairings. Their messages are <see cref="Shares"/> with audience Pair; goals and check-ins are the pair's only.</summary>
    public DbSet<Pairing> Pairings => Set<Pairing>();

    public DbSet<PairCheckIn> PairCheckIns => Set<PairCheckIn>();
    public DbSet<Goal> Goals => Set<Goal>();

    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AccountActivity> AccountActivities => Set<AccountActivity>();

    /// <summary>Append-only: <see cref="Auditing.AppendOnlyAuditInterceptor"/> refuses to save a change or deletion.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PeerCircleDbContext).Assembly);

        // The group list reads listed groups in name order a page at a time: with this index it reads them in
        // index order and stops after the page, instead of sorting every listed group (and working out each
        // one's next session) first, which grew with the number of groups (issue 9, docs/performance.md).
        // A filtered index, so each provider writes its own filter.
        builder.Entity<Group>().HasIndex(g => new { g.Status, g.Name, g.Id }, "IX_Groups_Listed_Status_Name_Id")
            .HasFilter(Database.IsSqlServer() ? "[Listed] = 1" : "\"Listed\"");

        // Shares' optional links, each indexed only where it is set: a board post has no session, pairing, expiry
        // or conversation owner, and a room message no pairing or owner. Indexed in full, every post wrote an entry
        // for each into its index's run of nulls: four more index pages to change and log on every post, under the
        // one write turn (issue 9). Every query by one of these columns asks for a value (= or <=), which no null
        // meets, so each provider can still use the index.
        var shares = builder.Entity<Share>();
        shares.HasIndex(s => s.SessionId).HasFilter(NotNull(nameof(Share.SessionId)));
        shares.HasIndex(s => s.ExpiresUtc).HasFilter(NotNull(nameof(Share.ExpiresUtc)));
        shares.HasIndex(s => s.ConversationOwnerId).HasFilter(NotNull(nameof(Share.ConversationOwnerId)));
        shares.HasIndex(s => new { s.PairingId, s.CreatedUtc }).HasFilter(NotNull(nameof(Share.PairingId)));
    }

    private string NotNull(string column) => Database.IsSqlServer() ? $"[{column}] IS NOT NULL" : $"\"{column}\" IS NOT NULL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Enums are stored as readable strings on both providers (ENGINEERING.md style 4).
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}

/// <summary>The embedded default: owns Migrations/Sqlite.</summary>
public sealed class SqliteDbContext : PeerCircleDbContext
{
    public SqliteDbContext(DbContextOptions<SqliteDbContext> options)
        : base(options)
    {
        // Every save in a transaction, even of one row: a transaction is where a writer takes the app's turn at
        // SQLite (SqliteWriteTurn). A pooled context keeps this setting across its resets.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }
}

/// <summary>Production: owns Migrations/SqlServer.</summary>
public sealed class SqlServerDbContext(DbContextOptions<SqlServerDbContext> options) : PeerCircleDbContext(options);
