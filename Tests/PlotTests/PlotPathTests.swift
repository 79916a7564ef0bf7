import Optimizers
import Surfaces
import Testing
@testable import Plot

/// A path reduced for a figure keeps what the pixels can show, whatever the number of steps.
@Suite struct PlotPathTests {
    static let window = DataWindow(x: -2...2, y: -2...2)
    static let resolution = PlotResolution(window: window, width: 400, height: 400, columns: 400)

    static func path(_ points: [Point], losses: [Double]? = nil, lrs: [Double] = [], run: Int? = nil,
                     name: String = "sgd") -> Trajectory {
        Trajectory(label: name + (run.map { "#\($0)" } ?? ""), optimizer: name, hyperparameters: Hyperparameters([("lr", .number(0.1))]),
                   steps: points.count - 1, xs: points.map(\.x), ys: points.map(\.y),
                   losses: losses ?? points.map { $0.x * $0.x + $0.y * $0.y }, divergedAt: nil, lrs: lrs, run: run)
    }

    /// Distance in pixels from `p` to the polyline.
    static func distance(_ p: Point, to line: [Point], scale: Double) -> Double {
        var best = Double.infinity
        for (a, b) in zip(line, line.dropFirst()) {
            let ax = a.x * scale, ay = a.y * scale, bx = b.x * scale, by = b.y * scale, px = p.x * scale, py = p.y * scale
            let dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy
            let t = l2 == 0 ? 0 : min(max(((px - ax) * dx + (py - ay) * dy) / l2, 0), 1)
            let ex = ax + t * dx - px, ey = ay + t * dy - py
            best = min(best, (ex * ex + ey * ey).squareRoot())
        }
        return best
    }

    @Test func everyPointStaysWithinAPixelOfTheReducedLine() {
        // A spiral into the origin: 20,000 steps.
        let points = (0...20_000).map { k -> Point in
            let t = Double(k) / 400, r = 1.8 * Double.exp(-Double(k) / 8000)
            return Point(r * Double.cos(t), r * Double.sin(t))
        }
        let reduced = PlotPath(Self.path(points), resolution: Self.resolution)
        let kept = reduced.pieces.flatMap(\.points)
        #expect(kept.count < 3000, "\(kept.count) points kept")
        let lines = reduced.pieces.map(\.points)
        for p in stride(from: 0, to: points.count, by: 37).map({ points[$0] }) {
            #expect(lines.map { Self.distance(p, to: $0, scale: 100) }.min()! < 0.75)
        }
        #expect(reduced.start == points.first && reduced.end == points.last)
        // Steps are kept with the points, increasing.
        let steps = reduced.pieces.flatMap(\.steps)
        #expect(steps.first == 0 && zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func circlingAMillionTimesCostsWhatOneCircleCosts() {
        // 1,000,000 steps around a circle of radius 1 (≈ 6,300 steps per turn).
        let n = 1_000_000
        let t = Trajectory(label: "c", optimizer: "lion", hyperparameters: Hyperparameters(), steps: n,
                           xs: (0...n).map { Double.cos(Double($0) / 1000) }, ys: (0...n).map { Double.sin(Double($0) / 1000) },
                           losses: (0...n).map { 1 + Double($0 % 97) / 97 }, divergedAt: nil)
        let reduced = PlotPath(t, resolution: Self.resolution)
        #expect(reduced.pieces.flatMap(\.points).count < 2000)
        #expect(reduced.loss.steps.count <= 4 * 400 * 2, "M4: at most four values per column")
        #expect(reduced.lastStep == n)
    }

    @Test func lossCurveKeepsFirstLowestHighestAndLastOfEachColumn() {
        let n = 100_000
        var losses = (0...n).map { 5 - Double($0) / Double(n) }
        losses[4321] = 1e-9; losses[77_777] = 1e9
        let reduced = PlotPath(Self.path((0...n).map { _ in Point(0, 0) }, losses: losses), resolution: Self.resolution)
        #expect(reduced.loss.values.contains(1e-9) && reduced.loss.values.contains(1e9))
        #expect(reduced.loss.values.first == 5 && reduced.loss.values.last == 4)
        #expect(reduced.loss.steps.count < 1700)
        // Reduced again for a narrower panel: what reducing the full curve gives.
        let full = PlotPath(Self.path((0...n).map { _ in Point(0, 0) }, losses: losses),
                            resolution: PlotResolution(window: Self.window, width: 400, height: 400, columns: 150))
        #expect(reduced.loss.reduced(steps: n + 1, columns: 150) == full.loss)
    }

