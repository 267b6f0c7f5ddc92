using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeerCircle.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SharesOptionalLinkIndexesPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Shares_ConversationOwnerId",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_Shares_ExpiresUtc",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_Shares_PairingId_CreatedUtc",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_Shares_SessionId",
                table: "Shares");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_ConversationOwnerId",
                table: "Shares",
                column: "ConversationOwnerId",
                filter: "[ConversationOwnerId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_ExpiresUtc",
                table: "Shares",
                column: "ExpiresUtc",
                filter: "[ExpiresUtc] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_PairingId_CreatedUtc",
                table: "Shares",
                columns: new[] { "PairingId", "CreatedUtc" },
                filter: "[PairingId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_SessionId",
                table: "Shares",
                column: "SessionId",
                filter: "[SessionId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Shares_ConversationOwnerId",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_Shares_ExpiresUtc",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_Shares_PairingId_CreatedUtc",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_Shares_SessionId",
                table: "Shares");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_ConversationOwnerId",
                table: "Shares",
                column: "ConversationOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_ExpiresUtc",
                table: "Shares",
                column: "ExpiresUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_PairingId_CreatedUtc",
                table: "Shares",
                columns: new[] { "PairingId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Shares_SessionId",
                table: "Shares",
                column: "SessionId");
        }
    }
}
