import Foundation
import Testing

/// `trajviz mnist` with schedules and noise, end to end on the bundled subset.
@Suite struct MNISTScheduleTests {
    /// The example: a linear warm-up over the first epoch for Adam, RAdam at a constant rate.
    @Test func warmUpAgainstRAdam() throws {
        let r = try TrajvizProcess.run(["mnist", "--opt", "adam:lr=0.01@linear:start_factor=0.01,total_iters=40", "--opt", "radam:lr=0.01",
                                        "--hidden", "16", "--epochs", "2", "--csv", "-"])
        try #require(r.status == 0, "\(r)")
        let rows = r.stdout.split(separator: "\n").dropFirst().map { line -> (label: String, iteration: Int, lr: Double) in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], Int(fields[fields.count - 5])!, Double(fields[fields.count - 1])!)
        }
        let adam = rows.filter { $0.label.hasPrefix("\"adam") }, radam = rows.filter { $0.label == "radam:lr=0.01" }
        #expect(adam.count == 80 && radam.count == 80)
        // torch's LinearLR: lr·start_factor at first, lr from iteration 41 on.
        #expect(adam[0].lr == 0.0001 && adam[1].lr == 0.0003475)
        #expect(abs(adam[40].lr - 0.01) < 1e-15 && adam[79].lr == adam[40].lr)
        #expect(radam.allSatisfy { $0.lr == 0.01 })
    }

    @Test func schedulesCanStepOncePerEpoch() throws {
        let r = try TrajvizProcess.run(["mnist", "--opt", "sgd:lr=0.1,momentum=0.9", "--schedule", "step:step_size=1,gamma=0.5",
                                        "--schedule-every", "epoch", "--hidden", "8", "--epochs", "3", "--csv", "-"])
        try #require(r.status == 0, "\(r)")
        let rates = r.stdout.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",").last!)! }
        #expect(rates.count == 120)
        #expect(Set(rates[0..<40]) == [0.1] && Set(rates[40..<80]) == [0.05] && Set(rates[80..<120]) == [0.025])
    }

    @Test(arguments: [
        (["--opt", "adam", "--schedule-every", "week"], "invalid --schedule-every 'week'; accepted: iteration, epoch"),
        (["--opt", "adam@onecycle:max_lr=0.1,total_steps=50"],
         "invalid schedule 'onecycle:max_lr=0.1,total_steps=50' in 'adam@onecycle:max_lr=0.1,total_steps=50': onecycle: Tried to step 51 times. The specified number of total steps is 50 (total_steps defaults to the run's steps; give a total_steps of at least the steps run)"),
        (["--opt", "adagrad", "--schedule", "cyclic:base_lr=0.001,max_lr=0.01"],
         "invalid --schedule 'cyclic:base_lr=0.001,max_lr=0.01' for adagrad: cyclic: optimizer must support momentum or beta1 with `cycle_momentum` option enabled (this optimizer has neither; add cycle_momentum=false)"),
        (["--opt", "adam", "--noise", "-1"], "invalid --noise '-1'; expected a standard deviation >= 0, e.g. --noise 0.5"),
    ] as [([String], String)])
    func refused(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["mnist", "--epochs", "2", "--hidden", "8"] + arguments + ["--csv", "out.csv"], in: folder.url)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr == "trajviz: error: \(message)\n")
        #expect(folder.listing().isEmpty)
    }
}