    @Test func exactResolutionKeepsEveryPoint() {
        let points = (0...500).map { Point(Double($0) / 500, Double.sin(Double($0))) }
        let exact = PlotPath(Self.path(points), resolution: .exact(window: Self.window))
        #expect(exact.pieces.count == 1 && exact.pieces[0].points == points)
    }

    @Test func leavingTheWindowIsRecordedOnTheFrame() {
        let points = [Point(0, 0), Point(1, 1), Point(3, 1), Point(4, 1)]
        let p = PlotPath(Self.path(points), resolution: Self.resolution)
        let exit = try! #require(p.exit())
        #expect(exit.side == .right && exit.point == Point(2, 1) && exit.step == 2)
        #expect(p.isOutside() && !p.isOutside(after: 1))
        #expect(p.exit(before: 1) == nil)
        // Out and back in: not outside at the end.
        let back = PlotPath(Self.path([Point(0, 0), Point(0, 3), Point(0, 1)]), resolution: Self.resolution)
        #expect(back.crossings.map(\.leaving) == [true, false] && !back.isOutside())
        // A start outside enters.
        let enters = PlotPath(Self.path([Point(-5, 0), Point(0, 0)]), resolution: Self.resolution)
        #expect(!enters.startsInside && enters.crossings.first?.side == .left && !enters.isOutside())
    }

    @Test func cutAtAStepInterpolatesTheLastSegment() {
        let points = [Point(0, 0), Point(1, 0), Point(1, 1)]
        let p = PlotPath(Self.path(points), resolution: .exact(window: Self.window))
        #expect(p.position(at: 1) == Point(1, 0))
        let cut = p.pieces(through: 1)
        #expect(cut.flatMap(\.points) == [Point(0, 0), Point(1, 0)])
        #expect(p.pieces(through: 2) == p.pieces)
    }

    @Test func footprintIsTheSameReducedOrNot() {
        let points = (0...5000).map { k in Point(1.5 * Double.cos(Double(k) / 300), Double.sin(Double(k) / 170)) }
        let a = PlotPath(Self.path(points), resolution: Self.resolution)
        let b = PlotPath(Self.path(points), resolution: .exact(window: Self.window))
        #expect(a.footprint == b.footprint && a.footprint.count > 50)
    }

    @Test func noisyRunsGiveAPointwiseMedian() throws {
        // Three runs: the median of (−1, 0, 5) is 0 at every step.
        let runs = [-1.0, 0, 5].enumerated().map { k, dx in
            PlotPath(Self.path((0...10).map { Point(Double($0) / 10 + dx, 0) }, run: k + 1), resolution: Self.resolution)
        }
        let median = try #require(PlotPath.median(of: runs, resolution: .exact(window: Self.window)))
        #expect(median.pieces.flatMap(\.points).allSatisfy { abs($0.x - ($0.x * 10).rounded() / 10) < 1e-12 && $0.x <= 1 })
        #expect(median.end == Point(1, 0) && median.run == nil)
    }

    @Test func learningRatesAreKeptWhenTheyChange() {
        let p = PlotPath(Self.path((0...4).map { Point(Double($0) / 4, 0) }, lrs: [0.1, 0.1, 0.05, 0.05]), resolution: Self.resolution)
        #expect(p.lrVaries && p.lr.values == [0.1, 0.1, 0.05, 0.05])
        let flat = PlotPath(Self.path((0...4).map { Point(Double($0) / 4, 0) }, lrs: [0.1, 0.1, 0.1, 0.1]), resolution: Self.resolution)
        #expect(!flat.lrVaries)
    }
}
