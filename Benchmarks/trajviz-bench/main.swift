// trajviz-bench: release-build benchmarks, each compared against its peer script in the same run
// by the drivers in scripts/. Usage: trajviz-bench optimizers|mnist|figure|landscape [options]
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "optimizers": runOptimizerBenchmark(Array(arguments.dropFirst()))
case "mnist": runMNISTBenchmark(Array(arguments.dropFirst()))
case "figure": runFigureBenchmark(Array(arguments.dropFirst()))
case "landscape": runLandscapeBenchmark(Array(arguments.dropFirst()))
default:
    print("usage: trajviz-bench optimizers|mnist|figure|landscape [options]")
    exit(2)
}
