import Testing
@testable import MNIST

@Suite struct InputScalingTests {
    /// A split of one-row images whose inputs are these bytes / 255.
    static func split(_ bytes: [UInt8], columns: Int) -> MNISTSplit {
        MNISTSplit(rows: 1, columns: columns, images: bytes.map { Float($0) / 255 }, labels: Array(repeating: 0, count: bytes.count / columns))
    }

    @Test func statisticsAreThePixelsMeanAndPopulationDeviation() {
        let s = Self.split([0, 255, 0, 255], columns: 2).pixelStatistics
        #expect(s == PixelStatistics(mean: 0.5, std: 0.5))
        // Inputs 0, 0.2, 0.4, 0.6: mean 0.3, variance (0.09 + 0.01 + 0.01 + 0.09) / 4 = 0.05.
        let t = Self.split([0, 51, 102, 153], columns: 4).pixelStatistics
        #expect(t == PixelStatistics(mean: 0.3, std: 0.22360681))
        #expect(Self.split([], columns: 1).pixelStatistics == PixelStatistics(mean: 0, std: 0))
    }

    @Test func standardizingIsFloatArithmeticOnTheInputs() {
        let given = PixelStatistics(mean: 0.1307, std: 0.3081)
        let s = Self.split([255, 51, 0], columns: 3).standardized(given)
        // (1 − 0.1307) / 0.3081 and (0.2 − 0.1307) / 0.3081 in Float, as torch's Normalize.
        #expect(s.images == [2.8214867, 0.22492696, Float(-0.1307) / Float(0.3081)])
        #expect(s.labels == [0] && s.rows == 1 && s.columns == 3)
        let t = Self.split([0, 51, 102, 153], columns: 4)
        #expect(t.standardized(t.pixelStatistics).images == [-1.3416407, -0.44721362, 0.44721353, 1.3416407])
    }

    /// `standard` measures the training split and applies its values to the test split too.
    @Test func theTestSplitTakesTheTrainingSplitsStatistics() {
        let data = MNISTDataset(train: Self.split([0, 255, 0, 255], columns: 2), test: Self.split([255, 255], columns: 2), source: "x")
        // As `trajviz mnist` scales: the training split's statistics, applied to both splits.
        func scaled(_ scaling: InputScaling) -> (MNISTDataset, PixelStatistics?) {
            let s = scaling.statistics(for: data.train)
            return (s.map(data.standardized) ?? data, s)
        }
        let (standard, s) = scaled(.standard)
        #expect(s == PixelStatistics(mean: 0.5, std: 0.5))
        #expect(standard.train.images == [-1, 1, -1, 1] && standard.test.images == [1, 1])
        let (none, n) = scaled(.none)
        #expect(n == nil && none.train.images == data.train.images && none.test.images == data.test.images)
        let (given, g) = scaled(.given(PixelStatistics(mean: 1, std: 2)))
        #expect(g == PixelStatistics(mean: 1, std: 2) && given.test.images == [0, 0] && given.train.images == [-0.5, 0, -0.5, 0])
    }

    /// What each scaling would apply is known before any pixel is scaled (so that a deviation of 0
    /// is refused first), and where it comes from is named for the manifest.
    @Test func statisticsAndSourceOfEachScaling() {
        let train = Self.split([0, 255, 0, 255], columns: 2)
        #expect(InputScaling.none.statistics(for: train) == nil && InputScaling.none.source == nil)
        #expect(InputScaling.standard.statistics(for: train) == PixelStatistics(mean: 0.5, std: 0.5))
        #expect(InputScaling.standard.source == "standard")
        let given = InputScaling.given(PixelStatistics(mean: 1, std: 2))
        #expect(given.statistics(for: train) == PixelStatistics(mean: 1, std: 2) && given.source == "given")
        // A flat training split: its deviation is 0, which the command refuses before dividing.
        #expect(InputScaling.standard.statistics(for: Self.split([7, 7, 7], columns: 3)) == PixelStatistics(mean: Float(7) / 255, std: 0))
    }

    /// The bundled subset's training pixels: close to the full MNIST's 0.1307 and 0.3081.
    @Test func bundledSubsetStatistics() throws {
        let s = try MNISTDataset.bundled().train.pixelStatistics
        #expect(s == PixelStatistics(mean: 0.13111345, std: 0.30831364))
    }
}
