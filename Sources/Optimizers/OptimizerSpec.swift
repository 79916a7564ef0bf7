import Numbers

/// An optimizer as the user wrote it: `adam:lr=0.05,beta1=0.8`.
///
/// Grammar: `name[:key=value[,key=value...]]`. A list separates specs with commas too: a comma
/// followed by `key=value` continues the current spec, anything else starts a new one, so
/// `sgd,adam:lr=0.1,beta1=0.8,rmsprop` is three specs. `all` stands for every optimizer, and
/// `all:lr=0.1` gives each of them that value. Two keys style the path instead of configuring the
/// optimizer (``PathAppearance``): `label=TEXT` (no commas) and `color=#rrggbb`.
public struct OptimizerSpec: Hashable, Sendable {
    /// The spec as written (unique per run): `adam:lr=0.05`, or the bare name.
    public var label: String
    /// The registry name.
    public var name: String
    /// The values written, in order.
    public var overrides: Hyperparameters
    /// The `label=` and `color=` keys: how the figure shows the path (not hyperparameters).
    public var appearance: PathAppearance

    public init(label: String, name: String, overrides: Hyperparameters, appearance: PathAppearance = PathAppearance()) {
        self.label = label; self.name = name; self.overrides = overrides; self.appearance = appearance
    }

    public var kind: OptimizerKind {
        // Parsing only produces registered names.
        OptimizerRegistry.named(name)!
    }

    /// Parses one `--opt` argument into one or more specs.
    public static func parseList(_ text: String) throws(SpecError) -> [OptimizerSpec] {
        let tokens = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var groups: [[String]] = []
        for token in tokens {
            let trimmed = token.trimmingSpaces
            if trimmed.isEmpty {
                throw SpecError("empty optimizer spec in '\(text)'; write name[:key=value,...], e.g. adam:lr=0.05, or a list such as sgd,adam")
            }
            // `label=` text may hold a colon; it still continues the current spec.
            let continues = trimmed.hasPrefix("label=") || (trimmed.contains("=") && !trimmed.contains(":"))
            if continues, !groups.isEmpty {
                groups[groups.count - 1].append(trimmed)
            } else {
                groups.append([trimmed])
            }
        }
        var specs: [OptimizerSpec] = []
        for group in groups { specs += try parseOne(group) }
        return specs
    }

    private static func parseOne(_ parts: [String]) throws(SpecError) -> [OptimizerSpec] {
        let head = parts[0]
        let label = parts.joined(separator: ",")
        let name: String
        var assignments = Array(parts.dropFirst())
        if let colon = head.firstIndex(of: ":") {
            name = String(head[..<colon]).trimmingSpaces
            let first = String(head[head.index(after: colon)...]).trimmingSpaces
            if first.isEmpty { throw SpecError("empty hyperparameter list after '\(name):'; write \(name):key=value, e.g. \(name):lr=0.01") }
            assignments.insert(first, at: 0)
        } else {
            if head.contains("=") {
                throw SpecError("'\(head)' has no optimizer name; write name:key=value, e.g. adam:\(head)")
            }
            name = head
        }
        let kinds: [OptimizerKind]
        if name == "all" {
            kinds = OptimizerRegistry.all
        } else if let kind = OptimizerRegistry.named(name) {
            kinds = [kind]
        } else {
            throw SpecError("unknown optimizer '\(name)'\(suggestion(for: name, among: OptimizerRegistry.names)); accepted: all, "
                            + OptimizerRegistry.names.joined(separator: ", "))
        }
        var raw: [(String, String)] = []
        for a in assignments {
            let kv = a.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard kv.count == 2, !kv[0].isEmpty else {
                throw SpecError("malformed hyperparameter '\(a)' in '\(label)'; write key=value, e.g. lr=0.01")
            }
            if kv[1].isEmpty { throw SpecError("missing value for '\(kv[0])' in '\(label)'; write \(kv[0])=VALUE") }
            if raw.contains(where: { $0.0 == kv[0] }) { throw SpecError("hyperparameter '\(kv[0])' is given twice in '\(label)'") }
            raw.append((kv[0], kv[1]))
        }
        var appearance = PathAppearance()
        for (key, text) in raw where PathAppearance.keys.contains(key) {
            try appearance.set(key, text, in: label)
        }
        raw.removeAll { PathAppearance.keys.contains($0.0) }
        var specs: [OptimizerSpec] = []
        for kind in kinds {
            var overrides = Hyperparameters()
            for (key, text) in raw {
                guard let info = kind.parameters.first(where: { $0.name == key }) else {
                    throw SpecError("unknown hyperparameter '\(key)' for \(kind.name)\(suggestion(for: key, among: kind.parameters.map(\.name))); accepted: "
                                    + kind.parameters.map(\.name).joined(separator: ", "))
                }
                overrides[key] = try parseValue(text, for: info, of: kind.name)
            }
            specs.append(OptimizerSpec(label: name == "all" ? (raw.isEmpty ? kind.name : kind.name + ":" + raw.map { "\($0.0)=\($0.1)" }.joined(separator: ",")) : label,
                                       name: kind.name, overrides: overrides, appearance: appearance))
        }
        return specs
    }

    /// Parses a value for `info` the way the command line writes it: a finite decimal number,
    /// or `true`/`false` for flags.
    public static func parseValue(_ text: String, for info: HyperparameterInfo, of optimizer: String) throws(SpecError) -> HyperValue {
        switch info.defaultValue {
        case .flag:
            switch text.lowercased() {
            case "true": return .flag(true)
            case "false": return .flag(false)
            default: throw SpecError("invalid value '\(text)' for \(optimizer) \(info.name): expected true or false")
            }
        case .number:
            // The one number reader of trajviz: nan, inf, hexadecimal and values that overflow
            // or underflow to 0 are refused here as everywhere else.
            switch DecimalNumber.parse(text) {
            case .success(let v): return .number(v)
            case .failure(let problem):
                throw SpecError("invalid value '\(text)' for \(optimizer) \(info.name): \(problem.reason)")
            }
        }
    }
}

/// ` (did you mean 'adam'?)` when a close name exists, else empty. Shared by every "unknown name"
/// message (optimizers, hyperparameters, surfaces).
public func suggestion(for word: String, among names: [String]) -> String {
    let limit = max(1, word.count / 3), lower = word.lowercased()
    // Names whose length differs by more than the limit cannot be close: skipping them keeps a
    // long mistaken word (a pasted file, 70 kB) from costing an edit-distance table per name.
    let best = names.filter { abs($0.count - word.count) <= limit }.map { ($0, editDistance(lower, $0)) }.min { $0.1 < $1.1 }
    guard let (name, d) = best, d <= limit else { return "" }
    return " (did you mean '\(name)'?)"
}

/// Edit distance counting an adjacent transposition as one edit (optimal string alignment),
/// for suggestions on typos: `adma` is one edit from `adam`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
