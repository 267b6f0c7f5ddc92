using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeerCircle.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrainingVerifiedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TrainingRecords_VerifiedUtc",
                table: "TrainingRecords",
                column: "VerifiedUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TrainingRecords_VerifiedUtc",
                table: "TrainingRecords");
        }
    }
}
