using System;
using System.IO;
using System.Linq;
using NetGen.IO;

namespace Digits;

/// <summary>One side of the split: pixels / 16 (sample-major, 64 per image) and classes.</summary>
public sealed record DigitSet(float[] X, int[] Classes)
{
    public int Count => Classes.Length;
}

/// <summary>sklearn's digits with the stratified train/test split sklearn made (Data/digits.npz, beside the program).</summary>
public static class DigitsData
{
    public static (DigitSet Train, DigitSet Test) Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "digits.npz");
        var arrays = Npz.Read(path);
        var images = arrays["images"];
        if (images.Shape.Count != 2 || images.Shape[1] != DigitsNet.InputSize)
            throw new InvalidDataException($"'{path}': images must be (m, {DigitsNet.InputSize}), but they are {images.ShapeText}.");
        var pixels = images.ToByteArray();
        var target = arrays["target"].ToInt64Array();
        DigitSet Take(string key)
        {
            var index = arrays[key].ToInt64Array();
            var x = new float[index.Length * DigitsNet.InputSize];
            for (var i = 0; i < index.Length; i++)
                for (var k = 0; k < DigitsNet.InputSize; k++)
                    x[i * DigitsNet.InputSize + k] = pixels[index[i] * DigitsNet.InputSize + k] / 16f;
            return new DigitSet(x, index.Select(i => checked((int)target[i])).ToArray());
        }
        return (Take("train_index"), Take("test_index"));
    }
}
