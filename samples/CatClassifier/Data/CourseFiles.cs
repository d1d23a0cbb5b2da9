using System.IO;
using NetGen.IO;

namespace CatClassifier.Data;

/// <summary>The course's train_catvnoncat.h5 and test_catvnoncat.h5, read with NetGen's HDF5 reader.</summary>
public static class CourseFiles
{
    public const string TrainFile = "train_catvnoncat.h5", TestFile = "test_catvnoncat.h5";

    public static (LabelledImages Train, LabelledImages Test) Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"--data: the folder '{directory}' does not exist; expected a folder holding {TrainFile} and {TestFile}.");
        return (Load(Path.Combine(directory, TrainFile), "train_set"), Load(Path.Combine(directory, TestFile), "test_set"));
    }

    static LabelledImages Load(string path, string prefix)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The course's data file '{path}' was not found.", path);
        var file = Hdf5File.Open(path);
        var images = file.GetDataset(prefix + "_x");
        var labels = file.GetDataset(prefix + "_y");
        var shape = images.Shape;
        if (shape.Count != 4 || shape[1] != LabelledImages.Height || shape[2] != LabelledImages.Width || shape[3] != LabelledImages.Channels)
            throw new InvalidDataException($"{path}: {prefix}_x must have shape (N, 64, 64, 3), but it has ({string.Join(", ", shape)}).");
        return LabelledImages.FromBytes(path, images.ReadBytes(), labels.ReadInt64());
    }
}
