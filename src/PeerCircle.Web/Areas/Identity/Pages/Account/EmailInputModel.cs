using System.ComponentModel.DataAnnotations;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>The one-field form of the pages that send an account email.</summary>
public sealed class EmailInputModel
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [StringLength(256, ErrorMessage = "That email address is too long.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = string.Empty;
}
