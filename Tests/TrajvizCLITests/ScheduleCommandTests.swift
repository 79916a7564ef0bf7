import Foundation
import Optimizers
import Regression
import Stepping
import Testing

/// Schedules through the command line: every torch schedule reference path reproduced through
/// `--csv`, its `lr` column equal to torch's rates; and the errors of bad schedule specs.
@Suite struct ScheduleCommandTests {
    struct Case: Decodable {
        var surface: String
        var spec: String
        var start: [Double]
        var steps: Int
        var xs: [Double]
        var ys: [Double]
        var losses: [Double]
        var lrs: [Double]
    }

    struct Fixture: Decodable { var cases: [Case] }

    /// The stepping tests' fixtures (made by scripts/reference/gen_schedules.py).
    static func fixture(_ name: String) throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../SteppingTests/Fixtures/\(name)").standardized
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases
    }

    @Test(arguments: ["torch-schedules.json", "torch-schedules-extra.json"])
    func csvMatchesTorch(_ file: String) throws {
        let cases = try Self.fixture(file)
        #expect(cases.count >= 12)
        // One process per (surface, start, steps), with every spec of that group.
        let groups = Dictionary(grouping: cases) { "\($0.surface)|\($0.start)|\($0.steps)" }
        var checked = 0
        for key in groups.keys.sorted() {
            var seen = Set<String>()
            let group = groups[key]!.filter { seen.insert($0.spec).inserted }
            let first = group[0]
            var args = ["--surface", first.surface, "--start=\(first.start[0]),\(first.start[1])",
                        "--steps", "\(first.steps)", "--csv", "-"]
            for c in group { args += ["--opt", c.spec] }
            let r = try TrajvizProcess.run(args)
            try #require(r.status == 0, "\(args.joined(separator: " "))\n\(r)")
            let records = try PathCSV.read(r.stdout)
            for c in group {
                guard let rec = records.first(where: { $0.label == c.spec }) else {
                    Issue.record("no path '\(c.spec)' in the CSV of \(key)"); continue
                }
                #expect(rec.count == c.xs.count, "\(c.spec): \(rec.count) rows, torch \(c.xs.count)")
                let rates = try #require(rec.lrs, "\(c.spec): no lr column")
                #expect(rates.count == c.lrs.count)
                for (k, (ours, theirs)) in zip(rates, c.lrs).enumerated() where abs(ours - theirs) > 1e-12 * abs(theirs) {
                    Issue.record("\(c.spec) on \(c.surface): the lr of step \(k) is \(ours), torch \(theirs)")
                    break
                }
                for k in 0..<min(rec.count, c.xs.count) {
                    for (ours, theirs, what) in [(rec.xs[k], c.xs[k], "x"), (rec.ys[k], c.ys[k], "y"), (rec.losses[k], c.losses[k], "loss")]
                    where abs(ours - theirs) > 1e-9 * max(1, abs(theirs)) {
                        Issue.record("\(c.spec) on \(c.surface): step \(k) \(what) = \(ours), torch \(theirs)")
                        break
                    }
                }
                checked += 1
            }
        }
        #expect(checked == cases.count)
    }

    @Test func scheduleOptionAppliesToSpecsWithoutOne() throws {
        let r = try TrajvizProcess.run(["--surface", "quadratic", "--steps", "4", "--csv", "-",
                                        "--opt", "adam:lr=0.1", "--opt", "sgd:lr=0.1@constant:factor=0.5",
                                        "--schedule", "step:step_size=2,gamma=0.5"])
        try #require(r.status == 0, "\(r)")
        let records = try PathCSV.read(r.stdout)
        #expect(records.map(\.label) == ["adam:lr=0.1", "sgd:lr=0.1@constant:factor=0.5"])
        #expect(records[0].lrs == [0.1, 0.1, 0.05, 0.05])
        #expect(records[1].lrs == [0.05, 0.05, 0.05, 0.05])
    }

    @Test(arguments: [
        (["--opt", "adam@cosin:T_max=3"],
         "invalid schedule 'cosin:T_max=3' in 'adam@cosin:T_max=3': unknown schedule 'cosin' (did you mean 'cosine'?); accepted: step, multistep, exponential, cosine, cosine_restarts, linear, constant, polynomial, onecycle, cyclic, plateau"),
        (["--opt", "adam@cosine:T_mx=3"],
         "invalid schedule 'cosine:T_mx=3' in 'adam@cosine:T_mx=3': unknown argument 'T_mx' for cosine (did you mean 'T_max'?); accepted: T_max, eta_min, until"),
        (["--opt", "adam@cosine"],
         "invalid schedule 'cosine' in 'adam@cosine': cosine needs T_max (CosineAnnealingLR has no default for it), e.g. cosine:T_max=100"),
        (["--opt", "adam@linear:start_factor=0"],
         "invalid schedule 'linear:start_factor=0' in 'adam@linear:start_factor=0': linear: Starting multiplicative factor expected to be greater than 0 and less or equal to 1."),
        (["--opt", "adam@constant:factor=2"],
         "invalid schedule 'constant:factor=2' in 'adam@constant:factor=2': constant: Constant multiplicative factor expected to be between 0 and 1."),
        (["--opt", "adam@plateau:factor=1"],
         "invalid schedule 'plateau:factor=1' in 'adam@plateau:factor=1': plateau: Factor should be < 1.0."),
        (["--opt", "adam@plateau:mode=up"],
         "invalid schedule 'plateau:mode=up' in 'adam@plateau:mode=up': plateau: mode up is unknown! (accepted: min, max)"),
        (["--opt", "adam@onecycle:max_lr=0.1,pct_start=1.5"],
         "invalid schedule 'onecycle:max_lr=0.1,pct_start=1.5' in 'adam@onecycle:max_lr=0.1,pct_start=1.5': onecycle: Expected float between 0 and 1 pct_start, but got 1.5"),
        (["--opt", "adam@cosine_restarts:T_0=10,T_mult=0"],
         "invalid schedule 'cosine_restarts:T_0=10,T_mult=0' in 'adam@cosine_restarts:T_0=10,T_mult=0': cosine_restarts: Expected integer T_mult >= 1, but got 0"),
        (["--opt", "adagrad@cyclic:base_lr=0.01,max_lr=0.1"],
         "invalid schedule 'cyclic:base_lr=0.01,max_lr=0.1' in 'adagrad@cyclic:base_lr=0.01,max_lr=0.1': cyclic: optimizer must support momentum or beta1 with `cycle_momentum` option enabled (this optimizer has neither; add cycle_momentum=false)"),
        (["--opt", "adam@onecycle:max_lr=0.1,total_steps=50"],
         "invalid schedule 'onecycle:max_lr=0.1,total_steps=50' in 'adam@onecycle:max_lr=0.1,total_steps=50': onecycle: Tried to step 51 times. The specified number of total steps is 50 (total_steps defaults to the run's steps; give a total_steps of at least the steps run)"),
        (["--opt", "adam@linear:total_iters=5>plateau"],
         "invalid schedule 'linear:total_iters=5>plateau' in 'adam@linear:total_iters=5>plateau': SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index 1 in the given schedulers sequence. (plateau steps with the loss: use it alone)"),
        (["--opt", "adam@exponential:gamma=0.9>cosine:T_max=3"],
         "invalid schedule 'exponential:gamma=0.9>cosine:T_max=3' in 'adam@exponential:gamma=0.9>cosine:T_max=3': 'exponential:gamma=0.9' needs until=N inside a chain (the steps before 'cosine' starts)"),
        (["--opt", "adam@multistep:milestones=30/x"],
         "invalid schedule 'multistep:milestones=30/x' in 'adam@multistep:milestones=30/x': invalid value '30/x' for multistep milestones: expected whole numbers separated by '/', e.g. milestones=30/80"),
        (["--opt", "adam@step:step_size=0"],
         "invalid schedule 'step:step_size=0' in 'adam@step:step_size=0': invalid value '0' for step step_size: expected a whole number >= 1"),
        (["--opt", "adam@"],
         "empty schedule after '@' in 'adam@'; write e.g. adam@cosine:T_max=300 (trajviz list schedules)"),
        (["--opt", "adam", "--schedule", "cosine:T_max=5>"],
         "invalid --schedule 'cosine:T_max=5>': empty schedule in the chain 'cosine:T_max=5>'; write e.g. linear:total_iters=20>cosine:T_max=180"),
        (["--opt", "rprop", "--schedule", "onecycle:max_lr=0.1"],
         "invalid --schedule 'onecycle:max_lr=0.1' for rprop: onecycle: optimizer must support momentum or beta1 with `cycle_momentum` option enabled (this optimizer has neither; add cycle_momentum=false)"),
    ] as [([String], String)])
    func badSchedulesAreOneLineAndExitTwo(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["--surface", "rosenbrock", "--steps", "100"] + arguments + ["--csv", "out.csv"], in: folder.url)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr == "trajviz: error: \(message)\n")
        #expect(r.stdout.isEmpty && folder.listing().isEmpty)
    }

    @Test func listSchedulesShowsEveryScheduleWithItsArguments() throws {
        let r = try TrajvizProcess.run(["list", "schedules"])
        try #require(r.status == 0, "\(r)")
        for kind in ScheduleKind.all {
            #expect(r.stdout.contains("  \(kind.name): "), "\(kind.name)")
            #expect(r.stdout.contains("torch.optim.lr_scheduler.\(kind.torchClass)\n"))
            for argument in kind.arguments { #expect(r.stdout.contains(argument.name + "="), "\(kind.name) \(argument.name)") }
        }
        #expect(r.stdout.contains("T_max=(required) eta_min=0"))
        #expect(r.stdout.contains("start_factor=0.3333333333333333 end_factor=1 total_iters=5"))
        #expect(r.stdout.contains("total_steps=(the run's steps)"))
    }
}
