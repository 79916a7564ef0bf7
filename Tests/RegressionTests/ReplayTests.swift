import Optimizers
import Stepping
import Surfaces
import Testing
@testable import Regression

/// Every registered optimizer with a few non-default values, traced on the test valley.
private func run() throws -> [Trajectory] {
    var paths = try OptimizerRegistry.all.map { kind in
        try tracePath(kind.name, kind.name, on: TestValley(), steps: 60)
    }
    paths.append(try tracePath("adam:lr=0.05,beta1=0.8,amsgrad=true", "adam",
                               .init([("lr", .number(0.05)), ("beta1", .number(0.8)), ("amsgrad", .flag(true))]), steps: 60))
    paths.append(try tracePath("sgd:lr=1", "sgd", .init([("lr", .number(1))]), on: TestValley(), from: Point(10, 0), steps: 30))
    return paths
}

private func surface(_ s: ManifestSurface) throws -> any Surface {
    guard s.name == TestValley().name else { throw ReplayError("unexpected surface \(s.name)") }
    return TestValley()
}

@Test func replayOfADecodedManifestIsIdentical() throws {
    #expect(OptimizerRegistry.all.count >= 18)
    let paths = try run()
    #expect(paths.last?.divergedAt != nil)  // a diverged path replays too
    let bytes = Manifest(surface: TestValley(), start: Point(-1.5, 2), trajectories: paths.dropLast()
                         + [paths.last!]).encode()
    var manifest = try Manifest.decode(bytes)
    // The diverged path started elsewhere; the manifest records each path's own start.
    manifest.paths[manifest.paths.count - 1].start = Point(10, 0)
    let replayed = try replay(manifest, surface: surface)
    #expect(replayed.count == paths.count)
    for (r, p) in zip(replayed, paths) { #expect(identical(r, p), "\(p.label)") }
    #expect(comparePaths(expected: replayed.map(PathRecord.init), actual: try PathCSV.read(PathCSV.write(paths)), rtol: 0, atol: 0).agrees)
}

@Test func replayNamesUnknownOptimizersAndBadValues() throws {
    var m = Manifest(surface: TestValley(), start: Point(0, 0), trajectories: [try tracePath("adam", "adam", steps: 2)])
    m.paths[0].optimizer = "adamm"
    #expect(throws: ReplayError.self) { try replay(m, surface: surface) }
    do { _ = try replay(m, surface: surface) } catch {
        #expect("\(error)".hasPrefix("path 'adam': unknown optimizer 'adamm'; accepted: sgd, momentum"))
    }
    m.paths[0].optimizer = "adam"
    m.paths[0].hyperparameters["lr"] = .number(-1)
    do { _ = try replay(m, surface: surface); Issue.record("accepted lr -1") } catch {
        #expect("\(error)".hasPrefix("path 'adam': adam: Invalid learning rate: -1"))
    }
}

@Test func builtInSurfaceLookup() throws {
    let fileSurface = ManifestSurface(name: "valley", title: "Valley", formula: "x", domain: Domain(x: 0...1, y: 0...1),
                                      definition: .object([("f", .string("x"))]))
    #expect(throws: ReplayError.self) { try fileSurface.builtInSurface() }
    let unknown = ManifestSurface(name: "no-such-surface", title: "", formula: "", domain: Domain(x: 0...1, y: 0...1))
    #expect(throws: ReplayError.self) { try unknown.builtInSurface() }
    if let first = Surfaces.builtIn.first {
        #expect(try ManifestSurface(first).builtInSurface().name == first.name)
    }
}

@Test func replayRefusesStepsBeyondTheLimit() throws {
    // Found by fuzzing: a path that diverged at step 0 records no points, so a manifest with
    // steps = 10^12 decoded, and replay tried to reserve 10^12 points.
    var m = Manifest(surface: TestValley(), start: Point(0, 0), trajectories: [try tracePath("adam", "adam", steps: 2)])
    m.paths[0].steps = 1_000_000_000_000
    m.paths[0].divergedAt = 0
    m.paths[0].xs = []; m.paths[0].ys = []; m.paths[0].losses = []; m.paths[0].lrs = []
    // Decoding refuses it with the command line's limit and words...
    #expect(throws: ManifestError("paths[0].steps: invalid value 1000000000000; expected a whole number from 0 to 1000000")) {
        try Manifest.decode(m.encode())
    }
    // ...and replay refuses a manifest built in code the same way.
    #expect(throws: ReplayError.self) { try replay(m, surface: surface) }
    do { _ = try replay(m, surface: surface) } catch {
        #expect("\(error)".contains("1000000000000") && "\(error)".contains("\(maximumReplaySteps)"))
    }
}

@Test func schedulesNoiseAndRunsReplayBitForBit() throws {
    let noise = GradientNoise(sigma: 2, decay: 0.55, seed: 11)
    var paths: [Trajectory] = []
    let specs: [(String, String, Hyperparameters, String?)] = [
        ("adam:lr=0.05@cosine:T_max=40", "adam", .init([("lr", .number(0.05))]), "cosine:T_max=40"),
        ("momentum@onecycle:max_lr=0.001", "momentum", .init([("lr", .number(2e-4))]), "onecycle:max_lr=0.001"),
        ("lion:lr=0.01@plateau:patience=2", "lion", .init([("lr", .number(0.01))]), "plateau:patience=2"),
        ("rmsprop", "rmsprop", .init([("lr", .number(0.01))]), nil),
    ]
    for (label, name, overrides, schedule) in specs {
        let optimizer = try #require(OptimizerRegistry.named(name)).make(overrides)
        for run in 1...3 {
            paths.append(try trace(optimizer, label: label, name: name, start: (-1.5, 2), steps: 60,
                                   schedule: try schedule.map { try Schedule.parse($0) }, noise: noise, run: run,
                                   objective: objective(of: TestValley())))
        }
    }
    // Runs differ from each other; a schedule moved the rate.
    #expect(!identical(paths[0].xs, paths[1].xs) && paths[0].lrs.first != paths[0].lrs.last)
    let manifest = try Manifest.decode(Manifest(surface: TestValley(), start: Point(-1.5, 2), trajectories: paths,
                                                noise: noise, runs: 3).encode())
    #expect(manifest.noise == noise && manifest.runs == 3)
    #expect(manifest.paths.map(\.run) == Array(repeating: [1, 2, 3], count: 4).flatMap { $0 })
    #expect(manifest.paths[0].schedule == "cosine:T_max=40" && manifest.paths[9].schedule == nil)
    let replayed = try replay(manifest, surface: surface)
    #expect(replayed.count == paths.count)
    for (r, p) in zip(replayed, paths) { #expect(identical(r, p), "\(p.label) run \(p.run ?? 0)") }
    #expect(comparePaths(expected: replayed.map(PathRecord.init), actual: try PathCSV.read(PathCSV.write(paths)), rtol: 0, atol: 0).agrees)
}

@Test func aScheduleThatCannotRunIsNamed() throws {
    var m = Manifest(surface: TestValley(), start: Point(0, 0), trajectories: [try tracePath("adagrad", "adagrad", steps: 2)])
    m.paths[0].schedule = "onecycle:max_lr=0.1"
    do { _ = try replay(m, surface: surface); Issue.record("accepted onecycle on adagrad") } catch {
        #expect("\(error)" == "path 'adagrad': schedule 'onecycle:max_lr=0.1': onecycle: optimizer must support momentum or beta1 with `cycle_momentum` option enabled (this optimizer has neither; add cycle_momentum=false)")
    }
}
