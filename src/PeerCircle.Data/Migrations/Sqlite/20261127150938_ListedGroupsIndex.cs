using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeerCircle.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListedGroupsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Groups_Listed_Status_Name_Id",
                table: "Groups",
                columns: new[] { "Status", "Name", "Id" },
                filter: "\"Listed\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Groups_Listed_Status_Name_Id",
                table: "Groups");
        }
    }
}
