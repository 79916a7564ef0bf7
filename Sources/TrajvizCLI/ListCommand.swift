import ArgumentParser
import Expressions
import Optimizers
import SurfaceFiles
import Surfaces

/// `trajviz list`: the surfaces and the optimizers, with what each accepts.
public struct ListCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the surfaces (formula, domain, minima) and the optimizers (hyperparameters with defaults, paper).")

    enum Section: String, ExpressibleByArgument, CaseIterable { case all, surfaces, optimizers }

    @Argument(help: "What to list.")
    var section: Section = .all

    public init() {}

    public func run() throws {
        var text = ""
        if section != .optimizers { text += ListCommand.surfaces() }
        if section == .all { text += "\n" }
        if section != .surfaces { text += ListCommand.optimizers() }
        Terminal.out(text)
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
        var out = "Optimizers (--opt NAME[:key=value,...]; 'all' for every one)\n"
        for kind in OptimizerRegistry.all {
            out += "  \(kind.name): \(kind.summary)\n"
            let params = kind.parameters.map { "\($0.name)=\($0.defaultValue)" }
            out += wrap(params.joined(separator: " "), indent: "      ")
            out += "      paper: \(kind.paper)\n"
            out += "      follows: \(kind.reference)\n"
        }
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
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
                lines.append(line); line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { indent + $0 + "\n" }.joined()
    }
}
