using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Rooms;

namespace PeerCircle.Web.Pages.Sessions;

/// <summary>
/// A session's live room. The way in works without JavaScript: read and acknowledge the group
/// agreement for this session, with an optional private check-in; then the room itself runs over
/// SignalR (<see cref="RoomHub"/>), and a closing check-in can be given here during the session or
/// for two hours after it. Only the group's active members and facilitators get anything but 404;
/// who may actually enter is <see cref="RoomService"/>'s rule.
/// </summary>
public sealed class RoomModel(RoomService rooms) : PageModel
{
    [BindProperty]
    public EnterInput Enter { get; set; } = new();

    [BindProperty]
    public CheckOutInput CheckOut { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public RoomEntry Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnterAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Remove($"{nameof(CheckOut)}.{nameof(CheckOutInput.Score)}");
        if (!Enter.Acknowledged)
        {
            ModelState.AddModelError($"{nameof(Enter)}.{nameof(EnterInput.Acknowledged)}", "Please tick the box to say you will keep to the group agreement in this session.");
        }

        if (!ModelState.IsValid
            || !await ModelState.TryDomainAsync(() => rooms.AcknowledgeAsync(id, User.GetUserId(), Enter.AgreementVersion, Enter.CheckIn, cancellationToken)))
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCheckOutAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Remove($"{nameof(Enter)}.{nameof(EnterInput.AgreementVersion)}");
        if (CheckOut.Score is null)
        {
            ModelState.AddModelError($"{nameof(CheckOut)}.{nameof(CheckOutInput.Score)}", "Choose how you are now, from 1 to 5.");
        }

        if (!ModelState.IsValid
            || !await ModelState.TryDomainAsync(() => rooms.CheckOutAsync(id, User.GetUserId(), CheckOut.Score!.Value, cancellationToken)))
        {
            return Page();
        }

        StatusMessage = "Thank you for checking out. Only the facilitators see your answer.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var entry = await rooms.GetEntryAsync(id, User.GetUserId(), cancellationToken);
        if (entry is null)
        {
            return false;
        }

        Entry = entry;
        return true;
    }

    public sealed class EnterInput
    {
        public bool Acknowledged { get; set; }

        public int AgreementVersion { get; set; }

        [Range(Share.MinScore, Share.MaxScore, ErrorMessage = "Choose how you are from 1 to 5, or leave it blank.")]
        public int? CheckIn { get; set; }
    }

    public sealed class CheckOutInput
    {
        [Range(Share.MinScore, Share.MaxScore, ErrorMessage = "Choose how you are now, from 1 to 5.")]
        public int? Score { get; set; }
    }
}
