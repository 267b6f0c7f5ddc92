using System.Net;
using PeerCircle.Web.Tests.Infrastructure;
using static PeerCircle.Web.Tests.Infrastructure.SharingTestData;

namespace PeerCircle.Web.Tests.Sharing;

/// <summary>Posting on a board is limited per person, not per address; reading never is.</summary>
public sealed class PostingRateLimitTests : IDisposable
{
    private readonly PeerCircleAppFactory _app = new PeerCircleAppFactory().With("RateLimits:PostsPerMinute", "3");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Too_many_posts_from_one_person_get_a_429_while_others_on_the_same_address_can_still_post()
    {
        var people = await _app.CreateBoardGroupAsync();
        var thread = await people.Alice.Client.StartThreadAsync(people.Group.Id, "Busy", "First.");
        Assert.Equal(HttpStatusCode.Redirect, (await people.Alice.Client.ReplyAsync(thread, "Second.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await people.Alice.Client.ReplyAsync(thread, "Third.")).StatusCode);

        var limited = await people.Alice.Client.ReplyAsync(thread, "Fourth.");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(2, (await _app.RepliesAsync(thread)).Count);
        Assert.Equal(HttpStatusCode.OK, await people.Alice.StatusAsync(Thread(thread)));
        Assert.Equal(HttpStatusCode.Redirect, (await people.Bob.Client.ReplyAsync(thread, "Bob is fine.")).StatusCode);
    }
}
