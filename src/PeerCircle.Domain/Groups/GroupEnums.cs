namespace PeerCircle.Domain.Groups;

public enum Topic
{
    WorkStress,
    Anxiety,
    NewToWork,
    Burnout,
    Grief,
    LowMood,
    Loneliness,
    WorkLifeBalance,
}

public enum GroupFormat
{
    Online,
    InPerson,
    Hybrid,
}

public enum JoinPolicy
{
    Open,
    ByRequest,
}

public enum GroupStatus
{
    Active,
    Archived,
}

public enum MembershipStatus
{
    Pending,
    Active,
    Declined,
    Left,
    Removed,
}

public static class TopicNames
{
    public static string Display(Topic topic) => topic switch
    {
        Topic.WorkStress => "Work stress",
        Topic.Anxiety => "Anxiety",
        Topic.NewToWork => "New to work",
        Topic.Burnout => "Burnout",
        Topic.Grief => "Grief",
        Topic.LowMood => "Low mood",
        Topic.Loneliness => "Loneliness",
        Topic.WorkLifeBalance => "Work-life balance",
        _ => topic.ToString(),
    };

    public static string Display(GroupFormat format) => format switch
    {
        GroupFormat.InPerson => "In person",
        _ => format.ToString(),
    };
}
