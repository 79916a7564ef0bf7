import ArgumentParser
import Foundation

/// swift-argument-parser's errors in trajviz's style: one line `trajviz: error: ...`, and at
/// most a second with the option's help or where to find the options.
///
///     Error: The value 'ten' is invalid for '--levels <N>'        trajviz: error: invalid value 'ten' for --levels <N>
///     Help:  --levels <N>  Number of contour levels ...     ->    help: --levels <N>  Number of contour levels ...
///     Usage: trajviz --surface NAME ...
///       See 'trajviz plot --help' for more information.
enum ParserMessages {
    static let subcommands = ["list", "mnist", "compare", "replay", "plot"]

    /// The two lines (each ending in a line break) for `error` from parsing `arguments`.
    static func oneLine(for error: any Error, arguments: [String]) -> String {
        let full = Trajviz.fullMessage(for: error)
        let lines = full.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var message = Trajviz.message(for: error)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: " ") }
            .filter { !$0.isEmpty && !$0.hasPrefix("Usage:") && !$0.hasPrefix("Help:") }
            .joined(separator: "; ")
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        message = rewrite(message)
        var hint: String
        if let help = lines.first(where: { $0.hasPrefix("Help:") }) {
            hint = "help: " + help.dropFirst("Help:".count).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        } else {
            let sub = arguments.first.flatMap { subcommands.contains($0) && $0 != "plot" ? $0 : nil }
            hint = "see 'trajviz \(sub.map { "help \($0)" } ?? "--help")' for the options"
        }
        if message.isEmpty { message = "invalid command line" }
        return "trajviz: error: \(message)\n\(hint)\n"
    }

    /// Known phrasings made to read like trajviz's own messages.
    static func rewrite(_ text: String) -> String {
        // The value 'ten' is invalid for '--steps <N>'[: reason]
        let prefix = "The value '"
        if text.hasPrefix(prefix), let mid = text.range(of: "' is invalid for '") {
            let value = text[text.index(text.startIndex, offsetBy: prefix.count)..<mid.lowerBound]
            var rest = text[mid.upperBound...]
            var option = rest
            if let close = rest.firstIndex(of: "'") {
                option = rest[..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                rest = ""
            }
            var tail = String(rest).replacingOccurrences(of: ". Please provide one of ", with: "; accepted: ")
            if tail.hasSuffix(".") { tail.removeLast() }
            return "invalid value '\(value)' for \(option)" + tail
        }
        guard let first = text.first else { return text }
        // Lower-case the first word unless it is a name (`--log`, `MNIST`).
        let second = text.dropFirst().first
        if first.isUppercase, second.map({ $0.isLowercase }) ?? true {
            return first.lowercased() + text.dropFirst()
        }
        return text
    }
}
