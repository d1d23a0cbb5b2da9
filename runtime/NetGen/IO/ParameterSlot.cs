namespace NetGen.IO;

/// <summary>
/// One parameter array of a network as <see cref="ParameterFiles"/> saves and loads it: the course's key
/// (<c>"W1"</c>, <c>"b1"</c>, ...) and the row-major matrix of <paramref name="Rows"/> x <paramref name="Columns"/>
/// elements held in <paramref name="Values"/>.
/// </summary>
/// <param name="Key">The .npz key, e.g. <c>"W1"</c>.</param>
/// <param name="Values">The elements, row-major; <see cref="ParameterFiles.Load"/> overwrites them in place.</param>
/// <param name="Rows">Rows of the numpy array (n_l for both <c>W_l</c> and <c>b_l</c>).</param>
/// <param name="Columns">Columns of the numpy array (n_{l-1} for <c>W_l</c>, 1 for <c>b_l</c>).</param>
public readonly record struct ParameterSlot(string Key, float[] Values, int Rows, int Columns);
