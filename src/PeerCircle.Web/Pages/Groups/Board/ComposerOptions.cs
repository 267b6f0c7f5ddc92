using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>The audience and byline choices a compose form starts with.</summary>
public sealed record ComposerOptions(string Prefix, ShareAudience Audience, ShareByline Byline);

/// <summary>
/// The audience and byline choices of the new-conversation and reply forms, written straight to the page. It was
/// a partial view: a view lookup, a view context and a buffer of its own on every view of a conversation, about 2 %
/// of its CPU (issue 9, docs/performance.md), for markup that depends only on the form's prefix and two choices.
/// </summary>
public static class ShareComposer
{
    public static IHtmlContent Render(ComposerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Fields(options);
    }

    private sealed class Fields(ComposerOptions options) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var prefix = encoder.Encode(options.Prefix);
            writer.Write("<fieldset class=\"mb-3\">\n    <legend class=\"form-label fs-6\">Who is it for?</legend>\n");
            Choice(writer, prefix, "audience-group", "Audience", nameof(ShareAudience.Group), options.Audience == ShareAudience.Group,
                "The group (its members and facilitators)", describedBy: null);
            Choice(writer, prefix, "audience-facilitators", "Audience", nameof(ShareAudience.FacilitatorsOnly), options.Audience == ShareAudience.FacilitatorsOnly,
                "Facilitators only", describedBy: null);
            writer.Write("</fieldset>\n<fieldset class=\"mb-3\">\n    <legend class=\"form-label fs-6\">How should you be named?</legend>\n");
            Choice(writer, prefix, "byline-pseudonym", "Byline", nameof(ShareByline.Pseudonym), options.Byline == ShareByline.Pseudonym,
                "By my pseudonym", describedBy: null);
            Choice(writer, prefix, "byline-anonymous", "Byline", nameof(ShareByline.Anonymous), options.Byline == ShareByline.Anonymous,
                "Anonymous to the group", describedBy: "anonymous-help");
            writer.Write("    <p id=\"");
            writer.Write(prefix);
            writer.Write("-anonymous-help\" class=\"form-text\">Anonymous means other members see \"Anonymous\". Facilitators will still see that it was you.</p>\n</fieldset>\n");
        }

        private static void Choice(TextWriter writer, string prefix, string id, string property, string value, bool chosen, string label, string? describedBy)
        {
            writer.Write("    <div class=\"form-check\">\n        <input class=\"form-check-input\" type=\"radio\" id=\"");
            writer.Write(prefix);
            writer.Write('-');
            writer.Write(id);
            writer.Write("\" name=\"");
            writer.Write(prefix);
            writer.Write('.');
            writer.Write(property);
            writer.Write("\" value=\"");
            writer.Write(value);
            writer.Write(chosen ? "\" checked=\"checked\"" : "\"");
            if (describedBy is not null)
            {
                writer.Write(" aria-describedby=\"");
                writer.Write(prefix);
                writer.Write('-');
                writer.Write(describedBy);
                writer.Write('"');
            }

            writer.Write(" />\n        <label class=\"form-check-label\" for=\"");
            writer.Write(prefix);
            writer.Write('-');
            writer.Write(id);
            writer.Write("\">");
            writer.Write(label);
            writer.Write("</label>\n    </div>\n");
        }
    }
}
