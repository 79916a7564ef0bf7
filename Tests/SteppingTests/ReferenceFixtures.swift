import Foundation
import Optimizers
import Surfaces

/// One reference path made by `scripts/reference/gen_reference.py` with the reference
/// implementation in float64.
struct ReferenceCase: CustomStringConvertible {
    var surface: String
    var optimizer: String
    var params: [(String, HyperValue)]
    var start: (Double, Double)
    var steps: Int
    var xs: [Double], ys: [Double], losses: [Double]
    /// Present only in cases that check divergence (null when the path stays finite).
    var divergedAt: Int??

    var description: String {
        "\(surface) \(optimizer):" + params.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
            + " from (\(start.0), \(start.1))"
    }

    /// Loads `Fixtures/<name>.json`.
    static func load(_ name: String) throws -> [ReferenceCase] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError("missing fixture \(name).json")
        }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let cases = root?["cases"] as? [[String: Any]] else { throw FixtureError("no cases in \(name).json") }
        return try cases.map { c in
            guard let surface = c["surface"] as? String, let optimizer = c["optimizer"] as? String,
                  let params = c["params"] as? [String: Any], let start = c["start"] as? [Double],
                  let steps = c["steps"] as? Int, let xs = c["xs"] as? [Double], let ys = c["ys"] as? [Double],
                  let losses = c["losses"] as? [Double] else { throw FixtureError("malformed case in \(name).json") }
            // JSON objects lose their order; the spec order does not matter to the rules.
            let values: [(String, HyperValue)] = params.keys.sorted().map { key in
                let v = params[key]!
                // JSONSerialization gives booleans as NSNumber; tell them apart by their Objective-C type.
                if let n = v as? NSNumber, String(cString: n.objCType) == "c" { return (key, .flag(n.boolValue)) }
                return (key, .number((v as! NSNumber).doubleValue))
            }
            var diverged: Int?? = nil
            if let d = c["diverged_at"] { diverged = .some(d as? Int) }
            return ReferenceCase(surface: surface, optimizer: optimizer, params: values, start: (start[0], start[1]),
                                 steps: steps, xs: xs, ys: ys, losses: losses, divergedAt: diverged)
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The objective `trace` wants, from the built-in surface.
func objective(_ name: String) -> ((Double, Double) -> (loss: Double, gx: Double, gy: Double))? {
    guard let s = Surfaces.named(name) else { return nil }
    return { x, y in
        let g = s.gradient(x, y)
        return (s.value(x, y), g.x, g.y)
    }
}

/// Whether `a` is within `1e-9 · max(1, |reference|)` of the reference (the tolerance).
func closeToReference(_ a: Double, _ reference: Double) -> Bool {
    abs(a - reference) <= 1e-9 * max(1, abs(reference))
}
