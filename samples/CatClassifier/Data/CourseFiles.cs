using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Data.Hdf5;
using NetGen.IO;

namespace CatClassifier.Data;

/// <summary>The course's train_catvnoncat.h5 and test_catvnoncat.h5, read with NetGen's HDF5 reader.</summary>
public static class CourseFiles
{
    public const string TrainFile = "train_catvnoncat.h5", TestFile = "test_catvnoncat.h5";

    const string ImagesExpected = "uint8 pixels (|u1) of shape (N, 64, 64, 3), N at least 1, as the course's files store them";
    const string LabelsExpected = "integer labels 0 or 1 (such as <i8), one per image";

    public static (LabelledImages Train, LabelledImages Test) Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(File.Exists(directory)
                ? $"--data: '{directory}' is a file; expected a folder holding {TrainFile} and {TestFile}."
                : $"--data: the folder '{directory}' does not exist; expected a folder holding {TrainFile} and {TestFile}.");
        return (Load(Path.Combine(directory, TrainFile), "train_set"), Load(Path.Combine(directory, TestFile), "test_set"));
    }

    static LabelledImages Load(string path, string prefix)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"--data: the course's data file '{path}' was not found; expected {TrainFile} and {TestFile} in that folder.", path);
        var file = Hdf5File.Open(path);
        var images = Dataset(file, prefix + "_x", ImagesExpected);
        var labels = Dataset(file, prefix + "_y", LabelsExpected);

        var shape = images.Shape;
        if (images.ElementType is not { Class: Hdf5TypeClass.Integer, Size: 1, IsSigned: false }
            || shape.Count != 4 || shape[0] == 0 || shape[1] != LabelledImages.Height || shape[2] != LabelledImages.Width || shape[3] != LabelledImages.Channels)
            throw Mismatch(path, images, ImagesExpected);
        if (labels.ElementType.Class != Hdf5TypeClass.Integer)
            throw Mismatch(path, labels, LabelsExpected);

        long[] values;
        try { values = labels.ReadInt64(); }
        catch (OverflowException e) { throw new InvalidDataException($"{e.Message} Expected {LabelsExpected}.", e); }
        return LabelledImages.FromBytes(path, images.ReadBytes(), values);
    }

    static Hdf5Dataset Dataset(Hdf5File file, string name, string expected)
    {
        try { return file.GetDataset(name); }
        catch (KeyNotFoundException e) { throw new InvalidDataException($"{e.Message} Expected '{name}' to hold {expected}.", e); }
    }

    static InvalidDataException Mismatch(string path, Hdf5Dataset dataset, string expected) =>
        new($"'{path}': '{dataset.Name}' holds {dataset.ElementType} elements of shape {Tuple(dataset.Shape)}; expected {expected}.");

    /// <summary>A shape as Python prints it: (3,), (2, 64).</summary>
    static string Tuple(IReadOnlyList<long> shape) => shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
