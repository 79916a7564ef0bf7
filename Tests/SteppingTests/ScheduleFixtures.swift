import Foundation
import Optimizers
import Stepping

/// One reference path under a schedule, made by `scripts/reference/gen_schedules.py` (or the
/// public `torch-schedules.json` it extends) with torch's lr_scheduler in float64.
struct ScheduleCase: CustomStringConvertible, Sendable {
    var surface: String
    var spec: String
    var start: (Double, Double)
    var steps: Int
    var xs: [Double], ys: [Double], losses: [Double], lrs: [Double]

    var description: String { "\(surface) \(spec) from (\(start.0), \(start.1)), \(steps) steps" }

    /// Loads `Fixtures/<name>.json`.
    static func load(_ name: String) throws -> [ScheduleCase] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError("missing fixture \(name).json")
        }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let cases = root?["cases"] as? [[String: Any]] else { throw FixtureError("no cases in \(name).json") }
        return try cases.map { c in
            guard let surface = c["surface"] as? String, let spec = c["spec"] as? String, let start = c["start"] as? [Double],
                  let steps = c["steps"] as? Int, let xs = c["xs"] as? [Double], let ys = c["ys"] as? [Double],
                  let losses = c["losses"] as? [Double], let lrs = c["lrs"] as? [Double] else {
                throw FixtureError("malformed case in \(name).json")
            }
            return ScheduleCase(surface: surface, spec: spec, start: (start[0], start[1]), steps: steps,
                                xs: xs, ys: ys, losses: losses, lrs: lrs)
        }
    }

    /// The path trajviz computes for this case through the library: the spec parsed as the
    /// command line parses it, its schedule after `@`, `trace` on the built-in surface.
    func trajviz() throws -> Trajectory {
        let specs = try OptimizerSpec.parseList(spec)
        guard specs.count == 1, let f = objective(surface) else { throw FixtureError("cannot run \(self)") }
        let optimizer = try specs[0].kind.make(specs[0].overrides)
        let schedule = try specs[0].schedule.map { text throws in try Schedule.parse(text) }
        return try trace(optimizer, label: spec, name: specs[0].name, start: start, steps: steps, schedule: schedule, objective: f)
    }
}

/// Whether `a` equals the reference rate within 1e-12 relative.
func closeToReferenceRate(_ a: Double, _ reference: Double) -> Bool {
    abs(a - reference) <= 1e-12 * abs(reference) || a == reference
}
