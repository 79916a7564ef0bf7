import Foundation
import Optimizers
import Stepping
import Surfaces
import Testing

/// One reference path of the `textbook.`, `keras.` and `optax.` families, made by
/// `scripts/reference/gen_families.py` with Keras 3 (torch backend), optax (jax) and the book's
/// formulas in numpy, all in float64.
struct FamilyCase: CustomTestStringConvertible, Sendable {
    var surface: String
    var optimizer: String
    /// The spec written as the command line takes it: `keras.adam:beta_1=0.5,lr=0.05`.
    var spec: String
    var schedule: String?
    var start: (Double, Double)
    var steps: Int
    var xs: [Double], ys: [Double], losses: [Double]
    /// The rate of every step, for a scheduled case.
    var lrs: [Double]?
    var divergedAt: Int?

    var testDescription: String {
        "\(surface) \(spec)\(schedule.map { "@" + $0 } ?? "") from (\(start.0), \(start.1))"
    }

    static func load() throws -> [FamilyCase] {
        guard let url = Bundle.module.url(forResource: "families", withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError("missing fixture families.json")
        }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let cases = root?["cases"] as? [[String: Any]] else { throw FixtureError("no cases in families.json") }
        return try cases.map { c in
            guard let surface = c["surface"] as? String, let optimizer = c["optimizer"] as? String,
                  let params = c["params"] as? [String: Any], let start = c["start"] as? [Double],
                  let steps = c["steps"] as? Int, let xs = c["xs"] as? [Double], let ys = c["ys"] as? [Double],
                  let losses = c["losses"] as? [Double] else { throw FixtureError("malformed case in families.json") }
            let written = params.keys.sorted().map { key -> String in
                let n = params[key] as! NSNumber
                // JSONSerialization gives booleans as NSNumber; tell them apart by their Objective-C type.
                let text = String(cString: n.objCType) == "c" ? (n.boolValue ? "true" : "false") : "\(n.doubleValue)"
                return "\(key)=\(text)"
            }
            return FamilyCase(surface: surface, optimizer: optimizer,
                              spec: optimizer + ":" + written.joined(separator: ","), schedule: c["schedule"] as? String,
                              start: (start[0], start[1]), steps: steps, xs: xs, ys: ys, losses: losses,
                              lrs: c["lrs"] as? [Double], divergedAt: c["diverged_at"] as? Int)
        }
    }

    /// The path through the library: the spec parsed as the command line parses it, its schedule,
    /// `trace` on the surface (the plane f = 0.1x − 0.2y for `linear`, the book's check).
    func trajviz() throws -> Trajectory {
        let specs = try OptimizerSpec.parseList(spec + (schedule.map { "@" + $0 } ?? ""))
        try #require(specs.count == 1)
        let optimizer = try specs[0].kind.make(specs[0].overrides)
        let schedule = try specs[0].schedule.map { text throws in try Schedule.parse(text) }
        let f: (Double, Double) -> (loss: Double, gx: Double, gy: Double)
        if surface == "linear" {
            f = { x, y in (0.1 * x - 0.2 * y, 0.1, -0.2) }
        } else {
            f = try #require(objective(surface))
        }
        return try trace(optimizer, label: spec, name: specs[0].name, start: start, steps: steps, schedule: schedule, objective: f)
    }
}

/// Every family reference path, step for step through the library: points and losses within
/// 1e-9 · max(1, |reference|), the same divergence step, and under a schedule the rate of every
/// step within 1e-12 relative.
@Suite struct FamilyReferenceTests {
    static let cases = (try? FamilyCase.load()) ?? []

    @Test func fixtureCoversEveryFamilyEntry() {
        #expect(Self.cases.count >= 225)
        let covered = Set(Self.cases.map(\.optimizer))
        for family in OptimizerRegistry.families where !family.isDefault {
            for kind in OptimizerRegistry.entries(of: family) {
                #expect(covered.contains(kind.name), "no reference path for \(kind.name)")
                // every option of every entry appears in some case (besides its defaults)
                let written = Set(Self.cases.filter { $0.optimizer == kind.name }
                    .flatMap { $0.spec.split(separator: ":")[1].split(separator: ",").map { String($0.split(separator: "=")[0]) } })
                for info in kind.parameters where !written.contains(info.name) {
                    // or set on an entry of the same rule (keras.adamw is keras.adam with a preset)
                    let elsewhere = Self.cases.contains { c in
                        OptimizerRegistry.named(c.optimizer).map { ObjectIdentifier($0.rule) } == ObjectIdentifier(kind.rule)
                            && c.spec.contains(info.name + "=")
                    }
                    #expect(elsewhere, "no case sets \(kind.name) \(info.name)")
                }
            }
        }
        #expect(Self.cases.filter { $0.schedule != nil }.count >= 15)
        #expect(Self.cases.contains { $0.divergedAt != nil })
    }

    @Test(arguments: cases) func reproducesTheReference(_ c: FamilyCase) throws {
        let path = try c.trajviz()
        #expect(path.divergedAt == c.divergedAt, "diverged at \(String(describing: path.divergedAt))")
        #expect(path.xs.count == c.xs.count, "\(path.xs.count) points, reference \(c.xs.count)")
        if let lrs = c.lrs {
            for k in 0..<min(path.lrs.count, lrs.count) where !closeToReferenceRate(path.lrs[k], lrs[k]) {
                Issue.record("the rate of step \(k + 1) is \(path.lrs[k]), reference \(lrs[k])")
                return
            }
        }
        for k in 0..<min(path.xs.count, c.xs.count) {
            let ok = closeToReference(path.xs[k], c.xs[k]) && closeToReference(path.ys[k], c.ys[k])
                && closeToReference(path.losses[k], c.losses[k])
            if !ok {
                Issue.record("step \(k) is (\(path.xs[k]), \(path.ys[k]), \(path.losses[k])), reference (\(c.xs[k]), \(c.ys[k]), \(c.losses[k]))")
                return
            }
        }
    }

    /// The seed's one-step printouts of the book's optimizers from (1, 2) on f = 0.1x − 0.2y (lr
    /// 0.01, Adam 0.001): the values the book's own classes give after one `update` (Python's repr,
    /// which Swift's description matches). Momentum's 0.999, 2.002 is right; the article's printed
    /// 0.99, 2.02 is a misprint.
    @Test func theBooksOneStepPrintouts() throws {
        let expected: [(String, String, String)] = [
            ("textbook.sgd:lr=0.01", "0.999", "2.002"),
            ("textbook.momentum:lr=0.01", "0.999", "2.002"),
            ("textbook.adagrad:lr=0.01", "0.99000000999999", "2.0099999950000025"),
            ("textbook.adam:lr=0.001", "0.9990000316217766", "2.0009999841888617"),
            ("textbook.nesterov:lr=0.01", "0.9981", "2.0038"),
            ("textbook.rmsprop:lr=0.01", "0.9000009999900002", "2.0999995000025"),
        ]
        for (spec, x, y) in expected {
            let specs = try OptimizerSpec.parseList(spec)
            let path = try trace(try specs[0].kind.make(specs[0].overrides), label: spec, name: specs[0].name,
                                 start: (1, 2), steps: 1) { x, y in (0.1 * x - 0.2 * y, 0.1, -0.2) }
            #expect("\(path.xs[1])" == x && "\(path.ys[1])" == y, "\(spec): (\(path.xs[1]), \(path.ys[1]))")
        }
    }
}
