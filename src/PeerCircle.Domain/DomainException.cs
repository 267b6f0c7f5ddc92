namespace PeerCircle.Domain;

/// <summary>
/// A rule of the domain was broken. The message is written for the person using the app:
/// pages show it as a validation message next to the form.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string message) : base(message)
    {
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DomainException()
    {
    }
}
