using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>Pages are rendered into a writer with room for a whole page, which reaches the connection in one write (issue 9).</summary>
public sealed class WholePageResponseWriterTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_page_of_sixty_thousand_characters_is_written_out_once_when_it_is_flushed_and_whole()
    {
        var factory = Assert.IsType<WholePageResponseWriter>(app.Services.GetRequiredService<IHttpResponseStreamWriterFactory>());
        var page = string.Concat(Enumerable.Repeat("<p>Replies, é and 🙂 too.</p>\n", 2_000));
        Assert.InRange(page.Length, 60_000, WholePageResponseWriter.BufferSize);
        var stream = new CountingStream();

        await using (var writer = factory.CreateWriter(stream, Encoding.UTF8))
        {
            foreach (var chunk in page.Chunk(1_000))
            {
                await writer.WriteAsync(chunk);
            }

            Assert.Empty(stream.Writes);
            await writer.FlushAsync();
        }

        Assert.Single(stream.Writes);
        Assert.Equal(page, Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Counts the writes that reach it (MemoryStream's asynchronous writes end in these two).</summary>
    private sealed class CountingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes.Add(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes.Add(buffer.Length);
            base.Write(buffer);
        }
    }
}
