using System;
using CatClassifier.Data;

namespace CatClassifier.Commands;

/// <summary>The course's <c>predict</c>: probabilities for a whole set, and the share classified right at 0.5.</summary>
public static class Evaluation
{
    public static float[] Probabilities(CatNet net, LabelledImages images)
    {
        var output = new float[images.Count];
        net.Predict(images.X, output);
        return output;
    }

    public static double Accuracy(CatNet net, LabelledImages images)
    {
        var probabilities = Probabilities(net, images);
        var right = 0;
        for (var i = 0; i < probabilities.Length; i++)
            if ((probabilities[i] > 0.5f ? 1 : 0) == (int)images.Y[i]) right++;
        return (double)right / Math.Max(1, images.Count);
    }
}
