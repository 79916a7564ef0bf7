// swift-tools-version: 6.1
//
// trajviz: how gradient optimizers travel across 2D loss surfaces.
//
// Data flows one way, and the targets follow it:
//   Surfaces ─▶ Optimizers (rules) ─▶ Stepping (loop, schedules, noise) ─▶ Trajectory ─▶ Plot (Figure)
//            ─▶ CairoRender (bytes) ─▶ TrajvizCLI (files)
//   MNIST ─▶ Models (MLP, CNN, linear) ─▶ the same Optimizers and Stepping's schedules ─▶ curves ─▶ Plot ─▶ ...
// Only CairoRender touches Cairo pointers; only TrajvizCLI touches the file system and the terminal
// (MNIST reads the IDX files it is pointed at).
import PackageDescription

let numerics = Target.Dependency.product(name: "RealModule", package: "swift-numerics")

/// What `swift build --static-swift-stdlib` links, for the release `trajviz` alone: the Swift runtime
/// and Foundation as static archives. Start-up without their shared libraries takes half as long
/// (issue 17; scripts/bench-startup.sh). The modules were compiled for dynamic linking and name only
/// their own libraries, so every archive is listed here, in one group (archives refer to each other).
let staticSwiftRuntime = ["-static-stdlib", "-Xlinker", "--start-group"]
    + ["swiftCore", "swift_Concurrency", "swift_StringProcessing", "swift_RegexParser", "swiftSynchronization",
       "swiftGlibc", "BlocksRuntime", "dispatch", "swiftDispatch", "_FoundationICU", "CoreFoundation", "Foundation",
       "FoundationEssentials", "FoundationInternationalization", "_FoundationCShims", "_FoundationCollections"]
        .flatMap { ["-Xlinker", "-l" + $0] }  // through -Xlinker, so that they stay inside the group
    + ["-Xlinker", "--end-group"]
    // A position-dependent executable: the statically linked runtime and Foundation brought 83,000
    // relative relocations that the loader applied at every start (a copy-on-write page fault for
    // each page they touch), 3 ms of `trajviz --version` before main (issue 17).
    + ["-Xclang-linker", "-no-pie"]

