using System.Collections;
using System.Reflection;

namespace CallCenter.Actors.Tests.Support;

/// <summary>
/// Builds an instance of any protocol record by reflection through its widest constructor, with
/// every field set to a non-default value, and compares two instances field by field (collections
/// by content), so a round trip can show that nothing was lost.
/// </summary>
public static class Samples
{
    public static readonly DateTimeOffset SampleTime = new(2024, 5, 1, 10, 30, 15, 250, TimeSpan.FromHours(2));

    public static object Create(Type type) => Create(type, type.Name);

    private static object Create(Type type, string hint)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return Create(inner, hint);
        if (type == typeof(string)) return $"{hint}-sample";
        if (type == typeof(int)) return 7;
        if (type == typeof(long)) return 42L;
        if (type == typeof(double)) return 2.5;
        if (type == typeof(bool)) return true;
        if (type == typeof(DateTimeOffset)) return SampleTime;
        if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(90);
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!;
        }
        if (type == typeof(object))
            return $"{hint}-object";
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition)
        {
            var args = type.GetGenericArguments();
            if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>))
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
                dictionary.Add(Create(args[0], $"{hint}-key1"), Create(args[1], $"{hint}-value1"));
                dictionary.Add(Create(args[0], $"{hint}-key2"), Create(args[1], $"{hint}-value2"));
                return dictionary;
            }
            if (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)
                || definition == typeof(List<>))
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args))!;
                list.Add(Create(args[0], $"{hint}-item1"));
                list.Add(Create(args[0], $"{hint}-item2"));
                return list;
            }
        }
        var constructor = WidestConstructor(type);
        var parameters = constructor.GetParameters();
        return constructor.Invoke(parameters.Select(p => Create(p.ParameterType, $"{hint}.{p.Name}")).ToArray());
    }

    public static ConstructorInfo WidestConstructor(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Where(c => !(c.GetParameters() is [{ } only] && only.ParameterType == type))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"{type.Name} has no public constructor to build a sample with");

    /// <summary>Every difference between two instances, as "path: expected vs actual"; empty when equal in content.</summary>
    public static IReadOnlyList<string> Differences(object? expected, object? actual, string path = "")
    {
        var found = new List<string>();
        Compare(expected, actual, path, found);
        return found;
    }

    /// <summary>Fields of the sample that still hold their type's default (a sample must exercise every field).</summary>
    public static IReadOnlyList<string> DefaultFields(object sample)
    {
        var type = sample.GetType();
        return WidestConstructor(type).GetParameters()
            .Select(p => (p.Name!, Value: Property(type, p.Name!)?.GetValue(sample)))
            .Where(f => f.Value is null || (f.Value.GetType().IsValueType && f.Value.Equals(Activator.CreateInstance(f.Value.GetType()))))
            .Select(f => f.Item1)
            .ToList();
    }

    private static void Compare(object? expected, object? actual, string path, List<string> found)
    {
        if (expected is null || actual is null)
        {
            if (!(expected is null && actual is null))
                found.Add($"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            return;
        }
        var type = expected.GetType();
        if (type.IsPrimitive || type.IsEnum || expected is string or DateTimeOffset or TimeSpan or decimal)
        {
            if (!expected.Equals(actual))
                found.Add($"{path}: {expected} vs {actual}");
            return;
        }
        if (expected is IDictionary expectedMap && actual is IDictionary actualMap)
        {
            if (expectedMap.Count != actualMap.Count)
                found.Add($"{path}: {expectedMap.Count} entries vs {actualMap.Count}");
            foreach (DictionaryEntry entry in expectedMap)
            {
                if (!actualMap.Contains(entry.Key))
                    found.Add($"{path}[{entry.Key}]: missing");
                else
                    Compare(entry.Value, actualMap[entry.Key], $"{path}[{entry.Key}]", found);
            }
            return;
        }
        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            if (left.Count != right.Count)
                found.Add($"{path}: {left.Count} items vs {right.Count}");
            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
                Compare(left[i], right[i], $"{path}[{i}]", found);
            return;
        }
        if (actual.GetType() != type)
        {
            found.Add($"{path}: {type.Name} vs {actual.GetType().Name}");
            return;
        }
        foreach (var parameter in WidestConstructor(type).GetParameters())
        {
            var property = Property(type, parameter.Name!);
            if (property is null)
                found.Add($"{path}.{parameter.Name}: no property to compare");
            else
                Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{parameter.Name}", found);
        }
    }

    private static PropertyInfo? Property(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
}
