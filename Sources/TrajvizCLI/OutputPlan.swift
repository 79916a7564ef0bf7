import CairoRender

/// The files a command will write, decided and checked before any work: an optional figure
/// (`--output`, or a default path when no output of any kind is named) and data files (`--csv`,
/// `--json`), at most one of them on standard output.
///
/// Every command that writes results goes through one plan, so the rules are the same
/// everywhere: a typo in a path fails before anything is computed, files are written whole (see
/// ``OutputFile``), and status lines go to stderr whenever stdout carries data.
struct OutputPlan {
    let figure: OutputFile?
    let figureFormat: FigureFormat?
    let data: [OutputFile]

    /// - Parameters:
    ///   - output: the `--output` argument, if any.
    ///   - data: the data files named, in the order their options are listed in help.
    ///   - defaultFigure: where the figure goes when nothing at all is named (its folder is created).
    init(output: String?, data: [OutputFile], defaultFigure: String) throws(CLIError) {
        var figure = output.map { OutputFile(path: $0, option: "--output") }
        let isDefault = figure == nil && data.isEmpty
        if isDefault { figure = OutputFile(path: defaultFigure, option: "--output") }
        let stdoutUsers = (data + [figure].compactMap { $0 }).filter(\.isStandardOutput)
        if stdoutUsers.count > 1 {
            throw .usage("only one output may be '-' (standard output); got " + stdoutUsers.map(\.option).joined(separator: " and "))
        }
        figureFormat = try figure.map { file throws(CLIError) in try FigureOutput.format(of: file) }
        for file in data { try file.validate() }
        try figure?.validate(createFolder: isDefault)
        self.figure = figure
        self.data = data
    }

    /// Whether a result goes to standard output (then status lines go to stderr).
    var usesStandardOutput: Bool { (data + [figure].compactMap { $0 }).contains(where: \.isStandardOutput) }

    /// A status line: on stdout, unless stdout carries a result.
    func status(_ text: String) { usesStandardOutput ? Terminal.err(text) : Terminal.out(text) }

    /// Writes the figure's and the data files' bytes (`data` in the plan's order), each whole,
    /// then says where they went. Everything is made before the first file is written, so a
    /// failure leaves no partial set of files behind.
    func write(figure figureBytes: [UInt8]?, data contents: [[UInt8]]) throws(CLIError) {
        precondition(contents.count == data.count, "one content per data file")
        precondition((figure == nil) == (figureBytes == nil), "figure bytes exactly when a figure is planned")
        for (file, bytes) in zip(data, contents) { try file.write(bytes) }
        if let figure, let figureBytes { try figure.write(figureBytes) }
        for file in [figure].compactMap({ $0 }) + data where !file.isStandardOutput {
            status("wrote \(file.path)\n")
        }
    }
}
