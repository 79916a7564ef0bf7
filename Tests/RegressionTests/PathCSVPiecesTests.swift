import Optimizers
import Surfaces
import Testing
@testable import Regression

/// The CSV writer is built from pieces that a streamed export writes in order; here it is held
/// to the plain string writer it replaced (the contract's text, kept as the reference), and any
/// split of a path into ranges gives the same bytes.
@Suite struct PathCSVPiecesTests {
    /// The writer before exports streamed: one String, `exactDecimal` per number.
    private func reference(_ trajectories: [Trajectory]) -> String {
        let runs = trajectories.contains { $0.run != nil }
        var out = (runs ? PathCSV.headerWithRuns : PathCSV.header) + "\n"
        for t in trajectories {
            let label = PathCSV.field(t.label), optimizer = PathCSV.field(t.optimizer)
            let run = runs ? (t.run.map(String.init) ?? "") + "," : ""
            let rates = PathRecord.recordedRates(t)
            for i in 0..<min(t.xs.count, t.ys.count, t.losses.count) {
                guard t.xs[i].isFinite, t.ys[i].isFinite, t.losses[i].isFinite else { break }
                out += label + "," + optimizer + "," + run + String(i) + ","
                out += exactDecimal(t.xs[i]) + "," + exactDecimal(t.ys[i]) + "," + exactDecimal(t.losses[i]) + ","
                if let rates, i < rates.count, rates[i].isFinite { out += exactDecimal(rates[i]) }
                out += "\n"
            }
        }
        return out
    }

    private func paths() throws -> [Trajectory] {
        var a = try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))]), steps: 300)
        a.schedule = "cosine:T_max=300"
        let b = try tracePath("sgd \"q\"", "sgd", .init([("lr", .number(1))]), on: TestQuartic(), from: Point(10, 0), steps: 20)
        var c = try tracePath("rmsprop", "rmsprop", .init([("lr", .number(1e-2))]), steps: 77)
        c.lrs = []  // a path without recorded rates
        var d = Trajectory(label: "odd", optimizer: "sgd", hyperparameters: Hyperparameters(), steps: 3,
                           xs: [1, -0.0, .nan, 4], ys: [2, 1e-300, 3, 5], losses: [3, 5e-324, 4, 6], divergedAt: nil)
        d.lrs = [0.1, 0.2, 0.3]
        return [a, b, c, d]
    }

    @Test func writeEqualsTheReferenceWithAndWithoutRuns() throws {
        var p = try paths()
        #expect(PathCSV.write(p) == reference(p))
        for i in p.indices { p[i].run = i % 2 + 1 }
        #expect(PathCSV.write(p) == reference(p))
        p[1].run = nil
        #expect(PathCSV.write(p) == reference(p))
    }

    @Test(arguments: [1, 2, 5, 64, 1000])
    func rangesOfAnySizeGiveTheWholePath(_ size: Int) throws {
        for runs in [false, true] {
            var whole = Array((PathCSV.header(runs: runs) + "\n").utf8), pieces = whole
            for t in try paths() {
                let n = PathCSV.rowCount(of: t)
                PathCSV.appendRows(of: t, runs: runs, points: 0..<n, to: &whole)
                for from in stride(from: 0, to: n, by: size) {
                    PathCSV.appendRows(of: t, runs: runs, points: from..<min(from + size, n), to: &pieces)
                }
            }
            #expect(whole == pieces)
        }
        #expect(PathCSV.rowCount(of: try paths()[3]) == 2)
    }
}
