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

@Suite struct ScheduleParsingTests {
    @Test func chainsHaveTorchsMilestones() throws {
        let s = try Schedule.parse(" linear:start_factor=0.1,total_iters=20 > step:step_size=7,until=30>cosine_restarts:T_0=5>cosine:T_max=9 ")
        #expect(s.text == "linear:start_factor=0.1,total_iters=20>step:step_size=7,until=30>cosine_restarts:T_0=5>cosine:T_max=9")
        #expect(s.stages.map(\.kind.name) == ["linear", "step", "cosine_restarts", "cosine"])
        #expect(s.milestones == [20, 50, 55])
        #expect(try Schedule.parse("plateau:patience=3").isPlateau)
        #expect(try Schedule.parse("multistep:milestones=30/80").stages[0]["milestones"] == ScheduleValue.numbers([30, 80]))
    }

    @Test(arguments: [
        ("", "empty schedule"),
        ("cosine:T_max=5>>linear", "empty schedule in the chain"),
        ("T_max=5", "'T_max=5' has no schedule name"),
        ("cosine:", "empty argument list after 'cosine:'"),
        ("cosine:T_max", "malformed argument 'T_max'"),
        ("cosine:T_max=5,T_max=6", "argument 'T_max' is given twice"),
        ("cosine:T_max=", "missing value for 'T_max'"),
        ("cosine:T_max=five", "invalid value 'five' for cosine T_max: expected a number"),
        ("cosine:T_max=inf", "expected a finite number"),
        ("onecycle:max_lr=0.1,three_phase=yes", "invalid value 'yes' for onecycle three_phase: expected true or false"),
        ("onecycle:max_lr=0.1,anneal_strategy=cosine", "onecycle: anneal_strategy must be one of 'cos' or 'linear', instead got cosine (accepted: cos, linear)"),
        ("plateau:threshold_mode=relative", "plateau: threshold mode relative is unknown! (accepted: rel, abs)"),
        ("cyclic:max_lr=0.1", "cyclic needs base_lr (CyclicLR has no default for it)"),
        ("cosine:T_max=5,until=0", "invalid value '0' for cosine until: expected a whole number >= 1"),
    ])
    func refused(_ text: String, _ fragment: String) {
        do {
            _ = try Schedule.parse(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }

    /// What torch raises while stepping is found before the run: a one-cycle inside a chain that
    /// runs past its total_steps, a ConstantLR with factor 0 restoring the rate.
    @Test func checkStepsTheScheduleAsTheRunWill() throws {
        let chain = try Schedule.parse("linear:total_iters=10>onecycle:max_lr=0.1,total_steps=20")
        try chain.check(lr: 0.01, cycledMomentum: .beta1, steps: 30)
        let e = #expect(throws: ScheduleError.self) { try chain.check(lr: 0.01, cycledMomentum: .beta1, steps: 31) }
        #expect(e?.message.hasPrefix("onecycle: Tried to step 21 times. The specified number of total steps is 20") == true)
        let zero = try Schedule.parse("constant:factor=0,total_iters=5")
        try zero.check(lr: 0.1, cycledMomentum: .none, steps: 4)
        #expect(throws: ScheduleError.self) { try zero.check(lr: 0.1, cycledMomentum: .none, steps: 5) }
    }
}
