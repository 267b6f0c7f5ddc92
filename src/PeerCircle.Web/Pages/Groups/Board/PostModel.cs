namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>One post on the thread page and what the viewer may do with it.</summary>
public sealed record PostModel(ThreadModel.PostView Post, bool ViewerIsFacilitator, ThreadModel.PostLinks Links);
