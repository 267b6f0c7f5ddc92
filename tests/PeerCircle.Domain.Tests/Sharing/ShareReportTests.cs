using PeerCircle.Domain.Sharing;

namespace PeerCircle.Domain.Tests.Sharing;

public sealed class ShareReportTests
{
    private static readonly DateTime s_now = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid s_group = Guid.NewGuid();
    private static readonly Guid s_author = Guid.NewGuid();

    private static Share Post(ShareAudience audience = ShareAudience.Group) =>
        Share.StartThread(new ShareAuthor(s_author, s_group, true, true, false), "Title", "Text", audience, ShareByline.Pseudonym, s_now);

    [Fact]
    public void A_member_reports_a_post_they_can_see_with_a_reason()
    {
        var share = Post();
        var reporter = new ShareViewer(Guid.NewGuid(), s_group, true, false);

        var report = ShareReport.Create(reporter, share, "  This names someone at work. ", s_now);

        Assert.Equal(share.Id, report.ShareId);
        Assert.Equal(s_group, report.GroupId);
        Assert.Equal("This names someone at work.", report.Reason);
        Assert.True(report.IsOpen);
    }

    [Fact]
    public void A_report_needs_a_reason_of_at_most_500_characters()
    {
        var reporter = new ShareViewer(Guid.NewGuid(), s_group, true, false);
        Assert.Throws<DomainException>(() => ShareReport.Create(reporter, Post(), " ", s_now));
        Assert.Throws<DomainException>(() => ShareReport.Create(reporter, Post(), new string('x', 501), s_now));
    }

    [Fact]
    public void Nobody_reports_a_post_they_cannot_see_or_their_own()
    {
        Assert.Throws<DomainException>(() => ShareReport.Create(new ShareViewer(Guid.NewGuid(), s_group, true, false), Post(ShareAudience.FacilitatorsOnly), "why", s_now));
        Assert.Throws<DomainException>(() => ShareReport.Create(new ShareViewer(Guid.NewGuid(), Guid.NewGuid(), true, false), Post(), "why", s_now));
        Assert.Throws<DomainException>(() => ShareReport.Create(new ShareViewer(s_author, s_group, true, false), Post(), "why", s_now));
    }

    [Fact]
    public void Only_a_facilitator_of_the_group_closes_a_report_and_only_once()
    {
        var report = ShareReport.Create(new ShareViewer(Guid.NewGuid(), s_group, true, false), Post(), "why", s_now);

        Assert.Throws<DomainException>(() => report.Close(new ShareModerator(Guid.NewGuid(), Guid.NewGuid(), true), s_now));
        report.Close(new ShareModerator(Guid.NewGuid(), s_group, true), s_now);
        Assert.False(report.IsOpen);
        Assert.Throws<DomainException>(() => report.Close(new ShareModerator(Guid.NewGuid(), s_group, true), s_now));
    }
}
