import Models
import Testing
@testable import Landscape

@Suite struct PlaneEvaluatorTests {
    /// Every point of a plane evaluated through the shared first layer equals the plain forward
    /// pass of the same weights.
    @Test(arguments: [Activation.relu, .tanh])
    func sharedFirstLayerEqualsThePlainForwardPass(_ activation: Activation) throws {
        let (net, evaluator) = try smallModel(hidden: [16, 8], records: 200, activation: activation)
        let plane = randomPlane(center: net.initialParameters(seed: 1), rows: rows(of: net), seed: 2)
        let points = [(0.0, 0.0), (0.5, -0.25), (-1, 1), (0.9, 0.3)]
        let shared = evaluator.evaluate(plane, at: points)
        for (p, e) in zip(points, shared) {
            let plain = evaluator.evaluate(plane.point(p.0, p.1))
            #expect(close(e.loss, plain.loss, 1e-5), "\(p): \(e.loss) vs \(plain.loss)")
            #expect(abs(e.accuracy - plain.accuracy) <= 1.0 / 200, "\(p)")
        }
    }

    @Test func theOriginIsExactlyTheCentre() throws {
        let (net, evaluator) = try smallModel()
        let centre = net.initialParameters(seed: 4)
        let plane = randomPlane(center: centre, rows: rows(of: net), seed: 5)
        let at = evaluator.evaluate(plane, at: [(0, 0)])[0]
        #expect(at == evaluator.evaluate(centre))
    }

    @Test func resultsDoNotDependOnTheNumberOfWorkers() throws {
        let (net, evaluator) = try smallModel()
        let plane = randomPlane(center: net.initialParameters(seed: 4), rows: rows(of: net), seed: 5)
        let points = (0..<37).map { (Double($0) / 10 - 1.8, Double($0 % 5) / 4) }
        let one = evaluator.evaluate(origin: plane.origin, u: plane.u, v: plane.v, at: points, workers: 1, progress: { _, _ in })
        let many = evaluator.evaluate(origin: plane.origin, u: plane.u, v: plane.v, at: points, workers: 3, progress: { _, _ in })
        #expect(one == many)
    }

    @Test func theLineRunsFromStartToEnd() throws {
        let (net, evaluator) = try smallModel()
        let start = net.initialParameters(seed: 1), end = net.initialParameters(seed: 2)
        let values = evaluator.line(from: start, to: end, at: [0, 0.5, 1])
        #expect(values[0] == evaluator.evaluate(start))
        #expect(close(values[2].loss, evaluator.evaluate(end).loss, 1e-5))
        let middle = zip(start, end).map { $0 + 0.5 * ($1 - $0) }
        #expect(close(values[1].loss, evaluator.evaluate(middle).loss, 1e-5))
    }
}