let package = Package(
    name: "trajviz",
    products: [
        .executable(name: "trajviz", targets: ["trajviz"]),
        .library(name: "Surfaces", targets: ["Surfaces"]),
        .library(name: "Optimizers", targets: ["Optimizers"]),
        .library(name: "Stepping", targets: ["Stepping"]),
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
        .target(name: "Stepping", dependencies: ["Numbers", "Optimizers"], exclude: ["README.md"]),
        .target(name: "Expressions", dependencies: ["Numbers", numerics], exclude: ["README.md"]),
        .target(name: "SurfaceFiles", dependencies: ["Numbers", "Surfaces", "Expressions", "TOMLKit"], exclude: ["README.md"]),

        // MARK: figures
        // Plot shares large grids' sampling and contouring among the cores with Jobs (issue 17).
        .target(name: "Plot", dependencies: ["Numbers", "Surfaces", "Optimizers", "Jobs", numerics], exclude: ["README.md"]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // PNG files are compressed by ISA-L's igzip: the default figure's rows 4.7x faster than by
        // libdeflate, which was itself 8.6x fewer instructions than Cairo's libpng writer (issue 17;
        // Sources/PNGEncoding/README.md).
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .target(name: "PNGEncoding", dependencies: ["CISAL", "Jobs"], exclude: ["README.md"]),
        .target(name: "CairoRender", dependencies: ["Plot", "CCairo", "PNGEncoding", "Jobs"], exclude: ["README.md"]),

        // MARK: animations (issue 13): each C library in its own module and the one target owning its pointers
        .systemLibrary(name: "CGif", providers: [.apt(["libgif-dev"])]),
        .target(name: "GIFEncoding", dependencies: ["CGif"], exclude: ["README.md"]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebpmux", providers: [.apt(["libwebp-dev"])]),
        .target(name: "WebPEncoding", dependencies: ["CWebP", "Jobs"], exclude: ["README.md"]),
        .target(name: "Animation", dependencies: ["Plot", "CairoRender", "GIFEncoding", "WebPEncoding", "Jobs"], exclude: ["README.md"]),

        // MARK: the MNIST check
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Not linked: Models/BLAS.swift loads libopenblas.so.0 (Debian's libopenblas0) with dlopen when a
        // model is trained, after choosing its kernel set from the CPU's features (issue 17).
        .target(name: "COpenBLAS"),
        .target(name: "MNIST", dependencies: ["CZlib"], exclude: ["README.md"], resources: [.copy("Data")]),
        // Weights in and out (--init-from, --save-weights): the safetensors format, read strictly.
        .target(name: "SafeTensors"),
        .target(name: "Models", dependencies: ["Optimizers", "Stepping", "SafeTensors", "COpenBLAS", numerics], exclude: ["README.md"]),

        // MARK: the MLP's loss landscape (issue 14)
        .target(name: "Landscape", dependencies: ["Models", "Jobs", "Stepping", "Optimizers", "Regression"], exclude: ["README.md"]),

        // MARK: independent runs on every core
        .target(name: "Jobs", exclude: ["README.md"]),

        // MARK: studies: sweeps, basin maps, tuning (issue 12)
        .target(name: "Studies", dependencies: ["Numbers", "Optimizers", "Stepping", "Surfaces", "Jobs", "Regression", numerics],
                exclude: ["README.md"]),

        // MARK: regression workflow
        .target(name: "Regression", dependencies: ["Numbers", "Surfaces", "Optimizers", "Stepping", "Plot"], exclude: ["README.md"]),

        // MARK: command line
        .target(name: "TrajvizCLI", dependencies: [
            "Numbers", "Surfaces", "Optimizers", "Stepping", "SurfaceFiles", "Plot", "CairoRender", "Animation", "MNIST", "Models", "SafeTensors",
            "Regression", "Jobs", "Landscape", "Studies",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"]),
        // Release builds link the Swift runtime and Foundation statically: resolving their symbols
        // across a dozen shared libraries was half of `trajviz --version`'s start-up (issue 17).
        .executableTarget(name: "trajviz", dependencies: ["TrajvizCLI"],
                          linkerSettings: [.unsafeFlags(staticSwiftRuntime, .when(platforms: [.linux], configuration: .release))]),
        .executableTarget(name: "trajviz-bench", dependencies: ["Surfaces", "Optimizers", "Stepping", "Plot", "CairoRender", "PNGEncoding", "MNIST", "Models", "Landscape", "Jobs"], path: "Benchmarks/trajviz-bench"),
        .target(name: "FuzzGenerators", dependencies: ["Optimizers", "Stepping", "Expressions", "SurfaceFiles", "MNIST", "Regression", "Surfaces", "TrajvizCLI"], path: "Fuzz/FuzzGenerators"),
        .executableTarget(name: "trajviz-fuzz", dependencies: ["FuzzGenerators"], path: "Fuzz/trajviz-fuzz"),

        // MARK: tests
        .testTarget(name: "NumbersTests", dependencies: ["Numbers"]),
        .testTarget(name: "SurfacesTests", dependencies: ["Surfaces", numerics]),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "Surfaces", numerics]),
        .testTarget(name: "SteppingTests", dependencies: ["Stepping", "Optimizers", "Surfaces"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions", "SurfaceFiles", "Surfaces", numerics]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "Surfaces", "Optimizers"]),
        .testTarget(name: "PNGEncodingTests", dependencies: ["PNGEncoding", "CZlib", "CISAL"]),
        .testTarget(name: "CairoRenderTests", dependencies: ["CairoRender", "Plot", "Surfaces", "Optimizers", "Stepping", "Regression"], resources: [.copy("Golden")]),
        .testTarget(name: "MNISTTests", dependencies: ["MNIST"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "MNIST", "Optimizers", "Stepping", "SafeTensors"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RegressionTests", dependencies: ["Regression", "Optimizers", "Stepping", "Surfaces", "Plot"]),
        .testTarget(name: "TrajvizCLITests", dependencies: ["TrajvizCLI", "Regression", "Studies", "Surfaces", "Optimizers", "Stepping", "SafeTensors", "GIFEncoding", "WebPEncoding"], resources: [.copy("Fixtures")]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs"]),
        .testTarget(name: "StudiesTests", dependencies: ["Studies", "Optimizers", "Stepping", "Surfaces", "Regression"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GIFEncodingTests", dependencies: ["GIFEncoding"]),
        .testTarget(name: "AnimationTests", dependencies: ["Animation", "Plot", "CairoRender", "GIFEncoding", "WebPEncoding", "Surfaces", "Optimizers", "Stepping", "Regression"]),
        .testTarget(name: "LandscapeTests", dependencies: ["Landscape", "Models", "MNIST", "Optimizers"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzGenerators", "Optimizers", "Stepping", "Expressions", "SurfaceFiles", "MNIST", "Regression"], resources: [.copy("Crashers")]),
    ]
)
