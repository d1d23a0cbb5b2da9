using Xunit.Sdk;

namespace NetGen.Tests.Infrastructure;

/// <summary>A snapshot differs from, or is missing beside, its committed <c>.verified.</c> file.</summary>
public sealed class SnapshotMismatchException(string message) : XunitException(message);
