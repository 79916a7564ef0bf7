func runMNISTBenchmark(_ arguments: [String]) { print("not yet") }
