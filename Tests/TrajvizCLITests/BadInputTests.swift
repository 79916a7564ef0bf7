import Foundation
import Testing

/// The bad-input table: every wrong command line gets one clear line on stderr, exit status 2
/// (usage) or 1 (failure), nothing on stdout, and no file created or changed.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        /// The whole first line of stderr, or a prefix of it ending in "…".
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--surface", "rosenbrok", "--opt", "adam"], status: 2,
             message: "trajviz: error: unknown surface 'rosenbrok' (did you mean 'rosenbrock'?); accepted: …"),
        Case(arguments: ["--surface", "rosenbrock", "--opt", "adamm"], status: 2,
             message: "trajviz: error: unknown optimizer 'adamm' (did you mean 'adam'?); accepted: all, sgd, momentum, …"),
        Case(arguments: ["--opt", "adam:betas=0.9"], status: 2,
             message: "trajviz: error: unknown hyperparameter 'betas' for adam (did you mean 'beta1'?); accepted: lr, …"),
        Case(arguments: ["--opt", "adam:lr=abc"], status: 2,
             message: "trajviz: error: invalid value 'abc' for adam lr: expected a number such as 0.01 or 1e-3"),
        Case(arguments: ["--opt", "adam:lr=nan"], status: 2,
             message: "trajviz: error: invalid value 'nan' for adam lr: expected a finite number"),
        Case(arguments: ["--opt", "adam:lr=inf"], status: 2,
             message: "trajviz: error: invalid value 'inf' for adam lr: expected a finite number"),
        Case(arguments: ["--opt", "adam:lr=-1"], status: 2,
             message: "trajviz: error: invalid optimizer 'adam:lr=-1': Invalid learning rate: -1.0"),
        Case(arguments: ["--opt", "adam:amsgrad=yes"], status: 2,
             message: "trajviz: error: invalid value 'yes' for adam amsgrad: expected true or false"),
        Case(arguments: ["--opt", ""], status: 2,
             message: "trajviz: error: empty optimizer spec in ''; write name[:key=value,...], e.g. adam:lr=0.05, or a list such as sgd,adam"),
        Case(arguments: ["--opt", "sgd,,adam"], status: 2,
             message: "trajviz: error: empty optimizer spec in 'sgd,,adam'; …"),
        Case(arguments: ["--opt", "adam:"], status: 2,
             message: "trajviz: error: empty hyperparameter list after 'adam:'; write adam:key=value, e.g. adam:lr=0.01"),
        Case(arguments: ["--opt", "adam:lr"], status: 2,
             message: "trajviz: error: malformed hyperparameter 'lr' in 'adam:lr'; write key=value, e.g. lr=0.01"),
        Case(arguments: ["--opt", "adam:lr=0.1,lr=0.2"], status: 2,
             message: "trajviz: error: hyperparameter 'lr' is given twice in 'adam:lr=0.1,lr=0.2'"),
        Case(arguments: ["--opt", "adam", "--opt", "adam"], status: 2,
             message: "trajviz: error: optimizer 'adam' is given twice; each --opt must differ (e.g. adam:lr=0.01 and adam:lr=0.1)"),
        Case(arguments: ["--start", "1;2"], status: 2,
             message: "trajviz: error: malformed --start '1;2'; expected two numbers separated by a comma, e.g. --start=-1.5,2"),
        Case(arguments: ["--start=1"], status: 2,
             message: "trajviz: error: malformed --start '1'; expected two numbers separated by a comma, e.g. --start=-1.5,2"),
        Case(arguments: ["--start=nan,1"], status: 2,
             message: "trajviz: error: invalid --start 'nan,1'; both numbers must be finite, e.g. --start=-1.5,2"),
        Case(arguments: ["--steps", "-5"], status: 2,
             message: "trajviz: error: invalid --steps -5; expected a whole number from 0 to 1000000"),
        Case(arguments: ["--steps", "ten"], status: 2,
             message: "trajviz: error: invalid --steps 'ten'; expected a whole number from 0 to 1000000"),
        Case(arguments: ["--steps", "2000000"], status: 2,
             message: "trajviz: error: invalid --steps 2000000; expected a whole number from 0 to 1000000"),
        Case(arguments: ["--opt", "adam,sgd", "--lr", "-0.1"], status: 2,
             message: "trajviz: error: invalid --lr -0.1 for adam: Invalid learning rate: -0.1"),
        Case(arguments: ["--opt", "sgd:nesterov=true"], status: 2,
             message: "trajviz: error: invalid optimizer 'sgd:nesterov=true': Nesterov momentum requires a momentum and zero dampening"),
        Case(arguments: ["--opt", "adam:beta1=1.0"], status: 2,
             message: "trajviz: error: invalid optimizer 'adam:beta1=1.0': Invalid beta parameter at index 0: 1.0"),
        Case(arguments: ["--csv", "."], status: 2,
             message: "trajviz: error: cannot write --csv '.': it is a folder; name a file"),
        Case(arguments: ["--surface", "./"], status: 1,
             message: "trajviz: error: ./: is a folder, not a surface file (.toml)"),
        Case(arguments: ["--surface", "missing/x.toml"], status: 1,
             message: "trajviz: error: missing/x.toml: no such file"),
        Case(arguments: ["--lr", "fast"], status: 2,
             message: "trajviz: error: invalid --lr 'fast'; expected a number, e.g. --lr 0.01"),
        Case(arguments: ["--output", "fig.jpg"], status: 2,
             message: "trajviz: error: unsupported figure format 'fig.jpg'; accepted extensions: .png, .svg, .pdf, .gif, .webp"),
        Case(arguments: ["--output", "no/such/folder/fig.png"], status: 1,
             message: "trajviz: error: cannot write --output 'no/such/folder/fig.png': folder 'no/such/folder' does not exist"),
        Case(arguments: ["--csv", "-", "--json", "-"], status: 2,
             message: "trajviz: error: only one output may be '-' (standard output); got --csv and --json"),
        Case(arguments: ["--levels", "1"], status: 2,
             message: "trajviz: error: invalid --levels 1; expected a whole number from 2 to 200"),
        Case(arguments: ["--xlim=2,-2"], status: 2,
             message: "trajviz: error: invalid --xlim '2,-2'; the first number must be less than the second, e.g. --xlim=-2,2"),
        Case(arguments: ["--size", "big"], status: 2,
             message: "trajviz: error: malformed --size 'big'; expected WIDTHxHEIGHT in pixels, e.g. --size 1200x900"),
        Case(arguments: ["--size", "50000x10"], status: 2,
             message: "trajviz: error: invalid --size '50000x10'; width and height must be between 100 and 10000 pixels"),
        Case(arguments: ["--log", "--linear"], status: 2,
             message: "trajviz: error: value to be set with flag '--linear' had already been set with flag '--log'"),
        Case(arguments: ["--frobnicate"], status: 2,
             message: "trajviz: error: unknown option '--frobnicate'"),
        Case(arguments: ["list", "everything"], status: 2,
             message: "trajviz: error: invalid value 'everything' for <section>; accepted: 'all', 'surfaces', 'optimizers' or 'schedules'"),
    ]

    @Test(arguments: cases)
    func refusedCleanly(_ c: Case) throws {
        let folder = try TemporaryFolder()
        try folder.write("keep.png", "existing")
        let r = try TrajvizProcess.run(c.arguments, in: folder.url)
        #expect(r.status == c.status, "\(r)")
        let first = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if c.message.hasSuffix("…") {
            #expect(first.hasPrefix(String(c.message.dropLast())), "\(r)")
        } else {
            #expect(first == c.message, "\(r)")
        }
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(!r.stderr.contains("Fatal error"), "\(r)")
        // Nothing created, nothing changed.
        #expect(folder.listing() == ["keep.png"], "\(folder.listing())")
        #expect(try folder.read("keep.png") == Data("existing".utf8))
    }

    /// A negative or malformed count or seed is refused as what it is, in one line, by every
    /// command: the options take their value unconditionally, so `--seed -3` is not read as a
    /// missing seed followed by an option `-3`. The seed's limit (2^53 − 1, exact in a manifest's
    /// JSON) holds for every command.
    @Test(arguments: [
        (["--seed", "-3"], "invalid --seed -3; expected a whole number from 0 to 9007199254740991"),
        (["--seed", "ten"], "invalid --seed 'ten'; expected a whole number from 0 to 9007199254740991"),
        (["--noise", "1", "--runs", "-2"], "invalid --runs -2; expected a whole number from 1 to 1000"),
        (["--noise", "1", "--runs", "x"], "invalid --runs 'x'; expected a whole number from 1 to 1000"),
        (["--font-scale", "-2"], "invalid --font-scale -2; expected a number from 0.5 to 3"),
        (["sweep", "--surface", "rosenbrock", "--opt", "adam", "--lr", "0.01:1:3", "--seed", "-1"],
         "invalid --seed -1; expected a whole number from 0 to 9007199254740991"),
        (["sweep", "--surface", "rosenbrock", "--opt", "adam", "--lr", "0.01:1:3", "--noise", "1", "--runs", "-4"],
         "invalid --runs -4; expected a whole number from 1 to 1000"),
        (["tune", "--surface", "rosenbrock", "--opt", "adam", "--seed", "-1"], "invalid --seed -1; expected a whole number from 0 to 9007199254740991"),
        (["tune", "--surface", "rosenbrock", "--opt", "adam", "--budget", "-5"], "invalid --budget -5; expected a whole number from 1 to 10000"),
        (["mnist", "--epochs", "-1"], "invalid --epochs -1; expected a whole number from 1 to 10000"),
        (["mnist", "--batch", "-4"], "invalid --batch -4; expected a whole number from 1 to 1000000"),
        (["mnist", "--seed", "9007199254740992"], "invalid --seed 9007199254740992; expected a whole number from 0 to 9007199254740991"),
        (["landscape", "--grid", "-3"], "invalid --grid -3; expected a whole number from 3 to 401"),
        (["landscape", "--seed", "-2"], "invalid --seed -2; expected a whole number from 0 to 9007199254740991"),
        (["linear", "--steps", "-1"], "invalid --steps -1; expected a whole number from 1 to 1000000"),
        (["linear", "--seed", "-1"], "invalid --seed -1; expected a whole number from 0 to 9007199254740991"),
    ] as [([String], String)])
    func negativeAndMalformedNumbersInOneLine(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let r = try TrajvizProcess.run(arguments + ["--csv", "out.csv"], in: folder.url)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr == "trajviz: error: \(message)\n", "\(r)")
        #expect(r.stdout.isEmpty && folder.listing().isEmpty, "\(r)")
    }

    @Test func failedRunKeepsExistingOutput() throws {
        let folder = try TemporaryFolder()
        try folder.write("fig.png", "old figure")
        let r = try TrajvizProcess.run(["--opt", "adam:lr=-1", "--output", "fig.png"], in: folder.url)
        #expect(r.status == 2)
        #expect(try folder.read("fig.png") == Data("old figure".utf8))
        #expect(folder.listing() == ["fig.png"])
    }
}
