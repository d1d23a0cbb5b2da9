using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using NetGen.Data.Hdf5;
using NetGen.IO;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Data;

/// <summary>
/// The course's cat / non-cat files, read by <see cref="Hdf5File"/> and checked against h5py. They live in the
/// shared data folder beside the repository clone (../shared/data), not in the repository, so these tests are skipped
/// where it is missing (and fail under CI): <see cref="Requires.CourseData"/>.
/// </summary>
public sealed class CatDataTests
{
    const string TrainFile = "train_catvnoncat.h5";
    const string TestFile = "test_catvnoncat.h5";

    [Theory]
    [InlineData(TrainFile, "train_set_x", "train_set_y", 209, 72, 137)]
    [InlineData(TestFile, "test_set_x", "test_set_y", 50, 33, 17)]
    public void ImagesLabelsAndClasses_MatchTheCourse(string fileName, string imagesName, string labelsName, int examples, int cats, int nonCats)
    {
        var file = Hdf5File.Open(Path.Combine(Requires.CourseData(), fileName));

        Assert.Equal(new[] { "list_classes", imagesName, labelsName }, file.DatasetNames.OrderBy(name => name, StringComparer.Ordinal));

        var images = file.GetDataset(imagesName);
        Assert.Equal(new long[] { examples, 64, 64, 3 }, images.Shape);
        Assert.Equal("|u1", images.ElementType.ToString());
        Assert.Equal(examples * 64 * 64 * 3, images.ReadBytes().Length);

        var labels = file.GetDataset(labelsName);
        Assert.Equal(new long[] { examples }, labels.Shape);
        Assert.Equal("<i8", labels.ElementType.ToString());
        var values = labels.ReadInt64();
        Assert.Equal(cats, values.Count(label => label == 1));
        Assert.Equal(nonCats, values.Count(label => label == 0));

        var classes = file.GetDataset("list_classes");
        Assert.Equal("|S7", classes.ElementType.ToString());
        Assert.Equal(new[] { "non-cat", "cat" }, classes.ReadStrings());
    }

    [Theory]
    [InlineData(TrainFile, "train_set_x", "train_set_y")]
    [InlineData(TestFile, "test_set_x", "test_set_y")]
    public void PixelsAndLabels_AreExactlyWhatH5pyReads(string fileName, string imagesName, string labelsName)
    {
        var path = Path.Combine(Requires.CourseData(), fileName);
        Requires.Python("numpy", "h5py");
        var reference = Python.Run("""
            import sys, hashlib, h5py
            with h5py.File(sys.argv[1], 'r') as f:
                x = f[sys.argv[2]][()]
                y = f[sys.argv[3]][()]
                print(hashlib.sha256(x.tobytes()).hexdigest())
                print(' '.join(str(int(v)) for v in y))
            """, path, imagesName, labelsName).Split('\n');

        var file = Hdf5File.Open(path);
        var pixels = file.GetDataset(imagesName).ReadBytes();
        Assert.Equal(reference[0].Trim(), Convert.ToHexStringLower(SHA256.HashData(pixels)));
        Assert.Equal(reference[1].Trim(), string.Join(' ', file.GetDataset(labelsName).ReadInt64()));
    }
}
