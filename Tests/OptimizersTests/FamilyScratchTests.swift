import Foundation
@testable import Optimizers
import Surfaces
import Testing

// Scratch: every family fixture case through the rules (temporary table until the registry has families).
@Suite struct FamilyScratchTests {
    static let table: [String: (any Optimizer.Type, [(String, HyperValue)])] = [
        "textbook.sgd": (TextbookSGD.self, []), "textbook.momentum": (TextbookMomentum.self, []),
        "textbook.nesterov": (TextbookNesterov.self, []), "textbook.adagrad": (TextbookAdaGrad.self, []),
        "textbook.rmsprop": (TextbookRMSprop.self, []), "textbook.adam": (TextbookAdam.self, []),
        "keras.sgd": (KerasSGD.self, []), "keras.rmsprop": (KerasRMSprop.self, []), "keras.adagrad": (KerasAdagrad.self, []),
        "keras.adadelta": (KerasAdadelta.self, []), "keras.adam": (KerasAdam.self, []),
        "keras.adamw": (KerasAdam.self, [("weight_decay", .number(0.004))]), "keras.adamax": (KerasAdamax.self, []),
        "keras.nadam": (KerasNadam.self, []), "keras.lion": (KerasLion.self, []),
        "optax.sgd": (OptaxSGD.self, []), "optax.adagrad": (OptaxAdagrad.self, []), "optax.rmsprop": (OptaxRMSprop.self, []),
        "optax.adam": (OptaxAdam.self, []), "optax.nadam": (OptaxAdam.self, [("nesterov", .flag(true))]),
        "optax.adamw": (OptaxAdamW.self, []), "optax.adamax": (OptaxAdamax.self, []), "optax.radam": (OptaxRAdam.self, []),
        "optax.amsgrad": (OptaxAMSGrad.self, []), "optax.adabelief": (OptaxAdaBelief.self, []),
        "optax.yogi": (OptaxYogi.self, []), "optax.lion": (OptaxLion.self, []),
    ]

    @Test func allCases() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/families.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var worst: [(Double, String)] = []
        for c in root["cases"] as! [[String: Any]] {
            let name = c["optimizer"] as! String
            let (rule, presets) = Self.table[name]!
            var values = Hyperparameters(rule.parameters.map { ($0.name, $0.defaultValue) })
            for (k, v) in presets { values[k] = v }
            for (k, v) in c["params"] as! [String: Any] {
                let n = v as! NSNumber
                values[k] = String(cString: n.objCType) == "c" ? .flag(n.boolValue) : .number(n.doubleValue)
            }
            let opt = try rule.init(values)
            let surface = c["surface"] as! String
            let f: (Double, Double) -> (Double, Double, Double)
            if surface == "linear" { f = { x, y in (0.1 * x - 0.2 * y, 0.1, -0.2) } } else {
                let s = Surfaces.named(surface)!
                f = { x, y in let g = s.gradient(x, y); return (s.value(x, y), g.x, g.y) }
            }
            let start = c["start"] as! [Double], steps = c["steps"] as! Int
            let xs = (c["xs"] as! [Any]).map { ($0 as? Double) ?? .nan }, ys = (c["ys"] as! [Any]).map { ($0 as? Double) ?? .nan }
            let lrs = c["lrs"] as? [Double], moms = c["momentums"] as? [Double]
            var state = opt.makeState(count: 2, as: Double.self)
            var p = [start[0], start[1]]
            var worstRel = 0.0
            var k = 0
            var diverged: Int? = nil
            while true {
                let (loss, gx, gy) = f(p[0], p[1])
                if !(p[0].isFinite && p[1].isFinite && loss.isFinite) { diverged = k; break }
                if k < xs.count {
                    let e = max(abs(p[0] - xs[k]) / max(1, abs(xs[k])), abs(p[1] - ys[k]) / max(1, abs(ys[k])))
                    worstRel = max(worstRel, e.isNaN ? .infinity : e)
                }
                if k == steps { break }
                if !(gx.isFinite && gy.isFinite) { diverged = k; break }
                var g = [gx, gy]
                let lr = lrs?[k] ?? opt.learningRateForScratch
                p.withUnsafeMutableBufferPointer { pb in g.withUnsafeMutableBufferPointer { gb in
                    (opt as! any RateSteppable).update(pb, gradient: UnsafeBufferPointer(gb), state: &state, lr: lr, momentum: moms?[k])
                } }
                k += 1
            }
            let expectedDiverged = c["diverged_at"] as? Int
            let lenOK = (diverged ?? (steps + 1)) == (expectedDiverged ?? (steps + 1)) || (diverged == nil && expectedDiverged == nil)
            worst.append((lenOK ? worstRel : .infinity, "\(name) \(surface) \(c["params"]!) \(c["schedule"] ?? "") div=\(String(describing: diverged)) exp=\(String(describing: expectedDiverged))"))
        }
        worst.sort { $0.0 > $1.0 }
        for w in worst.prefix(25) { print(String(format: "%.3e", w.0), w.1) }
        #expect(worst[0].0 <= 1e-9)
    }
}

extension Optimizer {
    var learningRateForScratch: Double { values.number("lr") }
}
