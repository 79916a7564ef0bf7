import Foundation
import Models
import MNIST
import Testing
@testable import Landscape

/// Tests/LandscapeTests/Fixtures/landscape-torch.json, written by scripts/reference/gen_landscape.py:
/// the loss-landscape way in torch (float32) on trajviz's 784-12-10 network (seed 1) and the first
/// 64 bundled training records.
struct LandscapeFixture: Decodable {
    struct Sample: Decodable { var indices: [Int]; var values: [Float] }
    struct Filter: Decodable { var rowNorms: [Float]; var uSample: Sample; var vSample: Sample }
    struct GridValues: Decodable { var alpha: [Double]; var beta: [Double]; var loss: [Double]; var accuracy: [Double] }
    struct PCA: Decodable { var explained: [Double]; var projections: [[Double]] }
    struct Line: Decodable { var t: [Double]; var loss: [Double] }
    var hidden: [Int]
    var seed: UInt64
    var records: Int
    var parameterCount: Int
    var centreLoss: Double
    var centreAccuracy: Double
    var filter: Filter
    var grid: GridValues
    var pca: PCA
    var line: Line

    static func load() throws -> LandscapeFixture {
        guard let url = Bundle.module.url(forResource: "Fixtures/landscape-torch", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(LandscapeFixture.self, from: Data(contentsOf: url))
    }
}

/// The fixture's formulas (see the generator), in Double, rounded to Float at the end as numpy does.
private func formula(_ p: Int, _ f: (Double) -> Double) -> [Double] { (0..<p).map { f(Double($0)) } }

@Suite struct TorchLandscapeTests {
    let fixture: LandscapeFixture
    let net: Model
    let evaluator: PlaneEvaluator
    let start: [Float]

    init() throws {
        fixture = try LandscapeFixture.load()
        (net, evaluator) = try smallModel(hidden: fixture.hidden, records: fixture.records)
        start = net.initialParameters(seed: fixture.seed)
        #expect(start.count == fixture.parameterCount)
    }

    /// The raw directions rounded to Float first, as the generator hands them to torch.
    func directions() -> (u: [Float], v: [Float]) {
        let p = start.count
        let rawU = formula(p) { Double(Float(sin(0.37 * $0 + 0.1))) }
        let rawV = formula(p) { Double(Float(cos(0.11 * $0) + 0.3 * sin(0.013 * $0))) }
        return (filterNormalized(rawU, like: start, rows: rows(of: net)), filterNormalized(rawV, like: start, rows: rows(of: net)))
    }

    @Test func theCentresLossIsTorchs() {
        let e = evaluator.evaluate(start)
        #expect(abs(e.loss - fixture.centreLoss) <= 1e-6, "\(e.loss) vs torch's \(fixture.centreLoss)")
        #expect(e.accuracy == fixture.centreAccuracy)
    }

    @Test func filterNormalizationIsLossLandscapes() {
        let (u, v) = directions()
        var norms: [Double] = []
        for weight in weights(of: net) {
            for r in 0..<weight.rows { norms.append(norm(u[weight.row(r)])) }
        }
        #expect(norms.count == fixture.filter.rowNorms.count)
        for (a, b) in zip(norms, fixture.filter.rowNorms) { #expect(close(a, Double(b), 1e-6), "\(a) vs \(b)") }
        for (i, value) in zip(fixture.filter.uSample.indices, fixture.filter.uSample.values) {
            #expect(abs(u[i] - value) <= 1e-6 * max(1, abs(value)), "u[\(i)] = \(u[i]) vs torch's \(value)")
        }
        for (i, value) in zip(fixture.filter.vSample.indices, fixture.filter.vSample.values) {
            #expect(abs(v[i] - value) <= 1e-6 * max(1, abs(value)), "v[\(i)] = \(v[i]) vs torch's \(value)")
        }
    }

    /// The grid through the shared first layer against torch's set_weights + forward per point.
    @Test func theGridIsTorchsLossLandscapeGrid() {
        let (u, v) = directions()
        let plane = Plane(kind: .random, origin: start, u: u, v: v)
        let grid = LossGrid.evaluate(evaluator, plane: plane, alphas: fixture.grid.alpha, betas: fixture.grid.beta)
        #expect(grid.loss.count == fixture.grid.loss.count)
        for (k, (ours, torch)) in zip(grid.loss, fixture.grid.loss).enumerated() {
            #expect(abs(ours - torch) <= 1e-5, "point \(k): \(ours) vs torch's \(torch)")
        }
        #expect(grid.accuracy == fixture.grid.accuracy)
    }

    /// Records and their projections onto the plane of their first two principal components.
    @Test func thePrincipalPlaneAndProjectionsAreTorchsSVD() {
        let p = start.count
        let a = formula(p) { 0.02 * sin(0.37 * $0 + 0.1) }, b = formula(p) { 0.015 * cos(0.11 * $0) }
        let c = formula(p) { 0.01 * sin(0.05 * $0 + 1) }
        let records: [[Float]] = [start] + (1...5).map { k in
            let s = Double(k) / 5, t = sin(Double(k))
            return (0..<p).map { j in Float(Double(start[j]) + s * a[j] + s * s * b[j] + t * c[j]) }
        }
        let displacements = records.flatMap { r in zip(r, start).map { $0 - $1 } }
        let plane = principalPlane(origin: start, displacements: displacements, count: records.count)
        for (ours, torch) in zip(plane.explained!, fixture.pca.explained) {
            #expect(abs(ours - torch) <= 1e-5, "explained \(ours) vs torch's \(torch)")
        }
        let scale = fixture.pca.projections.map { $0[0].magnitude + $0[1].magnitude }.max()!
        for (k, (record, torch)) in zip(records, fixture.pca.projections).enumerated() {
            let c = record.withUnsafeBufferPointer { plane.project($0) }
            #expect(abs(c.alpha - torch[0]) <= 1e-5 * scale, "record \(k): α \(c.alpha) vs torch's \(torch[0])")
            #expect(abs(c.beta - torch[1]) <= 1e-5 * scale, "record \(k): β \(c.beta) vs torch's \(torch[1])")
            #expect(abs(c.distance - torch[2]) <= 1e-4 * scale, "record \(k): distance \(c.distance) vs torch's \(torch[2])")
        }
    }

    @Test func theLineIsTorchs() {
        let p = start.count
        let a = formula(p) { 0.02 * sin(0.37 * $0 + 0.1) }, b = formula(p) { 0.015 * cos(0.11 * $0) }
        let c = formula(p) { 0.01 * sin(0.05 * $0 + 1) }
        let end = (0..<p).map { j in Float(Double(start[j]) + a[j] + b[j] + sin(5.0) * c[j]) }
        let values = evaluator.line(from: start, to: end, at: fixture.line.t)
        for (t, (ours, torch)) in zip(fixture.line.t, zip(values.map(\.loss), fixture.line.loss)) {
            #expect(abs(ours - torch) <= 1e-5, "t = \(t): \(ours) vs torch's \(torch)")
        }
    }
}
