using System.Collections.Concurrent;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Registrar;

/// <summary>One contact bound to an address-of-record (RFC 3261 §10.3): where to reach it, until when, with what preference.</summary>
public sealed record SipBinding(string Aor, NameAddress Contact, DateTimeOffset ExpiresAt, double Q, string CallId, uint CSeq, SipFlow? Flow = null)
{
    /// <summary>The contact URI as the binding's identity within its AOR (§10.3 step 7 compares contact URIs).</summary>
    public string ContactKey => Contact.Uri.ToString();

    public long SecondsLeft(DateTimeOffset now) => Math.Max(0, (long)Math.Ceiling((ExpiresAt - now).TotalSeconds));
}

public enum SipBindingChangeKind
{
    Added,
    Refreshed,
    Removed,
    Expired,
}

/// <summary>A binding appeared, was refreshed, was removed by its owner, or expired.</summary>
public sealed record SipBindingChange(SipBindingChangeKind Kind, SipBinding Binding);

/// <summary>Where bindings live (in memory now; a shared store later for several gateway nodes).</summary>
public interface ISipBindingStore
{
    IReadOnlyList<SipBinding> Get(string aor);

    /// <summary>Adds or replaces the binding of the same AOR and contact; returns the one it replaced.</summary>
    SipBinding? Put(SipBinding binding);

    SipBinding? Remove(string aor, string contactKey);

    /// <summary>Removes and returns every binding that expired at <paramref name="now"/>.</summary>
    IReadOnlyList<SipBinding> RemoveExpired(DateTimeOffset now);

    IReadOnlyList<string> Aors { get; }
}

/// <summary>Bindings in a dictionary per AOR; each AOR's list is guarded by its own lock.</summary>
public sealed class InMemoryBindingStore : ISipBindingStore
{
    private readonly ConcurrentDictionary<string, List<SipBinding>> _byAor = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Aors => [.. _byAor.Keys];

    public IReadOnlyList<SipBinding> Get(string aor)
    {
        if (!_byAor.TryGetValue(aor, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    public SipBinding? Put(SipBinding binding)
    {
        var list = _byAor.GetOrAdd(binding.Aor, _ => []);
        lock (list)
        {
            var i = list.FindIndex(b => b.ContactKey == binding.ContactKey);
            var old = i >= 0 ? list[i] : null;
            if (i >= 0)
            {
                list[i] = binding;
            }
            else
            {
                list.Add(binding);
            }

            return old;
        }
    }

    public SipBinding? Remove(string aor, string contactKey)
    {
        if (!_byAor.TryGetValue(aor, out var list))
        {
            return null;
        }

        lock (list)
        {
            var i = list.FindIndex(b => b.ContactKey == contactKey);
            if (i < 0)
            {
                return null;
            }

            var old = list[i];
            list.RemoveAt(i);
            return old;
        }
    }

    public IReadOnlyList<SipBinding> RemoveExpired(DateTimeOffset now)
    {
        var expired = new List<SipBinding>();
        foreach (var list in _byAor.Values)
        {
            lock (list)
            {
                expired.AddRange(list.Where(b => b.ExpiresAt <= now));
                list.RemoveAll(b => b.ExpiresAt <= now);
            }
        }

        return expired;
    }
}
