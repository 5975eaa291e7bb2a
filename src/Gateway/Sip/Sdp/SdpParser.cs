using System.Globalization;
using System.Text;

namespace CallCenter.Gateway.Sip.Sdp;

/// <summary>A parsed session, or why the body is not one.</summary>
public readonly record struct SdpParseResult(SdpSession? Session, string? Error)
{
    public bool IsSuccess => Session is not null;
}

/// <summary>Parses type=value lines (RFC 4566 §5); never throws. Tolerates LF-only line ends and a trailing empty line.</summary>
public static class SdpParser
{
    public static SdpParseResult Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return ParseCore(Encoding.UTF8.GetString(body));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return new SdpParseResult(null, "unparseable session description");
        }
    }

    private static SdpParseResult ParseCore(string text)
    {
        int? version = null;
        SdpOrigin? origin = null;
        string? name = null;
        SdpConnection? connection = null;
        var timings = new List<SdpTiming>();
        var lines = new List<SdpLine>();
        var attributes = new List<SdpAttribute>();
        var media = new List<SdpMedia>();
        MediaBuilder? current = null;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=')
            {
                return Fail($"line {number} is not type=value");
            }

            var type = line[0];
            var value = line[2..];
            switch (type)
            {
                case 'v' when current is null:
                    version = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case 'o' when current is null:
                    origin = ParseOrigin(value);
                    if (origin is null)
                    {
                        return Fail("bad o= line");
                    }

                    break;
                case 's' when current is null:
                    name = value;
                    break;
                case 't' when current is null:
                    var t = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (t.Length != 2)
                    {
                        return Fail("bad t= line");
                    }

                    timings.Add(new SdpTiming(ulong.Parse(t[0], CultureInfo.InvariantCulture), ulong.Parse(t[1], CultureInfo.InvariantCulture)));
                    break;
                case 'c':
                    var c = ParseConnection(value);
                    if (c is null)
                    {
                        return Fail("bad c= line");
                    }

                    if (current is null)
                    {
                        connection = c;
                    }
                    else
                    {
                        current.Connection = c;
                    }

                    break;
                case 'a':
                    var colon = value.IndexOf(':');
                    var attribute = colon < 0 ? new SdpAttribute(value, null) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
                    (current?.Attributes ?? attributes).Add(attribute);
                    break;
                case 'm':
                    if (current is not null)
                    {
                        media.Add(current.Build());
                    }

                    current = MediaBuilder.Parse(value);
                    if (current is null)
                    {
                        return Fail("bad m= line");
                    }

                    break;
                default:
                    (current?.Lines ?? lines).Add(new SdpLine(type, value));
                    break;
            }
        }

        if (current is not null)
        {
            media.Add(current.Build());
        }

        if (version is null || origin is null || name is null)
        {
            return Fail("missing v=, o= or s=");
        }

        return new SdpParseResult(new SdpSession(version.Value, origin, name, connection, timings, lines, attributes, media), null);
    }

    private static SdpOrigin? ParseOrigin(string value)
    {
        var p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return p.Length == 6 && ulong.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? new SdpOrigin(p[0], p[1], v, p[3], p[4], p[5])
            : null;
    }

    private static SdpConnection? ParseConnection(string value)
    {
        var p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return p.Length == 3 ? new SdpConnection(p[0], p[1], p[2]) : null;
    }

    private static SdpParseResult Fail(string why) => new(null, why);

    private sealed class MediaBuilder
    {
        private MediaBuilder(string media, int port, int? count, string protocol, List<string> formats)
        {
            (Media, Port, Count, Protocol, Formats) = (media, port, count, protocol, formats);
        }

        public string Media { get; }

        public int Port { get; }

        public int? Count { get; }

        public string Protocol { get; }

        public List<string> Formats { get; }

        public SdpConnection? Connection { get; set; }

        public List<SdpLine> Lines { get; } = [];

        public List<SdpAttribute> Attributes { get; } = [];

        /// <summary>m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...</summary>
        public static MediaBuilder? Parse(string value)
        {
            var p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length < 3)
            {
                return null;
            }

            var ports = p[1].Split('/');
            if (!int.TryParse(ports[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                return null;
            }

            int? count = ports.Length > 1 && int.TryParse(ports[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            return new MediaBuilder(p[0], port, count, p[2], [.. p.Skip(3)]);
        }

        public SdpMedia Build() => new(Media, Port, Count, Protocol, Formats, Connection, Lines, Attributes);
    }
}
