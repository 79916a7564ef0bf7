import Numbers

/// An optimizer as the user wrote it: `adam:lr=0.05,beta1=0.8`, with an optional schedule after
/// `@`: `adam:lr=0.05@cosine:T_max=300`.
///
/// Grammar: `name[:key=value[,key=value...]][@schedule]`. The name may carry a family prefix
/// (`torch.adam`; a bare name means the default family's entry). A list separates specs with
/// commas too: a comma followed by `key=value` (a plain key: letters, digits, `_`, `-`, `.`) continues the
/// current spec, anything else starts a new one, so `sgd,adam:lr=0.1,beta1=0.8,rmsprop` is three
/// specs and `adam@linear:start_factor=0.1,total_iters=20>cosine:T_max=180,sgd` two. `all`
/// stands for every optimizer of the default family (`keras.all` for another), and `all:lr=0.1`
/// gives each of them that value.
///
/// Two keys style the path instead of configuring the optimizer (``PathAppearance``), anywhere
/// in the spec, also after the schedule: `label=TEXT` and `color=#rrggbb`. A label runs to the
/// next comma: it may hold `:` and `@` but no comma. The schedule starts at the first `@` outside
/// a label, so write `label=` after the schedule (`adam@cosine:T_max=300,label=Adam, cosine` is
/// not possible; `adam@cosine:T_max=300,label=Adam (cosine)` is).
public struct OptimizerSpec: Hashable, Sendable {
    /// The spec as written (unique per run): `adam:lr=0.05`, or the bare name.
    public var label: String
    /// The registry's canonical name (`adam` also for `torch.adam`).
    public var name: String
    /// The values written, in order.
    public var overrides: Hyperparameters
    /// The `label=` and `color=` keys: how the figure shows the path (not hyperparameters).
    public var appearance: PathAppearance
    /// The schedule text after `@` (`cosine:T_max=300`), parsed by Stepping's `Schedule`; nil
    /// when the spec has none.
    public var schedule: String?

    public init(label: String, name: String, overrides: Hyperparameters, appearance: PathAppearance = PathAppearance(),
                schedule: String? = nil) {
        self.label = label; self.name = name; self.overrides = overrides; self.appearance = appearance
        self.schedule = schedule
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
            if isAssignment(trimmed), !groups.isEmpty {
                groups[groups.count - 1].append(trimmed)
            } else {
                groups.append([trimmed])
            }
        }
        var specs: [OptimizerSpec] = []
        for group in groups { specs += try parseOne(group) }
        return specs
    }

    /// Whether `token` is `key=value` with a plain key (letters, digits, `_`, and `-` or `.` so that
    /// a mistyped key is still reported as a key): it continues a spec.
    static func isAssignment(_ token: String) -> Bool {
        guard let equals = token.firstIndex(of: "="), equals != token.startIndex else { return false }
        return token[..<equals].allSatisfy { "_-.".contains($0) || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// Whether `token` styles the path (`label=...`, `color=...`).
    static func isStyle(_ token: String) -> Bool {
        PathAppearance.keys.contains { token.hasPrefix($0 + "=") }
    }

    private static func parseOne(_ parts: [String]) throws(SpecError) -> [OptimizerSpec] {
        let label = parts.joined(separator: ",")
        // The name ends at the first ':' or '@'; then come assignments, then after the first '@'
        // outside a style value the schedule. Style pieces (label=, color=) may sit anywhere.
        let leading = parts[0]
        let name: String
        var pieces = Array(parts.dropFirst())
        var scheduleStart: String? = nil
        if let cut = leading.firstIndex(where: { $0 == ":" || $0 == "@" }) {
            name = String(leading[..<cut]).trimmingSpaces
            let after = String(leading[leading.index(after: cut)...]).trimmingSpaces
            if leading[cut] == "@" {
                scheduleStart = after
            } else {
                if after.isEmpty || after.hasPrefix("@") {
                    throw SpecError("empty hyperparameter list after '\(name):'; write \(name):key=value, e.g. \(name):lr=0.01")
                }
                pieces.insert(after, at: 0)
            }
        } else {
            if leading.contains("=") {
                throw SpecError("'\(leading)' has no optimizer name; write name:key=value, e.g. adam:\(leading)")
            }
            name = leading
        }
        guard !name.isEmpty else {
            throw SpecError("'\(label)' has no optimizer name; write name:key=value, e.g. adam:lr=0.01")
        }
        var assignments: [String] = [], styles: [String] = [], schedulePieces: [String] = []
        if let scheduleStart { schedulePieces.append(scheduleStart) }
        for piece in pieces {
            if isStyle(piece) {
                styles.append(piece)
            } else if !schedulePieces.isEmpty || scheduleStart != nil {
                schedulePieces.append(piece)
            } else if let at = piece.firstIndex(of: "@") {
                let before = String(piece[..<at]).trimmingSpaces
                if !before.isEmpty { assignments.append(before) }
                schedulePieces.append(String(piece[piece.index(after: at)...]).trimmingSpaces)
            } else {
                assignments.append(piece)
            }
        }
        var schedule: String? = nil
        if !schedulePieces.isEmpty {
            let text = schedulePieces.joined(separator: ",").trimmingSpaces
            guard !text.isEmpty else {
                throw SpecError("empty schedule after '@' in '\(label)'; write e.g. \(name)@cosine:T_max=300 (trajviz list schedules)")
            }
            schedule = text
        }
        var appearance = PathAppearance()
        var styled = Set<String>()
        for piece in styles {
            let kv = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if kv[1].isEmpty { throw SpecError("missing value for '\(kv[0])' in '\(label)'; write \(kv[0])=VALUE") }
            guard styled.insert(kv[0]).inserted else { throw SpecError("hyperparameter '\(kv[0])' is given twice in '\(label)'") }
            try appearance.set(kv[0], kv[1], in: label)
        }
        let kinds = try OptimizerRegistry.resolve(name)
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
        let expands = name == "all" || name.hasSuffix(".all")
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
            // `all` gives each optimizer the spec it stands for: `adam:lr=0.1@cosine:T_max=50`.
            let own = kind.name + (raw.isEmpty ? "" : ":" + raw.map { "\($0.0)=\($0.1)" }.joined(separator: ","))
                + (schedule.map { "@" + $0 } ?? "")
            specs.append(OptimizerSpec(label: expands ? own : label, name: kind.name, overrides: overrides,
                                       appearance: appearance, schedule: schedule))
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
    let best = names.filter { abs($0.count - word.count) <= limit }.map { ($0, editDistance(lower, $0.lowercased())) }.min { $0.1 < $1.1 }
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
