using System.Text;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>One generic-param (RFC 3261 §25.1): a name and, unless it is a flag, its value as written (quotes kept).</summary>
public readonly record struct SipParameter(string Name, string? Value);

/// <summary>An ordered, immutable list of parameters; names compare case-insensitively (RFC 3261 §7.3.1).</summary>
public sealed class SipParameters
{
    private readonly SipParameter[] _items;

    public static readonly SipParameters Empty = new([]);

    public SipParameters(IEnumerable<SipParameter> items) => _items = [.. items];

    public int Count => _items.Length;

    public IReadOnlyList<SipParameter> Items => _items;

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value as written (a quoted value keeps its quotes), or null when absent or a flag.</summary>
    public string? this[string name] => IndexOf(name) is var i and >= 0 ? _items[i].Value : null;

    /// <summary>Returns a copy with <paramref name="name"/> set (replaced in place, or appended).</summary>
    public SipParameters With(string name, string? value)
    {
        var i = IndexOf(name);
        var copy = i >= 0 ? (SipParameter[])_items.Clone() : [.. _items, default];
        copy[i >= 0 ? i : copy.Length - 1] = new SipParameter(i >= 0 ? _items[i].Name : name, value);
        return new SipParameters(copy);
    }

    public SipParameters Without(string name) =>
        IndexOf(name) < 0 ? this : new SipParameters(_items.Where(p => !p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)));

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (_items[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes ";name=value" for each parameter.</summary>
    public void AppendTo(StringBuilder sb)
    {
        foreach (var p in _items)
        {
            sb.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                sb.Append('=').Append(p.Value);
            }
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }
}
