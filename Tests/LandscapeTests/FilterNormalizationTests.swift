import Models
import Testing
@testable import Landscape

@Suite struct FilterNormalizationTests {
    @Test func everyRowHasTheNormOfTheWeightsRowAndBiasesAreLeftOut() throws {
        let net = try Model.mlp(inputs: 30, hidden: [12, 7], outputs: 10, activation: .relu)
        let theta = net.initialParameters(seed: 5)
        let d = filterNormalizedDirection(like: theta, rows: rows(of: net), seed: 11)
        #expect(weights(of: net).count == 3 && biases(of: net).count == 3)
        for weight in weights(of: net) {
            for r in 0..<weight.rows {
                let row = weight.row(r)
                #expect(row.count == weight.shape[1])
                #expect(close(norm(d[row]), norm(theta[row]), 1e-6), "\(weight.name), row \(r)")
            }
        }
        for bias in biases(of: net) { #expect(d[bias.range].allSatisfy { $0 == 0 }) }
    }

    @Test func theSeedFixesTheDirection() throws {
        let net = try Model.mlp(inputs: 30, hidden: [12], outputs: 10, activation: .relu)
        let theta = net.initialParameters(seed: 5)
        let a = filterNormalizedDirection(like: theta, rows: rows(of: net), seed: 1)
        #expect(a == filterNormalizedDirection(like: theta, rows: rows(of: net), seed: 1))
        let b = filterNormalizedDirection(like: theta, rows: rows(of: net), seed: 2)
        #expect(a != b)
        // Two random directions in 400 dimensions are nearly orthogonal.
        #expect(abs(dot(a, b)) / (dot(a, a) * dot(b, b)).squareRoot() < 0.3)
    }

    @Test func aRandomPlaneIsCentredOnItsWeightsWithTwoDirections() throws {
        let net = try Model.mlp(inputs: 30, hidden: [12], outputs: 10, activation: .relu)
        let theta = net.initialParameters(seed: 5)
        let plane = randomPlane(center: theta, rows: rows(of: net), seed: 9)
        #expect(plane.origin == theta && plane.kind == .random && plane.explained == nil)
        #expect(plane.u != plane.v)
        #expect(plane == randomPlane(center: theta, rows: rows(of: net), seed: 9))
    }
}
