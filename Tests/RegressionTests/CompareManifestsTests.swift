import Optimizers
import Stepping
import Surfaces
import Testing
@testable import Regression

/// Two manifests compared in pieces give what comparing their paths whole gives.
@Suite struct CompareManifestsTests {
    private func manifest(_ paths: [Trajectory]) -> [UInt8] {
        Manifest(surface: TestValley(), start: Point(-1.5, 2), trajectories: paths).encode()
    }

    private func paths() throws -> [Trajectory] {
        var paths = [
            try tracePath("adam", "adam", .init([("lr", .number(0.05))]), steps: 9000),
            try tracePath("sgd", "sgd", .init([("lr", .number(1e-3))]), steps: 5000),
            try tracePath("sgd:lr=1", "sgd", .init([("lr", .number(1))]), on: TestQuartic(), from: Point(10, 0), steps: 20),
            try tracePath("rmsprop", "rmsprop", steps: 4097),
        ]
        paths[3].run = 2
        return paths
    }

    /// `b` changed: values moved (some beyond the tolerance, some within, ties of the largest
    /// deviation in different coordinates), lengths, order, paths missing and extra, rates dropped.
    private func variants(of a: [Trajectory]) -> [[Trajectory]] {
        var out: [[Trajectory]] = [a]
        var moved = a
        moved[0].ys[4100] += 1e-3; moved[0].xs[4100] += 1e-3   // the same deviation in x and y at one step
        moved[0].losses[17] *= 1 + 1e-12                          // within the tolerance
        moved[0].lrs[8000] *= 2
        moved[1].xs[4999] = -moved[1].xs[4999]
        moved[1].losses[0] = 0; moved[1].ys[12] += 5e-4; moved[1].ys[3] += 5e-4
        out.append(moved)
        var lengths = a
        lengths[0].xs.removeLast(10); lengths[0].ys.removeLast(10); lengths[0].losses.removeLast(10); lengths[0].lrs.removeLast(10)
        lengths[3].xs.append(1); lengths[3].ys.append(1); lengths[3].losses.append(1); lengths[3].lrs.append(0.1)
        lengths[3].steps += 1
        lengths[0].steps -= 10
        out.append(lengths)
        out.append(Array(a.reversed()))
        var renamed = a
        renamed[1].label = "sgd2"; renamed.remove(at: 2)
        out.append(renamed)
        var noRates = a
        for i in noRates.indices { noRates[i].lrs = [] }
        noRates[0].xs[3] += 1
        out.append(noRates)
        return out
    }

    @Test(arguments: [(1e-9, 1e-12), (0.0, 0.0), (1e-3, 0.0)])
    func piecesGiveTheWholeComparison(_ rtol: Double, _ atol: Double) throws {
        let a = try paths()
        for b in variants(of: a) {
            for (x, y) in [(a, b), (b, a)] {
                let bytesA = manifest(x), bytesB = manifest(y)
                let whole = comparePaths(expected: try Manifest.decode(bytesA).paths.map(\.record),
                                         actual: try Manifest.decode(bytesB).paths.map(\.record), rtol: rtol, atol: atol)
                let streamed = try compareManifests(expected: ManifestReader.open(JSONBytes(bytesA)),
                                                    actual: ManifestReader.open(JSONBytes(bytesB)), rtol: rtol, atol: atol)
                #expect(streamed == whole)
                #expect(streamed.report == whole.report)
            }
        }
        // The variants differ where they were changed.
        let moved = variants(of: a)[1]
        let c = try compareManifests(expected: ManifestReader.open(JSONBytes(manifest(a))),
                                     actual: ManifestReader.open(JSONBytes(manifest(moved))))
        #expect(c.deviations.map(\.label) == ["adam", "sgd"])
        #expect(c.deviations[0].firstStep == 4100 && c.deviations[0].firstCoordinate == "x")
        #expect(c.deviations[1].firstStep == 0 && c.deviations[1].firstCoordinate == "loss")
    }

    /// Replay's check: a replayed path equals the recorded one exactly, as comparePaths with no tolerance says.
    @Test func recordedPathEqualsComparePathsWithoutTolerance() throws {
        let a = try paths()
        for b in variants(of: a) {
            let bytes = manifest(b)
            let decoded = try ManifestReader.open(JSONBytes(bytes))
            let recorded = try Manifest.decode(bytes).paths
            for (i, path) in recorded.enumerated() {
                guard let replayed = a.first(where: { PathRecord($0).key == path.key }) else { continue }
                let expected = comparePaths(expected: [path.record], actual: [PathRecord(replayed)], rtol: 0, atol: 0).agrees
                #expect(try recordedPath(i, of: decoded, equals: replayed) == expected, "\(path.key)")
            }
        }
        // -0 and 0 are the same value.
        var zero = a
        zero[0].xs[5] = 0
        var negative = zero
        negative[0].xs[5] = -0.0
        #expect(try recordedPath(0, of: ManifestReader.open(JSONBytes(manifest(zero))), equals: negative[0]))
    }
}
