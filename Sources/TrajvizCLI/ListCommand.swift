import ArgumentParser
import Expressions
import Optimizers
import Stepping
import SurfaceFiles
import Surfaces

/// `trajviz list`: the surfaces, the optimizers and the schedules, with what each accepts.
public struct ListCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the surfaces (formula, domain, minima), the optimizers (hyperparameters with defaults, paper) and the learning-rate schedules (arguments with defaults).")

    enum Section: String, ExpressibleByArgument, CaseIterable { case all, surfaces, optimizers, schedules }

    @Argument(help: "What to list.")
    var section: Section = .all

    public init() {}

    public func run() throws {
        Terminal.out(ListCommand.listing(section))
    }

    /// The text `trajviz list SECTION` prints.
    static func listing(_ section: Section) -> String {
        var parts: [String] = []
        if section == .all || section == .surfaces { parts.append(surfaces()) }
        if section == .all || section == .optimizers { parts.append(optimizers()) }
        if section == .all || section == .schedules { parts.append(schedules()) }
        return parts.joined(separator: "\n")
    }

    static func surfaces() -> String {
        var out = "Surfaces (--surface NAME)\n"
        for s in Surfaces.builtIn {
            out += describe(s)
        }
        out += SurfaceLookup.fileSurfacesListing()
        return out
    }

    static func describe(_ s: any Surface, name: String? = nil) -> String {
        var out = "  \(name ?? s.name)\n"
        out += "      f(x, y) = \(s.formula)\n"
        out += "      domain  x ∈ [\(formatNumber(s.domain.x.lowerBound)), \(formatNumber(s.domain.x.upperBound))], "
            + "y ∈ [\(formatNumber(s.domain.y.lowerBound)), \(formatNumber(s.domain.y.upperBound))]\n"
        if s.minima.isEmpty {
            out += "      minima  none in the domain\n"
        } else {
            let m = s.minima.map { "f(\(short($0.point.x)), \(short($0.point.y))) = \(short($0.value))" }
            out += "      minima  " + m.joined(separator: "; ") + "\n"
        }
        out += "      start   (\(formatNumber(s.suggestedStart.x)), \(formatNumber(s.suggestedStart.y))), \(s.levelScale.rawValue) levels\n"
        if !s.citation.isEmpty { out += "      source  \(s.citation)\n" }
        if let file = s as? ExpressionSurface {
            out += "      cost    \(file.expression.instructionCount) operations per evaluation (at most \(MathExpression.maximumOperations))\n"
        }
        return out
    }

    static func optimizers() -> String {
        var out = "Optimizers (--opt NAME[:key=value,...][@SCHEDULE]; 'all' for every one)\n"
        for family in OptimizerRegistry.families {
            let names = family.isDefault ? "bare names, or \(family.prefix).NAME" : "\(family.prefix).NAME"
            out += "\n Family \(family.prefix) (\(names)): \(family.title)\n"
            for kind in OptimizerRegistry.entries(of: family) {
                out += "  \(kind.name): \(kind.summary)\n"
                let params = kind.parameters.map { "\($0.name)=" + ($0.isRequired ? "(required)" : "\($0.defaultValue)") }
                out += wrap(params.joined(separator: " "), indent: "      ")
                let aliases = kind.parameters.filter { !$0.aliases.isEmpty }
                    .map { "\($0.aliases.joined(separator: ", ")) for \($0.name)" }
                if !aliases.isEmpty { out += wrap("also accepted: " + aliases.joined(separator: "; "), indent: "      ") }
                out += "      paper: \(kind.paper)\n"
                out += "      follows: \(kind.reference)\n"
            }
        }
        return out
    }

    /// Every schedule with its arguments and torch's defaults.
    static func schedules() -> String {
        var out = "Schedules (--opt SPEC@SCHEDULE or --schedule SCHEDULE; NAME[:key=value,...]; chain with '>', lists with '/')\n"
        for kind in ScheduleKind.all {
            out += "  \(kind.name): \(kind.summary)\n"
            let arguments = kind.arguments.map { argument in
                switch argument.defaultValue {
                case .required: return "\(argument.name)=(required)"
                case .value(let v): return "\(argument.name)=\(v)"
                case .computed(let how): return "\(argument.name)=(\(how))"
                }
            }
            out += wrap(arguments.joined(separator: " "), indent: "      ")
            out += "      follows: torch.optim.lr_scheduler.\(kind.torchClass)\n"
        }
        out += "  In a chain (A>B>C) every schedule but the last needs a length, where the next starts: until=N, else\n"
        out += "  its total_iters, T_max, step_size or T_0 as written. plateau steps with the loss and cannot be chained.\n"
        out += "  Example: sgd:lr=0.001,momentum=0.9@linear:start_factor=0.1,total_iters=20>cosine:T_max=180\n"
        return out
    }

    private static func short(_ v: Double) -> String {
        let s = formatNumber(v)
        if s.count <= 10 { return s }
        // Long expansions such as -2.9035340276126953 read better at 7 significant digits.
        var r = (v * 1e6).rounded() / 1e6
        if r == 0 { r = v }
        return formatNumber(r)
    }

    private static func wrap(_ text: String, indent: String, width: Int = 96) -> String {
        // Lengths in characters, kept as running counts: `String.count` walks the string, and
        // asking it per word made listing the optimizers a quarter of `trajviz list`'s start.
        let indentCount = indent.count
        var out = ""
        var line = "", lineCount = 0
        for word in text.split(separator: " ") {
            let wordCount = word.count
            if lineCount > 0, indentCount + lineCount + 1 + wordCount > width {
                out += indent; out += line; out += "\n"
                line = ""; lineCount = 0
            }
            if lineCount > 0 { line += " "; lineCount += 1 }
            line += word; lineCount += wordCount
        }
        if lineCount > 0 { out += indent; out += line; out += "\n" }
        return out
    }
}
