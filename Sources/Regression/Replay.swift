import Optimizers
import Stepping
import Surfaces

/// A manifest that cannot be replayed: an unknown surface or optimizer, or hyperparameters the
/// optimizer refuses; the message names the path and what is accepted.
public struct ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ManifestSurface {
    /// The built-in surface this manifest names.
    ///
    /// - Throws: ``ReplayError`` when the manifest holds a file surface's definition (the caller
    ///   rebuilds it from ``definition``) or names no built-in surface.
    public func builtInSurface() throws(ReplayError) -> any Surface {
        guard definition == nil else {
            throw ReplayError("surface '\(name)' was read from a file; rebuild it from the manifest's surface.definition")
        }
        guard let surface = Surfaces.named(name) else {
            throw ReplayError("unknown surface '\(name)'; built-in surfaces: " + Surfaces.names.joined(separator: ", "))
        }
        return surface
    }
}

/// The most steps ``replay(_:surface:optimizers:)`` runs for one path: the limit of `--steps`
/// (``RunLimits/steps``).
public let maximumReplaySteps = RunLimits.steps.upperBound

/// The loss and gradient of `surface` at (x, y), as ``trace(_:label:name:start:steps:objective:)``
/// takes them. The CLI and ``replay(_:surface:optimizers:)`` both trace through this, so a
/// replayed path repeats the recorded one operation for operation.
public func objective(of surface: any Surface) -> (Double, Double) -> (loss: Double, gx: Double, gy: Double) {
    { x, y in
        let (value, gradient) = surface.evaluate(Point(x, y))
        return (value, gradient.x, gradient.y)
    }
}

/// Recomputes every path of `manifest` from its recorded surface, optimizers, hyperparameters,
/// schedules, noise, runs, starts and step counts, nothing else.
///
/// The optimizers and surfaces are the same deterministic code, so the paths equal the recorded
/// ones exactly (compare them with `rtol: 0, atol: 0`) unless trajviz's numerics changed.
///
///     let m = try Manifest.decode(bytes)
///     let paths = try replay(m) { s in
///         if let d = s.definition { return try fileSurface(from: d) }   // the CLI's SurfaceFiles glue
///         return try s.builtInSurface()
///     }
///
/// - Parameters:
///   - surface: builds the surface from the manifest's record; use
///     ``ManifestSurface/builtInSurface()`` for built-ins, and SurfaceFiles for a definition.
///   - optimizers: finds an optimizer by its registry name (default: ``OptimizerRegistry``).
/// - Throws: ``ReplayError`` for an unknown optimizer, refused hyperparameters or a schedule that
///   cannot run, naming the path; whatever `surface` throws.
public func replay(
    _ manifest: Manifest,
    surface: (ManifestSurface) throws -> any Surface,
    optimizers: (String) -> OptimizerKind? = { OptimizerRegistry.named($0) }
) throws -> [Trajectory] {
    var paths: [Trajectory] = []
    try replay(manifest, surface: surface, optimizers: optimizers) { _, path in paths.append(path) }
    return paths
}

/// ``replay(_:surface:optimizers:)`` handing each path to `each` (with its index) as soon as it is
/// traced, so that a caller holds one path at a time. Every path is checked (its steps, optimizer,
/// hyperparameters and schedule) before the first is traced: an error comes before any path.
public func replay(
    _ manifest: Manifest,
    surface: (ManifestSurface) throws -> any Surface,
    optimizers: (String) -> OptimizerKind? = { OptimizerRegistry.named($0) },
    each: (Int, Trajectory) throws -> Void
) throws {
    let f = objective(of: try surface(manifest.surface))
    // Decoding checks these limits too; a manifest built in code is checked here. A path that
    // diverged at step 0 holds no points, so only its steps say how long it runs: 10^12 steps
    // would reserve terabytes and then never end.
    do { try RunLimits.check(run: manifest.paths.map(\.steps)) } catch { throw ReplayError(error.message(at: "paths")) }
    var prepared: [(any Optimizer, Schedule?)] = []
    for (i, path) in manifest.paths.enumerated() {
        do { try RunLimits.check(steps: path.steps) } catch {
            throw ReplayError(error.message(at: "paths[\(i)].steps") + " (path '\(path.label)')")
        }
        guard let kind = optimizers(path.optimizer) else {
            throw ReplayError("path '\(path.label)': unknown optimizer '\(path.optimizer)'; accepted: "
                              + OptimizerRegistry.names.joined(separator: ", "))
        }
        let optimizer: any Optimizer
        do { optimizer = try kind.make(path.hyperparameters) } catch {
            throw ReplayError("path '\(path.label)': \(error.message)")
        }
        do {
            let schedule = try path.schedule.map { text throws(ScheduleError) in try Schedule.parse(text) }
            // What trace checks before its first step (stepping it may still fail, as trace does).
            _ = try schedule?.start(lr: optimizer.learningRate, cycledMomentum: type(of: optimizer).cycledMomentum, steps: path.steps)
            prepared.append((optimizer, schedule))
        } catch {
            throw ReplayError("path '\(path.key)': schedule '\(path.schedule ?? "")': \(error.message)")
        }
    }
    for (i, path) in manifest.paths.enumerated() {
        let (optimizer, schedule) = prepared[i]
        var replayed: Trajectory
        do {
            replayed = try trace(optimizer, label: path.label, name: path.optimizer,
                                 start: (path.start.x, path.start.y), steps: path.steps,
                                 schedule: schedule, noise: manifest.noise, run: path.run, objective: f)
        } catch {
            throw ReplayError("path '\(path.key)': schedule '\(path.schedule ?? "")': \(error.message)")
        }
        replayed.appearance = path.appearance
        try each(i, replayed)
    }
}
