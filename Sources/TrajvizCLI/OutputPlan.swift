import CairoRender

/// The files a command will write, decided and checked before any work: an optional figure
/// (`--output`, or a default path when no output of any kind is named) and data files (`--csv`,
/// `--json`), at most one of them on standard output.
///
/// Every command that writes results goes through one plan, so the rules are the same
/// everywhere: a typo in a path or two options naming one file fail before anything is
/// computed, all files of a run are committed together or not at all (see
/// ``OutputTransaction``), and status lines go to stderr whenever stdout carries data.
struct OutputPlan {
    let figure: OutputFile?
    let figureFormat: FigureFormat?
    let data: [OutputFile]
    let transaction: OutputTransaction

    /// The figure's still format, for a command whose figure does not unfold over steps: an
    /// animated extension is refused with `refusal`, before any work.
    func stillFigureFormat(refusal: @autoclosure () -> String) throws(CLIError) -> ImageFormat? {
        switch figureFormat {
        case nil: return nil
        case .image(let still)?: return still
        case .animation?: throw .usage(refusal())
        }
    }

    /// - Parameters:
    ///   - output: the `--output` argument, if any.
    ///   - data: the data files named, in the order their options are listed in help.
    ///   - defaultFigure: where the figure goes when nothing at all is named (its folder is created).
    ///   - inputs: the files the command reads, which no output may replace.
    init(output: String?, data: [OutputFile], defaultFigure: String, inputs: [InputFile] = []) throws(CLIError) {
        var figure = output.map { OutputFile(path: $0, option: "--output") }
        let isDefault = figure == nil && data.isEmpty
        if isDefault { figure = OutputFile(path: defaultFigure, option: "--output") }
        let stdoutUsers = (data + [figure].compactMap { $0 }).filter(\.isStandardOutput)
        if stdoutUsers.count > 1 {
            throw .usage("only one output may be '-' (standard output); got " + stdoutUsers.map(\.option).joined(separator: " and "))
        }
        transaction = try OutputTransaction(data + [figure].compactMap { $0 }, inputs: inputs,
                                            createFolder: isDefault ? figure : nil)
        figureFormat = try figure.map { file throws(CLIError) in try FigureOutput.format(of: file) }
        try transaction.open()
        self.figure = figure
        self.data = data
    }

    /// Whether a result goes to standard output (then status lines go to stderr).
    var usesStandardOutput: Bool { transaction.writesStandardOutput }

    /// The sink of a data file or the figure, for writers that stream.
    func sink(for file: OutputFile) -> OutputSink { transaction.sink(for: file) }

    /// Writes the figure's and the data files' bytes (`data` in the plan's order) and commits
    /// them all, printing `summary` and then where each file went.
    func write(figure figureBytes: [UInt8]?, data contents: [[UInt8]], summary: String = "") throws(CLIError) {
        precondition(contents.count == data.count, "one content per data file")
        precondition((figure == nil) == (figureBytes == nil), "figure bytes exactly when a figure is planned")
        for (file, bytes) in zip(data, contents) { try transaction.sink(for: file).write(bytes) }
        if let figure, let figureBytes { try transaction.sink(for: figure).write(figureBytes) }
        try commit(summary: summary)
    }

    /// Commits what the sinks hold (for writers that streamed into them).
    func commit(summary: String = "") throws(CLIError) {
        var status = summary
        for file in [figure].compactMap({ $0 }) + data where !transaction.isStandardOutput(file) {
            status += "wrote \(file.path)\n"
        }
        try transaction.commit(status: status, statusToStderr: usesStandardOutput)
    }
}
