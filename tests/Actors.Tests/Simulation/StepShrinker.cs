namespace CallCenter.Actors.Tests.Simulation;

/// <summary>
/// Shrinks a failing list of steps to a short one that fails the same way (removes runs of steps,
/// then simplifies each number), for turning a property failure into a readable regression test.
/// </summary>
public static class StepShrinker
{
    public static int[] Shrink(int[] steps, Func<int[], string?> failure)
    {
        var expected = Kind(failure(steps) ?? throw new ArgumentException("the steps do not fail", nameof(steps)));
        bool StillFails(int[] candidate) => failure(candidate) is { } f && Kind(f) == expected;
        var current = steps;
        for (var progress = true; progress;)
        {
            progress = false;
            for (var size = Math.Max(1, current.Length / 2); size >= 1; size /= 2)
                for (var start = 0; start + size <= current.Length;)
                {
                    var candidate = current[..start].Concat(current[(start + size)..]).ToArray();
                    if (candidate.Length > 0 && StillFails(candidate))
                    {
                        current = candidate;
                        progress = true;
                    }
                    else
                        start += size;
                }
            for (var i = 0; i < current.Length; i++)
                foreach (var simpler in new[] { 0, current[i] & 0xFF, (current[i] & 0xFF) % 100 })
                    if (simpler < current[i] && StillFails(Replace(current, i, simpler)))
                    {
                        current = Replace(current, i, simpler);
                        progress = true;
                    }
        }
        return current;
    }

    /// <summary>The failure's wording without its ids, so a shrink keeps the same kind of failure.</summary>
    private static string Kind(string message) => new(message.Where(char.IsLetter).ToArray());

    private static int[] Replace(int[] steps, int index, int value)
    {
        var copy = (int[])steps.Clone();
        copy[index] = value;
        return copy;
    }
}
