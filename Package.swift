// swift-tools-version: 6.1
//
// trajviz: how gradient optimizers travel across 2D loss surfaces.
//
// Data flows one way, and the targets follow it:
//   Surfaces ─▶ Optimizers (steps) ─▶ Trajectory ─▶ Plot (Figure) ─▶ CairoRender (bytes) ─▶ TrajvizCLI (files)
//   MNIST ─▶ MLP ─▶ the same Optimizers ─▶ curves ─▶ Plot ─▶ ...
// Only CairoRender touches Cairo pointers; only TrajvizCLI touches the file system and the terminal
// (MNIST reads the IDX files it is pointed at).
import PackageDescription

let numerics = Target.Dependency.product(name: "RealModule", package: "swift-numerics")

let package = Package(
    name: "trajviz",
    products: [
        .executable(name: "trajviz", targets: ["trajviz"]),
        .library(name: "Surfaces", targets: ["Surfaces"]),
        .library(name: "Optimizers", targets: ["Optimizers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // MARK: numeric core
        .target(name: "Numbers", exclude: ["README.md"]),
        .target(name: "Surfaces", dependencies: [numerics], exclude: ["README.md"]),
        .target(name: "Optimizers", dependencies: ["Numbers", numerics], exclude: ["README.md"]),
        .target(name: "Expressions", dependencies: ["Numbers", numerics], exclude: ["README.md"]),
        .target(name: "SurfaceFiles", dependencies: ["Numbers", "Surfaces", "Expressions", "TOMLKit"], exclude: ["README.md"]),

        // MARK: figures
        .target(name: "Plot", dependencies: ["Numbers", "Surfaces", "Optimizers", numerics], exclude: ["README.md"]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .target(name: "CairoRender", dependencies: ["Plot", "CCairo"], exclude: ["README.md"]),

        // MARK: the MNIST check
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "MNIST", dependencies: ["CZlib"], exclude: ["README.md"], resources: [.copy("Data")]),
        .target(name: "MLP", dependencies: ["Optimizers", "COpenBLAS", numerics], exclude: ["README.md"]),

        // MARK: independent runs on every core
        .target(name: "Jobs", exclude: ["README.md"]),

        // MARK: regression workflow
        .target(name: "Regression", dependencies: ["Numbers", "Surfaces", "Optimizers", "Plot"], exclude: ["README.md"]),

        // MARK: command line
        .target(name: "TrajvizCLI", dependencies: [
            "Numbers", "Surfaces", "Optimizers", "SurfaceFiles", "Plot", "CairoRender", "MNIST", "MLP", "Regression",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"]),
        .executableTarget(name: "trajviz", dependencies: ["TrajvizCLI"]),
        .executableTarget(name: "trajviz-bench", dependencies: ["Surfaces", "Optimizers", "Plot", "CairoRender", "MNIST", "MLP"], path: "Benchmarks/trajviz-bench"),
        .target(name: "FuzzGenerators", dependencies: ["Optimizers", "Expressions", "SurfaceFiles", "MNIST", "Regression", "Surfaces", "TrajvizCLI"], path: "Fuzz/FuzzGenerators"),
        .executableTarget(name: "trajviz-fuzz", dependencies: ["FuzzGenerators"], path: "Fuzz/trajviz-fuzz"),

        // MARK: tests
        .testTarget(name: "NumbersTests", dependencies: ["Numbers"]),
        .testTarget(name: "SurfacesTests", dependencies: ["Surfaces", numerics]),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "Surfaces", numerics], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions", "SurfaceFiles", "Surfaces", numerics]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "Surfaces", "Optimizers"]),
        .testTarget(name: "CairoRenderTests", dependencies: ["CairoRender", "Plot", "Surfaces", "Optimizers", "Regression"], resources: [.copy("Golden")]),
        .testTarget(name: "MNISTTests", dependencies: ["MNIST"]),
        .testTarget(name: "MLPTests", dependencies: ["MLP", "MNIST", "Optimizers"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RegressionTests", dependencies: ["Regression", "Optimizers", "Surfaces", "Plot"]),
        .testTarget(name: "TrajvizCLITests", dependencies: ["TrajvizCLI", "Regression", "Surfaces", "Optimizers"], resources: [.copy("Fixtures")]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs"]),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzGenerators", "Optimizers", "Expressions", "SurfaceFiles", "MNIST", "Regression"], resources: [.copy("Crashers")]),
    ]
)
