using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeerCircle.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ThreadReplyOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Shares_GroupId_ThreadId_CreatedUtc",
                table: "Shares");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_GroupId_ThreadId_CreatedUtc_Id",
                table: "Shares",
                columns: new[] { "GroupId", "ThreadId", "CreatedUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Shares_GroupId_ThreadId_CreatedUtc_Id",
                table: "Shares");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_GroupId_ThreadId_CreatedUtc",
                table: "Shares",
                columns: new[] { "GroupId", "ThreadId", "CreatedUtc" });
        }
    }
}
