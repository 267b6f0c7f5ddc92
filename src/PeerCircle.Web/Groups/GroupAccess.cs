using PeerCircle.Domain.Groups;

namespace PeerCircle.Web.Groups;

/// <summary>
/// Who may see a group and its sessions: the one place pages ask. Listed groups show their sessions to
/// anyone signed in (so people can decide to join); an unlisted group's page opens from its link
/// (that is what unlisted means) but its sessions are for its active members, its facilitators and
/// admins. An archived group is gone for everyone else. Booking itself is decided by the domain
/// (<see cref="Membership.EnsureCanBook"/>).
/// </summary>
public static class GroupAccess
{
    public static bool CanSeeGroup(Viewer viewer, GroupStatus status) =>
        status == GroupStatus.Active || viewer.IsActiveMember || viewer.IsStaff;

    public static bool CanSeeSessions(Viewer viewer, GroupStatus status, bool listed) =>
        viewer.IsActiveMember || viewer.IsStaff || (status == GroupStatus.Active && listed);

    /// <summary>The viewer's relation to one group.</summary>
    public readonly record struct Viewer(bool IsActiveMember, bool IsGroupFacilitator, bool IsAdmin)
    {
        public bool IsStaff => IsGroupFacilitator || IsAdmin;
    }
}
