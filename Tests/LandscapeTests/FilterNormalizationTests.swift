import MLP
import Testing
@testable import Landscape

@Suite struct FilterNormalizationTests {
    @Test func everyRowHasTheNormOfTheWeightsRowAndBiasesAreLeftOut() throws {
        let net = try Network(inputs: 30, hidden: [12, 7], outputs: 10, activation: .relu)
        let theta = net.initialParameters(seed: 5)
        let d = filterNormalizedDirection(like: theta, rows: rows(of: net), seed: 11)
        for layer in net.layers {
            for r in 0..<layer.outputs {
                let row = (layer.weightOffset + r * layer.inputs)..<(layer.weightOffset + (r + 1) * layer.inputs)
                #expect(close(norm(d[row]), norm(theta[row]), 1e-6), "layer at \(layer.weightOffset), row \(r)")
            }
            #expect(d[layer.biasOffset..<(layer.biasOffset + layer.outputs)].allSatisfy { $0 == 0 })
        }
    }

    @Test func theSeedFixesTheDirection() throws {
        let net = try Network(inputs: 30, hidden: [12], outputs: 10, activation: .relu)
        let theta = net.initialParameters(seed: 5)
        let a = filterNormalizedDirection(like: theta, rows: rows(of: net), seed: 1)
        #expect(a == filterNormalizedDirection(like: theta, rows: rows(of: net), seed: 1))
        let b = filterNormalizedDirection(like: theta, rows: rows(of: net), seed: 2)
        #expect(a != b)
        // Two random directions in 400 dimensions are nearly orthogonal.
        #expect(abs(dot(a, b)) / (dot(a, a) * dot(b, b)).squareRoot() < 0.3)
    }

    @Test func aRandomPlaneIsCentredOnItsWeightsWithTwoDirections() throws {
        let net = try Network(inputs: 30, hidden: [12], outputs: 10, activation: .relu)
        let theta = net.initialParameters(seed: 5)
        let plane = randomPlane(center: theta, rows: rows(of: net), seed: 9)
        #expect(plane.origin == theta && plane.kind == .random && plane.explained == nil)
        #expect(plane.u != plane.v)
        #expect(plane == randomPlane(center: theta, rows: rows(of: net), seed: 9))
    }
}
