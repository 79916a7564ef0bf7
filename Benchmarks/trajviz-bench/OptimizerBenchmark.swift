func runOptimizerBenchmark(_ arguments: [String]) { print("not yet") }
