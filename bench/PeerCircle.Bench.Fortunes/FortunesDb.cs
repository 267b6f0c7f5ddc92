using Microsoft.EntityFrameworkCore;

namespace PeerCircle.Bench.Fortunes;

/// <summary>A row of the TechEmpower "Fortune" table.</summary>
public sealed class Fortune
{
    public int Id { get; set; }

    public string Message { get; set; } = string.Empty;
}

public sealed class FortunesDb(DbContextOptions<FortunesDb> options) : DbContext(options)
{
    /// <summary>The 12 rows of the TechEmpower benchmark's Fortune table, as it ships them.</summary>
    private static readonly string[] s_messages =
    [
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal places, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. — Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "フレームワークのベンチマーク",
    ];

    public DbSet<Fortune> Fortunes => Set<Fortune>();

    /// <summary>Creates the table with its 12 rows once (WAL, as the app runs SQLite).</summary>
    public async Task SeedAsync()
    {
        await Database.EnsureCreatedAsync();
        await Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        if (!await Fortunes.AnyAsync())
        {
            Fortunes.AddRange(s_messages.Select((message, i) => new Fortune { Id = i + 1, Message = message }));
            await SaveChangesAsync();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Fortune>().ToTable("Fortune");
        modelBuilder.Entity<Fortune>().Property(f => f.Id).ValueGeneratedNever();
    }
}
