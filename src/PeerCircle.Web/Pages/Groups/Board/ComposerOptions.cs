using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>The audience and byline choices a compose form starts with.</summary>
public sealed record ComposerOptions(string Prefix, ShareAudience Audience, ShareByline Byline);
