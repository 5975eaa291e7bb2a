namespace CallCenter.Node.Realtime;

/// <summary>How many connections watch the queues: with none, nobody asks the queue entities.</summary>
public sealed class QueueWatchers
{
    private int _count;

    public bool Any => Volatile.Read(ref _count) > 0;

    public void Add() => Interlocked.Increment(ref _count);

    public void Remove() => Interlocked.Decrement(ref _count);
}
