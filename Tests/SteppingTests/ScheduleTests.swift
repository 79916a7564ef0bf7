import Optimizers
import Stepping
import Testing

/// Every schedule reference path, step for step: points and losses within
/// 1e-9 · max(1, |reference|), the rate of every step within 1e-12 relative.
@Suite struct ScheduleReferenceTests {
    static let publicCases = (try? ScheduleCase.load("torch-schedules")) ?? []
    static let extraCases = (try? ScheduleCase.load("torch-schedules-extra")) ?? []

    @Test func fixturesLoad() {
        #expect(Self.publicCases.count == 12)
        #expect(Self.extraCases.count > 100)
    }

    @Test(arguments: publicCases) func publicReference(_ c: ScheduleCase) throws { try check(c) }

    @Test(arguments: extraCases) func extraReference(_ c: ScheduleCase) throws { try check(c) }

    func check(_ c: ScheduleCase) throws {
        let path = try c.trajviz()
        #expect(path.xs.count == c.xs.count, "\(c): \(path.xs.count) points, reference \(c.xs.count)")
        #expect(path.lrs.count == c.lrs.count, "\(c): \(path.lrs.count) rates, reference \(c.lrs.count)")
        for k in 0..<min(path.lrs.count, c.lrs.count) where !closeToReferenceRate(path.lrs[k], c.lrs[k]) {
            Issue.record("\(c): the rate of step \(k + 1) is \(path.lrs[k]), reference \(c.lrs[k])")
            return
        }
        for k in 0..<min(path.xs.count, c.xs.count) {
            let ok = closeToReference(path.xs[k], c.xs[k]) && closeToReference(path.ys[k], c.ys[k])
                && closeToReference(path.losses[k], c.losses[k])
            if !ok {
                Issue.record("\(c): step \(k) is (\(path.xs[k]), \(path.ys[k]), \(path.losses[k])), reference (\(c.xs[k]), \(c.ys[k]), \(c.losses[k]))")
                return
            }
        }
    }
}

extension ScheduleCase: CustomTestStringConvertible {
    var testDescription: String { description }
}
