namespace PeerCircle.Domain.OneToOne;

/// <summary>
/// A goal the member sets for themself ("set goals for yourself"), broken into small steps. The member
/// records progress by marking steps done; progress is the share of steps done (100% once achieved).
/// Only the pair sees goals; they are deleted with the pairing's messages.
/// </summary>
public sealed class Goal
{
    public const int TitleMaxLength = 120;
    public const int StepMaxLength = 200;
    public const int MaxPerPairing = 5;
    public const int MaxSteps = 10;

    private readonly List<GoalStep> _steps = [];

    private Goal()
    {
        Title = string.Empty;
    }

    internal Goal(Guid pairingId, string? title, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        PairingId = pairingId;
        Title = RequiredText.Check(title, TitleMaxLength, "Write the goal.", "goal");
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PairingId { get; private set; }
    public string Title { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? AchievedUtc { get; private set; }
    public IReadOnlyCollection<GoalStep> Steps => _steps;

    /// <summary>Per cent of the steps done, rounded down; 100 once achieved; 0 with no steps yet.</summary>
    public int ProgressPercent => AchievedUtc is not null ? 100
        : _steps.Count == 0 ? 0
        : _steps.Count(s => s.DoneUtc is not null) * 100 / _steps.Count;

    public GoalStep AddStep(Pairing pairing, Guid byUserId, string? text, DateTime nowUtc)
    {
        EnsureMemberOfActive(pairing, byUserId);
        if (_steps.Count >= MaxSteps)
        {
            throw new DomainException($"A goal can have at most {MaxSteps} steps.");
        }

        var step = new GoalStep(Id, RequiredText.Check(text, StepMaxLength, "Write the step.", "step"), _steps.Count + 1, nowUtc);
        _steps.Add(step);
        return step;
    }

    /// <summary>The member records progress: a step done (or not done after all).</summary>
    public void SetStepDone(Pairing pairing, Guid byUserId, Guid stepId, bool done, DateTime nowUtc)
    {
        EnsureMemberOfActive(pairing, byUserId);
        var step = _steps.SingleOrDefault(s => s.Id == stepId) ?? throw new DomainException("That step is not part of this goal.");
        step.DoneUtc = done ? step.DoneUtc ?? nowUtc : null;
        if (!done)
        {
            AchievedUtc = null;
        }
        else if (_steps.All(s => s.DoneUtc is not null))
        {
            AchievedUtc ??= nowUtc;
        }
    }

    public void MarkAchieved(Pairing pairing, Guid byUserId, DateTime nowUtc)
    {
        EnsureMemberOfActive(pairing, byUserId);
        AchievedUtc ??= nowUtc;
    }

    private void EnsureMemberOfActive(Pairing pairing, Guid byUserId)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        if (pairing.Id != PairingId)
        {
            throw new DomainException("That goal is not part of this pairing.");
        }

        if (byUserId != pairing.MemberId)
        {
            throw new DomainException("Only the person who set the goal records its progress.");
        }

        pairing.EnsureActive("This pairing has ended, so its goals can no longer change.");
    }
}

public sealed class GoalStep
{
    private GoalStep()
    {
        Text = string.Empty;
    }

    internal GoalStep(Guid goalId, string text, int order, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        GoalId = goalId;
        Text = text;
        Order = order;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid GoalId { get; private set; }
    public string Text { get; private set; }
    public int Order { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? DoneUtc { get; internal set; }
}
