import Optimizers
import Stepping
import Surfaces
import Testing
@testable import Regression

/// A manifest written in pieces has the bytes of Manifest.encode(), whatever the piece size.
@Suite struct ManifestStreamTests {
    private func streamed(_ m: Manifest, start: Point, trajectories: [Trajectory], numbersPerPiece: Int) -> [UInt8] {
        var out = ManifestStream.head(m, pathCount: trajectories.count)
        for (i, t) in trajectories.enumerated() {
            for piece in ManifestStream.pieces(of: t, start: start, isLast: i == trajectories.count - 1,
                                               numbersPerPiece: numbersPerPiece) { piece(&out) }
        }
        return out + ManifestStream.tail(pathCount: trajectories.count)
    }

    @Test(arguments: [1, 3, 7, 1 << 16])
    func piecesGiveTheEncodedBytes(_ numbersPerPiece: Int) throws {
        var paths = [
            try tracePath("adam:lr=0.05,beta1=0.8", "adam", .init([("lr", .number(0.05)), ("beta1", .number(0.8))]), steps: 40),
            try tracePath("rmsprop:centered=true", "rmsprop", .init([("lr", .number(1e-3)), ("centered", .flag(true))]), steps: 17),
            // Diverges at step 4: shorter arrays than its steps.
            try tracePath("sgd:lr=1", "sgd", .init([("lr", .number(1))]), on: TestQuartic(), from: Point(10, 0), steps: 20),
            try tracePath("sgd \"quoted\", comma", "sgd", .init([("lr", .number(1e-3))]), steps: 0),
        ]
        paths[0].schedule = "cosine:T_max=40"; paths[0].run = 2
        paths[1].appearance = PathAppearance(label: "RMS\nprop", color: nil)
        let figure: JSONValue = .object([("layout", .string("both")), ("levels", .number(30))])
        let definition: JSONValue = .object([("name", .string("valley")), ("f", .string("(1-x)^2"))])
        let noise = GradientNoise(sigma: 0.5, decay: 0.55, seed: 7)
        for (definition, noise, runs) in [(nil, nil, nil), (definition, noise, 3)] as [(JSONValue?, GradientNoise?, Int?)] {
            let full = Manifest(surface: TestValley(), definition: definition, start: Point(-1.5, 2), trajectories: paths,
                                figure: figure, noise: noise, runs: runs)
            let head = Manifest(surface: TestValley(), definition: definition, start: Point(-1.5, 2), trajectories: [],
                                figure: figure, noise: noise, runs: runs)
            #expect(streamed(head, start: Point(-1.5, 2), trajectories: paths, numbersPerPiece: numbersPerPiece) == full.encode())
            for count in [0, 1] {
                let some = Array(paths.prefix(count))
                let expected = Manifest(surface: TestValley(), definition: definition, start: Point(-1.5, 2), trajectories: some,
                                        figure: figure, noise: noise, runs: runs).encode()
                #expect(streamed(head, start: Point(-1.5, 2), trajectories: some, numbersPerPiece: numbersPerPiece) == expected)
            }
        }
    }
}
