using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace PeerCircle.Web.Infrastructure;

/// <summary>
/// The writer pages are rendered into, with room for a whole page. The framework's holds 16 K characters: a longer
/// page (a conversation's page of replies is about 60 K) went to the connection in four writes, each a write to
/// Kestrel's pipe and a flush of it (issue 9, docs/performance.md); with <see cref="BufferSize"/> it goes in one.
/// The buffers come from the shared pools and go back after each response, as the framework's do.
/// </summary>
internal sealed class WholePageResponseWriter : IHttpResponseStreamWriterFactory
{
    /// <summary>Characters held before they are written out.</summary>
    public const int BufferSize = 64 * 1024;

    public TextWriter CreateWriter(Stream stream, Encoding encoding) =>
        new HttpResponseStreamWriter(stream, encoding, BufferSize, ArrayPool<byte>.Shared, ArrayPool<char>.Shared);
}
