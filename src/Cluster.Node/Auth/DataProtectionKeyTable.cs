using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CallCenter.Node.Auth;

/// <summary>
/// The Data Protection key ring in <see cref="SignInStateStore"/>, so that every web node protects and reads cookies
/// and CSRF tokens with the same keys, also after a restart. Nodes that find no key at once may each create one:
/// Data Protection keeps several keys and reads with any of them, so the ring converges on the next refresh.
/// Keys are stored unencrypted (README, "Sign-in and access").
/// </summary>
public sealed class DataProtectionKeyTable(SignInStateStore store, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.Keys().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        store.AddKey(friendlyName, element.ToString(SaveOptions.DisableFormatting), clock.GetUtcNow());
}
