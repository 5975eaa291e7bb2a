using System.Collections;
using System.Text;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>
/// One header field line (RFC 3261 §7.3): its canonical name and its unfolded value, usually a slice of the
/// received bytes (no copy).
/// </summary>
public readonly record struct SipHeader(string Name, ReadOnlyMemory<byte> Value)
{
    public string ValueText => Encoding.UTF8.GetString(Value.Span);

    public static SipHeader Create(string name, string value) => new(HeaderNames.Canonicalize(name), Encoding.UTF8.GetBytes(value));

    public static SipHeader Create(string name, object value) => Create(name, value.ToString() ?? string.Empty);

    public override string ToString() => $"{Name}: {ValueText}";
}

/// <summary>The header lines of a message in their original order, with lookup by (canonical) name.</summary>
public sealed class SipHeaderList : IReadOnlyList<SipHeader>
{
    private readonly SipHeader[] _headers;

    public SipHeaderList(IEnumerable<SipHeader> headers) => _headers = [.. headers];

    internal SipHeaderList(SipHeader[] headers, bool owned) => _headers = owned ? headers : [.. headers];

    public int Count => _headers.Length;

    public SipHeader this[int index] => _headers[index];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The first value of a header, as text; null when absent.</summary>
    public string? Get(string name) => IndexOf(name) is var i and >= 0 ? _headers[i].ValueText : null;

    public IEnumerable<SipHeader> GetAll(string name)
    {
        name = HeaderNames.Canonicalize(name);
        foreach (var h in _headers)
        {
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return h;
            }
        }
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < _headers.Length; i++)
        {
            if (ReferenceEquals(_headers[i].Name, name) || string.Equals(_headers[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public IEnumerator<SipHeader> GetEnumerator() => ((IEnumerable<SipHeader>)_headers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal ReadOnlySpan<SipHeader> AsSpan() => _headers;
}
