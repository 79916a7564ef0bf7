import Foundation
import Optimizers
import Regression
import Testing

/// The textbook, Keras and optax families through the command line: their reference paths as
/// `--csv` writes them (schedules after `@`, the lr column), the list, the MLP, the refusals.
@Suite struct FamilyCommandTests {
    struct Case: Decodable {
        var surface: String
        var optimizer: String
        var params: [String: ReferencePathTests.Param]
        var start: [Double]
        var steps: Int
        var schedule: String?
        var xs: [Double]
        var ys: [Double]
        var losses: [Double]
        var lrs: [Double]?

        /// The spec as a user writes it, keys sorted so the label is stable.
        var spec: String {
            optimizer + ":" + params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text)" }.joined(separator: ",")
                + (schedule.map { "@" + $0 } ?? "")
        }
    }

    struct Fixture: Decodable { var cases: [Case] }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static func cases() throws -> [Case] {
        let url = repository.appendingPathComponent("Tests/SteppingTests/Fixtures/families.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases
    }

    /// Every family reference path through `--csv`: points within 1e-9·max(1, |reference|) at every
    /// step, the rates of a schedule within 1e-12 relative. One process per surface, start and
    /// length, with every optimizer of that group (the plane `linear` is the shipped surface file).
    @Test func csvMatchesTheReferences() throws {
        let cases = try Self.cases()
        let groups = Dictionary(grouping: cases) { "\($0.surface)|\($0.start)|\($0.steps)" }
        var checked = 0
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let first = group[0]
            let surface = first.surface == "linear" ? Self.repository.appendingPathComponent("surfaces/linear.toml").path : first.surface
            var args = ["--surface", surface, "--start=\(first.start[0]),\(first.start[1])", "--steps", "\(first.steps)", "--csv", "-"]
            for c in group { args += ["--opt", c.spec] }
            let r = try TrajvizProcess.run(args)
            try #require(r.status == 0, "\(args.joined(separator: " "))\n\(r)")
            let records = try PathCSV.read(r.stdout)
            for c in group {
                guard let rec = records.first(where: { $0.label == c.spec }) else {
                    Issue.record("no path '\(c.spec)' in the CSV of \(key)"); continue
                }
                #expect(rec.count == c.xs.count, "\(c.spec) on \(c.surface): \(rec.count) rows, reference \(c.xs.count)")
                steps: for k in 0..<min(rec.count, c.xs.count) {
                    for (ours, theirs, what) in [(rec.xs[k], c.xs[k], "x"), (rec.ys[k], c.ys[k], "y"), (rec.losses[k], c.losses[k], "loss")]
                    where abs(ours - theirs) > 1e-9 * max(1, abs(theirs)) {
                        Issue.record("\(c.spec) on \(c.surface): step \(k) \(what) = \(ours), reference \(theirs)")
                        break steps
                    }
                }
                if let lrs = c.lrs {
                    let written = try #require(rec.lrs, "\(c.spec): no lr column")
                    for (k, (ours, theirs)) in zip(written, lrs).enumerated() where abs(ours - theirs) > 1e-12 * abs(theirs) {
                        Issue.record("\(c.spec): the rate of step \(k + 1) is \(ours), reference \(theirs)")
                        break
                    }
                }
                checked += 1
            }
        }
        #expect(checked == cases.count && checked >= 220)
    }

    /// `trajviz list optimizers` shows each family under its heading, in the registry's order, with
    /// the accepted aliases and optax's required rate.
    @Test func listGroupsByFamily() throws {
        let r = try TrajvizProcess.run(["list", "optimizers"])
        #expect(r.status == 0, "\(r)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // " Family keras (keras.NAME): Keras 3 ..."
        func heading(_ line: String) -> String? {
            line.hasPrefix(" Family ") ? String(line.dropFirst(8).prefix { $0 != " " }) : nil
        }
        #expect(lines.compactMap(heading) == ["torch", "textbook", "keras", "optax"])
        // every entry sits under its own family's heading
        var family = ""
        var seen: [String] = []
        for line in lines {
            if let name = heading(line) { family = name }
            if line.hasPrefix("  "), !line.hasPrefix("   "), let colon = line.firstIndex(of: ":") {
                let name = String(line.dropFirst(2)[..<colon])
                let kind = try #require(OptimizerRegistry.named(name), "\(line)")
                #expect(kind.family.prefix == family, "\(name) listed under \(family)")
                seen.append(name)
            }
        }
        #expect(seen == OptimizerRegistry.names)
        #expect(r.stdout.contains("  keras.adam: Adam with α = lr·√(1 − β2^t)/(1 − β1^t) and eps 1e-7 on the raw √v\n"
                                  + "      lr=0.001 beta_1=0.9 beta_2=0.999 epsilon=1e-07 amsgrad=false weight_decay=0 clipnorm=0\n"))
        #expect(r.stdout.contains("      also accepted: learning_rate for lr; beta1 for beta_1; beta2 for beta_2; eps for epsilon\n"))
        #expect(r.stdout.contains("  optax.adam: Adam with eps_root inside the root\n      lr=(required) b1=0.9 b2=0.999 eps=1e-08 eps_root=0 nesterov=false\n"))
    }

    /// The MLP takes every family, through the same rules.
    @Test func mnistTakesEveryFamily() throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["mnist", "--opt", "textbook.adam:lr=0.01", "--opt", "keras.sgd:lr=0.1,momentum=0.9",
                                        "--opt", "optax.adabelief:lr=0.01", "--epochs", "1", "--batch", "400", "--hidden", "16",
                                        "--csv", "curves.csv"], in: folder.url)
        #expect(r.status == 0, "\(r)")
        let csv = String(decoding: try folder.read("curves.csv"), as: UTF8.self)
        for label in ["textbook.adam:lr=0.01", "\"keras.sgd:lr=0.1,momentum=0.9\"", "optax.adabelief:lr=0.01"] {
            #expect(csv.contains("\n" + label + ","), "\(label)")
        }
        // optax has no default rate, so a spec with other values needs one (or --lr)
        let missing = try TrajvizProcess.run(["mnist", "--opt", "optax.adam:b1=0.8", "--epochs", "1"], in: folder.url)
        #expect(missing.status == 2 && missing.stdout.isEmpty)
        #expect(missing.stderr == "trajviz: error: invalid optimizer 'optax.adam:b1=0.8': adam() missing 1 required "
                + "positional argument: 'learning_rate' (optax has no default rate; write lr=VALUE or give --lr)\n")
        let given = try TrajvizProcess.run(["mnist", "--opt", "optax.adam:b1=0.8", "--lr", "0.01", "--epochs", "1",
                                            "--batch", "400", "--hidden", "8"], in: folder.url)
        #expect(given.status == 0, "\(given)")
    }

    /// A family or a rule that does not exist: one line naming what is wrong and what is accepted,
    /// exit 2, no file; the same words wherever a spec is read (--opt, diff, mnist).
    @Test(arguments: [
        ("foo.adam", "unknown optimizer family 'foo' in 'foo.adam'; accepted: torch., textbook., keras., optax. or a bare name"),
        ("Keras.adam", "unknown optimizer family 'Keras' in 'Keras.adam' (did you mean 'keras'?); accepted: torch., textbook., keras., optax. or a bare name"),
        (".adam", "missing optimizer family before '.' in '.adam'; write a bare name for torch's rule or one of torch., textbook., keras., optax. before it"),
        ("optax.", "missing optimizer name after 'optax.' in 'optax.'; accepted: optax.all, optax.sgd, optax.adagrad, optax.rmsprop, optax.adam, "
                   + "optax.adamw, optax.adamax, optax.nadam, optax.radam, optax.amsgrad, optax.adabelief, optax.yogi, optax.lion"),
        ("keras.yogi", "unknown optimizer 'keras.yogi': the keras family has no yogi (it is in torch., optax.); accepted: keras.all, keras.sgd, "
                       + "keras.rmsprop, keras.adagrad, keras.adadelta, keras.adam, keras.adamw, keras.adamax, keras.nadam, keras.lion"),
        ("textbook.adamw:lr=0.1", "unknown optimizer 'textbook.adamw': the textbook family has no adamw (it is in torch., keras., optax.); "
                                  + "accepted: textbook.all, textbook.sgd, textbook.momentum, textbook.nesterov, textbook.adagrad, textbook.rmsprop, textbook.adam"),
        ("optax.nadamm", "unknown optimizer 'optax.nadamm' (did you mean 'optax.nadam'?); accepted: optax.all, optax.sgd, optax.adagrad, optax.rmsprop, "
                         + "optax.adam, optax.adamw, optax.adamax, optax.nadam, optax.radam, optax.amsgrad, optax.adabelief, optax.yogi, optax.lion"),
        ("keras.adam:learning_rate=0.1,lr=0.2", "hyperparameter 'lr' is given twice in 'keras.adam:learning_rate=0.1,lr=0.2' (learning_rate is another name for lr)"),
        ("keras.adam:rho=0.9", "unknown hyperparameter 'rho' for keras.adam; accepted: lr, beta_1, beta_2, epsilon, amsgrad, weight_decay, clipnorm, clipvalue, global_clipnorm"),
        ("textbook.adam:eps=1e-8", "unknown hyperparameter 'eps' for textbook.adam; accepted: lr, beta1, beta2"),
        // arguments of the references that trajviz leaves out say why
        ("keras.adam:use_ema=true", "keras.adam does not take 'use_ema': Keras applies it around the update rule (weight averages, loss scaling, "
                                    + "gradient accumulation), and trajviz steps the rule alone; accepted: lr, beta_1, beta_2, epsilon, amsgrad, "
                                    + "weight_decay, clipnorm, clipvalue, global_clipnorm"),
        ("optax.lion:lr=0.1,mu_dtype=1", "optax.lion does not take 'mu_dtype': trajviz keeps every moment in the working precision "
                                         + "(float64 on surfaces); accepted: lr, b1, b2, weight_decay"),
    ])
    func unknownNames(_ spec: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        for arguments in [["--surface", "beale", "--opt", spec, "--output", "fig.png"],
                          ["diff", spec, "adam", "--output", "fig.png"],
                          ["mnist", "--opt", spec, "--epochs", "1", "--output", "fig.png"]] {
            let r = try TrajvizProcess.run(arguments, in: folder.url)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(arguments)")
            #expect(r.stderr == "trajviz: error: \(message)\n", "\(arguments)")
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("fig.png").path))
        }
    }

    /// A value the reference refuses is refused with its words, one line, exit 2, no file.
    @Test(arguments: [
        ("keras.sgd:momentum=2", "`momentum` must be a float between [0, 1]."),
        ("keras.lion:beta_1=0", "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1=0.0."),
        ("keras.adam:clipnorm=1,clipvalue=2", "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1.0, clipvalue=2.0, global_clipnorm=None"),
        ("optax.lion:b1=0.5", "lion() missing 1 required positional argument: 'learning_rate' (optax has no default rate; write lr=VALUE or give --lr)"),
    ])
    func refusals(_ spec: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(["--surface", "beale", "--opt", spec, "--output", "fig.png"], in: folder.url)
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == "trajviz: error: invalid optimizer '\(spec)': \(message)\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("fig.png").path))
    }
}
