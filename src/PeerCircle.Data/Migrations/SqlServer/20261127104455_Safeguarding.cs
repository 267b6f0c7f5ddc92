using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PeerCircle.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Safeguarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Concerns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GroupId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Source = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RaisedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AcknowledgedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AcknowledgedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    PurgeAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SnapshotsPurgedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Concerns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HelpEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    TextNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    TextKeyword = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Url = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    OpeningHours = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Regions = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Topics = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    LastVerifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastVerifiedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RiskPhrases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Phrase = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Canonical = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskPhrases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConcernEscalation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConcernId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    To = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    EscalatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    RecordedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernEscalation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernEscalation_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConcernNote",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConcernId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernNote", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernNote_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConcernSnapshot",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConcernId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ShareId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GroupId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: true),
                    Text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    SharedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TakenUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernSnapshot", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernSnapshot_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "HelpEntries",
                columns: new[] { "Id", "ConcurrencyStamp", "CreatedUtc", "Description", "Kind", "LastVerifiedBy", "LastVerifiedOn", "Name", "OpeningHours", "Phone", "Regions", "SortOrder", "TextKeyword", "TextNumber", "Topics", "Url" },
                values: new object[,]
                {
                    { new Guid("4e1b0000-0000-4000-8000-000000000001"), new Guid("4e1b0000-0000-4000-9000-000000000001"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you or someone else is in danger right now.", "Emergency", null, null, "Emergency services", "24/7", "999", "GB", 0, null, null, null, null },
                    { new Guid("4e1b0000-0000-4000-8000-000000000002"), new Guid("4e1b0000-0000-4000-9000-000000000002"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Talk to someone, any time, about anything. Free to call.", "CrisisLine", null, null, "Samaritans", "24/7", "116 123", "GB", 0, null, null, null, "https://www.samaritans.org" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000003"), new Guid("4e1b0000-0000-4000-9000-000000000003"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you would rather text than talk.", "TextLine", null, null, "Shout", "24/7", null, "GB", 0, "SHOUT", "85258", null, "https://giveusashout.org" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000004"), new Guid("4e1b0000-0000-4000-9000-000000000004"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Urgent medical help and advice when it is not an emergency.", "Information", null, null, "NHS 111", "24/7", "111", "GB", 0, null, null, null, "https://111.nhs.uk" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000005"), new Guid("4e1b0000-0000-4000-9000-000000000005"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Information about mental health and where to get support.", "Information", null, null, "Mind Infoline", "Weekdays 9am to 6pm", "0300 123 3393", "GB", 0, null, null, null, "https://www.mind.org.uk" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000006"), new Guid("4e1b0000-0000-4000-9000-000000000006"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you or someone else is in danger right now.", "Emergency", null, null, "Emergency services", "24/7", "112", "IE", 0, null, null, null, null },
                    { new Guid("4e1b0000-0000-4000-8000-000000000007"), new Guid("4e1b0000-0000-4000-9000-000000000007"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Talk to someone, any time, about anything. Free to call.", "CrisisLine", null, null, "Samaritans Ireland", "24/7", "116 123", "IE", 0, null, null, null, "https://www.samaritans.org/ireland/" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000008"), new Guid("4e1b0000-0000-4000-9000-000000000008"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you would rather text than talk.", "TextLine", null, null, "Text About It", "24/7", null, "IE", 0, "HELLO", "50808", null, "https://text50808.ie" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000009"), new Guid("4e1b0000-0000-4000-9000-000000000009"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you or someone else is in danger right now.", "Emergency", null, null, "Emergency services", "24/7", "911", "US", 0, null, null, null, null },
                    { new Guid("4e1b0000-0000-4000-8000-00000000000a"), new Guid("4e1b0000-0000-4000-9000-00000000000a"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Call or text, any time. Free and confidential.", "CrisisLine", null, null, "988 Suicide & Crisis Lifeline", "24/7", "988", "US", 0, null, "988", null, "https://988lifeline.org" },
                    { new Guid("4e1b0000-0000-4000-8000-00000000000b"), new Guid("4e1b0000-0000-4000-9000-00000000000b"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you would rather text than talk.", "TextLine", null, null, "Crisis Text Line", "24/7", null, "US", 0, "HOME", "741741", null, "https://www.crisistextline.org" },
                    { new Guid("4e1b0000-0000-4000-8000-00000000000c"), new Guid("4e1b0000-0000-4000-9000-00000000000c"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you or someone else is in danger right now.", "Emergency", null, null, "Emergency services", "24/7", "911", "CA", 0, null, null, null, null },
                    { new Guid("4e1b0000-0000-4000-8000-00000000000d"), new Guid("4e1b0000-0000-4000-9000-00000000000d"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Call or text, any time, in English or French.", "CrisisLine", null, null, "9-8-8 Suicide Crisis Helpline", "24/7", "988", "CA", 0, null, "988", null, "https://988.ca" },
                    { new Guid("4e1b0000-0000-4000-8000-00000000000e"), new Guid("4e1b0000-0000-4000-9000-00000000000e"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you or someone else is in danger right now.", "Emergency", null, null, "Emergency services", "24/7", "000", "AU", 0, null, null, null, null },
                    { new Guid("4e1b0000-0000-4000-8000-00000000000f"), new Guid("4e1b0000-0000-4000-9000-00000000000f"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Talk to someone, any time.", "CrisisLine", null, null, "Lifeline", "24/7", "13 11 14", "AU", 0, null, null, null, "https://www.lifeline.org.au" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000010"), new Guid("4e1b0000-0000-4000-9000-000000000010"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you would rather text than talk.", "TextLine", null, null, "Lifeline Text", "24/7", null, "AU", 0, null, "0477 13 11 14", null, "https://www.lifeline.org.au" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000011"), new Guid("4e1b0000-0000-4000-9000-000000000011"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Talk to a trained counsellor about anxiety, depression or stress.", "Counselling", null, null, "Beyond Blue", "24/7", "1300 22 4636", "AU", 0, null, null, null, "https://www.beyondblue.org.au" },
                    { new Guid("4e1b0000-0000-4000-8000-000000000012"), new Guid("4e1b0000-0000-4000-9000-000000000012"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "If you or someone else is in danger right now, call your local emergency number (112 works from most mobile phones).", "Emergency", null, null, "Your local emergency number", null, null, "INT", 0, null, null, null, null },
                    { new Guid("4e1b0000-0000-4000-8000-000000000013"), new Guid("4e1b0000-0000-4000-9000-000000000013"), new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "Free, confidential helplines in your country, by phone, text or chat.", "Information", null, null, "Find A Helpline", null, null, "INT", 0, null, null, null, "https://findahelpline.com" }
                });

            migrationBuilder.InsertData(
                table: "RiskPhrases",
                columns: new[] { "Id", "Canonical", "CreatedUtc", "Phrase" },
                values: new object[,]
                {
                    { new Guid("5afe0000-0000-4000-8000-000000000001"), "kimyseif", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "kill myself" },
                    { new Guid("5afe0000-0000-4000-8000-000000000002"), "kingmyseif", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "killing myself" },
                    { new Guid("5afe0000-0000-4000-8000-000000000003"), "enditai", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "end it all" },
                    { new Guid("5afe0000-0000-4000-8000-000000000004"), "endingitai", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "ending it all" },
                    { new Guid("5afe0000-0000-4000-8000-000000000005"), "endmyife", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "end my life" },
                    { new Guid("5afe0000-0000-4000-8000-000000000006"), "endingmyife", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "ending my life" },
                    { new Guid("5afe0000-0000-4000-8000-000000000007"), "takemyownife", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "take my own life" },
                    { new Guid("5afe0000-0000-4000-8000-000000000008"), "takingmyownife", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "taking my own life" },
                    { new Guid("5afe0000-0000-4000-8000-000000000009"), "suicide", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "suicide" },
                    { new Guid("5afe0000-0000-4000-8000-00000000000a"), "suicidai", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "suicidal" },
                    { new Guid("5afe0000-0000-4000-8000-00000000000b"), "wantodie", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "want to die" },
                    { new Guid("5afe0000-0000-4000-8000-00000000000c"), "wanadie", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "wanna die" },
                    { new Guid("5afe0000-0000-4000-8000-00000000000d"), "wishiwasdead", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "wish I was dead" },
                    { new Guid("5afe0000-0000-4000-8000-00000000000e"), "wishiweredead", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "wish I were dead" },
                    { new Guid("5afe0000-0000-4000-8000-00000000000f"), "beterofdead", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "better off dead" },
                    { new Guid("5afe0000-0000-4000-8000-000000000010"), "beterofwithoutme", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "better off without me" },
                    { new Guid("5afe0000-0000-4000-8000-000000000011"), "noreasontoive", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "no reason to live" },
                    { new Guid("5afe0000-0000-4000-8000-000000000012"), "nothingtoivefor", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "nothing to live for" },
                    { new Guid("5afe0000-0000-4000-8000-000000000013"), "dontwantobehereanymore", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "don't want to be here anymore" },
                    { new Guid("5afe0000-0000-4000-8000-000000000014"), "cantgon", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "can't go on" },
                    { new Guid("5afe0000-0000-4000-8000-000000000015"), "seifharm", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "self-harm" },
                    { new Guid("5afe0000-0000-4000-8000-000000000016"), "seifharming", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "self harming" },
                    { new Guid("5afe0000-0000-4000-8000-000000000017"), "hurtmyseif", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "hurt myself" },
                    { new Guid("5afe0000-0000-4000-8000-000000000018"), "hurtingmyseif", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "hurting myself" },
                    { new Guid("5afe0000-0000-4000-8000-000000000019"), "cutmyseif", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "cut myself" },
                    { new Guid("5afe0000-0000-4000-8000-00000000001a"), "cutingmyseif", new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Utc), "cutting myself" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernEscalation_ConcernId",
                table: "ConcernEscalation",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_ConcernNote_ConcernId",
                table: "ConcernNote",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_GroupId_SubjectId_Status",
                table: "Concerns",
                columns: new[] { "GroupId", "SubjectId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_PurgeAfterUtc",
                table: "Concerns",
                column: "PurgeAfterUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_RaisedBy",
                table: "Concerns",
                column: "RaisedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_Status_CreatedUtc",
                table: "Concerns",
                columns: new[] { "Status", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernSnapshot_ConcernId",
                table: "ConcernSnapshot",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_ConcernSnapshot_ShareId",
                table: "ConcernSnapshot",
                column: "ShareId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpEntries_LastVerifiedOn",
                table: "HelpEntries",
                column: "LastVerifiedOn");

            migrationBuilder.CreateIndex(
                name: "IX_RiskPhrases_Canonical",
                table: "RiskPhrases",
                column: "Canonical",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConcernEscalation");

            migrationBuilder.DropTable(
                name: "ConcernNote");

            migrationBuilder.DropTable(
                name: "ConcernSnapshot");

            migrationBuilder.DropTable(
                name: "HelpEntries");

            migrationBuilder.DropTable(
                name: "RiskPhrases");

            migrationBuilder.DropTable(
                name: "Concerns");
        }
    }
}
