using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --filter '*'
// (add --inProcess to run without BenchmarkDotNet building a separate copy of the project)
BenchmarkSwitcher.FromAssembly(typeof(NetGen.Benchmarks.CatNet).Assembly).Run(args);
