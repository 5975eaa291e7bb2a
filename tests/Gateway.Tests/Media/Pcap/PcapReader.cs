using System.Buffers.Binary;

namespace CallCenter.Gateway.Tests.Media.Pcap;

/// <summary>One UDP datagram found in a capture.</summary>
internal sealed record UdpDatagram(DateTimeOffset Captured, int SourcePort, int DestinationPort, byte[] Payload);

/// <summary>
/// Just enough of the classic libpcap format (not pcapng) to replay captured RTP: Ethernet, Linux
/// cooked and raw-IP link types, IPv4 and IPv6, UDP only; unfragmented packets. Other frames are skipped.
/// </summary>
internal static class PcapReader
{
    private const uint Magic = 0xA1B2C3D4;
    private const uint NanosecondMagic = 0xA1B23C4D;
    private const int LinkEthernet = 1;
    private const int LinkRaw = 101;
    private const int LinkLinuxCooked = 113;

    public static IReadOnlyList<UdpDatagram> ReadUdp(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool littleEndian = magic is Magic or NanosecondMagic;
        if (!littleEndian && BinaryPrimitives.ReverseEndianness(magic) is not (Magic or NanosecondMagic))
        {
            throw new InvalidDataException($"{path} is not a libpcap capture.");
        }

        bool nanoseconds = (littleEndian ? magic : BinaryPrimitives.ReverseEndianness(magic)) == NanosecondMagic;
        uint Read32(int offset) => littleEndian
            ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset))
            : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));

        int linkType = (int)(Read32(20) & 0xFFFF);
        var datagrams = new List<UdpDatagram>();
        int position = 24;
        while (position + 16 <= file.Length)
        {
            long seconds = Read32(position);
            long fraction = Read32(position + 4);
            int captured = (int)Read32(position + 8);
            position += 16;
            if (position + captured > file.Length)
            {
                break;
            }

            DateTimeOffset time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds ? fraction / 100 : fraction * 10);
            ReadOnlySpan<byte> frame = file.AsSpan(position, captured);
            position += captured;
            if (TryGetIpPacket(linkType, frame, out ReadOnlySpan<byte> ip) && TryGetUdp(ip, out int source, out int destination, out ReadOnlySpan<byte> payload))
            {
                datagrams.Add(new UdpDatagram(time, source, destination, payload.ToArray()));
            }
        }

        return datagrams;
    }

    private static bool TryGetIpPacket(int linkType, ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> ip)
    {
        ip = default;
        int offset = linkType switch
        {
            LinkEthernet => 14,
            LinkLinuxCooked => 16,
            LinkRaw => 0,
            _ => -1,
        };
        if (offset < 0 || frame.Length < offset)
        {
            return false;
        }

        if (linkType == LinkEthernet && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x8100)
        {
            offset += 4; // an 802.1Q VLAN tag
        }

        ip = frame[offset..];
        return true;
    }

    private static bool TryGetUdp(ReadOnlySpan<byte> ip, out int source, out int destination, out ReadOnlySpan<byte> payload)
    {
        source = destination = 0;
        payload = default;
        if (ip.IsEmpty)
        {
            return false;
        }

        int version = ip[0] >> 4;
        int headerLength;
        int protocol;
        if (version == 4 && ip.Length >= 20)
        {
            headerLength = (ip[0] & 0x0F) * 4;
            protocol = ip[9];
        }
        else if (version == 6 && ip.Length >= 40)
        {
            headerLength = 40;
            protocol = ip[6];
        }
        else
        {
            return false;
        }

        if (protocol != 17 || ip.Length < headerLength + 8)
        {
            return false;
        }

        ReadOnlySpan<byte> udp = ip[headerLength..];
        source = BinaryPrimitives.ReadUInt16BigEndian(udp);
        destination = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        int length = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(udp[4..]), udp.Length);
        payload = udp[8..length];
        return true;
    }
}
