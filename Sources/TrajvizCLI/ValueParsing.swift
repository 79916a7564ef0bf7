import Numbers

/// Parsers for the small structured values of the command line (`X,Y`, `A,B`, `WxH`), each
/// refusing non-finite numbers with a message that shows the accepted form.
enum ValueParsing {
    /// Two finite numbers separated by a comma: `-1.5,2`.
    static func pair(_ text: String, option: String, example: String) throws(CLIError) -> (Double, Double) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .usage("malformed \(option) '\(text)'; expected two numbers separated by a comma, e.g. \(option)=\(example)")
        }
        var values: [Double] = []
        for part in parts {
            switch DecimalNumber.parse(part.trimmingCharacters(in: " ")) {
            case .success(let v): values.append(v)
            case .failure(.malformed):
                throw .usage("malformed \(option) '\(text)'; expected two numbers separated by a comma, e.g. \(option)=\(example)")
            case .failure(.notFinite), .failure(.overflow):
                throw .usage("invalid \(option) '\(text)'; both numbers must be finite, e.g. \(option)=\(example)")
            case .failure(let problem):
                throw .usage("invalid \(option) '\(text)'; '\(part)': \(problem.reason)")
            }
        }
        return (values[0], values[1])
    }

    /// An increasing range `A,B` with A < B.
    static func range(_ text: String, option: String, example: String) throws(CLIError) -> (Double, Double) {
        let (a, b) = try pair(text, option: option, example: example)
        guard a < b else { throw .usage("invalid \(option) '\(text)'; the first number must be less than the second, e.g. \(option)=\(example)") }
        return (a, b)
    }

    /// A pixel size `WxH` within `limit` on each side.
    static func size(_ text: String, option: String, minimum: Int, maximum: Int) throws(CLIError) -> (Int, Int) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, case .success(let w) = DecimalNumber.integer(parts[0]),
              case .success(let h) = DecimalNumber.integer(parts[1]) else {
            throw .usage("malformed \(option) '\(text)'; expected WIDTHxHEIGHT in pixels, e.g. \(option) 1200x900")
        }
        guard (minimum...maximum).contains(w), (minimum...maximum).contains(h) else {
            throw .usage("invalid \(option) '\(text)'; width and height must be between \(minimum) and \(maximum) pixels")
        }
        return (w, h)
    }

    /// A finite number, for options such as `--lr`.
    static func number(_ text: String, option: String, example: String) throws(CLIError) -> Double {
        switch DecimalNumber.parse(text.trimmingCharacters(in: " ")) {
        case .success(let v): return v
        case .failure(.malformed): throw .usage("invalid \(option) '\(text)'; expected a number, e.g. \(option) \(example)")
        case .failure(let problem): throw .usage("invalid \(option) '\(text)'; \(problem.reason), e.g. \(option) \(example)")
        }
    }

    /// A whole number within `range`, for counts such as `--steps`: decimal digits only.
    static func integer(_ text: String, option: String, range: ClosedRange<Int>) throws(CLIError) -> Int {
        let parsed = DecimalNumber.integer(text.trimmingCharacters(in: " "))
        guard case .success(let v) = parsed, range.contains(v) else {
            // A whole number out of range is shown as typed (`--steps -5`), anything else quoted.
            let shown = (try? parsed.get()) != nil ? text : "'\(text)'"
            throw .usage("invalid \(option) \(shown); expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String { Substring(self).trimmingCharacters(in: set) }
}
