/// One hyperparameter value: a number or a flag (`true`/`false` on the command line).
public enum HyperValue: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case flag(Bool)

    /// Shortest text that reads back to the same value: `0.05`, `1e-08`, `true`.
    public var description: String {
        switch self {
        case .number(let v): return formatNumber(v)
        case .flag(let b): return b ? "true" : "false"
        }
    }

    public var number: Double? { if case .number(let v) = self { return v } else { return nil } }
    public var flag: Bool? { if case .flag(let b) = self { return b } else { return nil } }
}

/// Formats a Double as the shortest decimal that reads back to the identical value,
/// independent of the locale, with integers shown without a trailing `.0` (`2`, `0.5`, `1e-08`).
public func formatNumber(_ v: Double) -> String {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return v.description
}

/// What a rule accepts: name, default, one line of help, and other names a spec may use for it
/// (Keras's `learning_rate` for `lr`, `eps` for `epsilon`).
///
/// A default of NaN means the reference has none (optax's `learning_rate`): the value must be
/// given, and the rule refuses to be built without it.
public struct HyperparameterInfo: Sendable {
    public var name: String
    public var defaultValue: HyperValue
    public var help: String
    /// Names a spec may write instead of ``name``; values are recorded under ``name``.
    public var aliases: [String]
    public init(_ name: String, _ defaultValue: HyperValue, _ help: String, aliases: [String] = []) {
        self.name = name; self.defaultValue = defaultValue; self.help = help; self.aliases = aliases
    }

    /// Whether a spec's `key` names this hyperparameter (its name or an alias).
    public func isNamed(_ key: String) -> Bool { key == name || aliases.contains(key) }

    /// Whether the reference has no default for it (a NaN default): it must be given.
    public var isRequired: Bool { defaultValue.number?.isNaN ?? false }
}

/// An ordered set of named hyperparameter values.
public struct Hyperparameters: Hashable, Sendable, Sequence {
    public private(set) var entries: [(name: String, value: HyperValue)]

    public init(_ entries: [(name: String, value: HyperValue)] = []) { self.entries = entries }

    public static func == (a: Self, b: Self) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
    public func hash(into h: inout Hasher) { for e in entries { h.combine(e.name); h.combine(e.value) } }
    public func makeIterator() -> IndexingIterator<[(name: String, value: HyperValue)]> { entries.makeIterator() }

    public subscript(name: String) -> HyperValue? {
        get { entries.first { $0.name == name }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue { entries.append((name, newValue)) }
        }
    }

    /// The number called `name`; a programmer error if it is missing or a flag
    /// (the registry completes and type-checks values before a rule sees them).
    public func number(_ name: String) -> Double {
        guard case .number(let v)? = self[name] else { preconditionFailure("hyperparameter \(name) is not a number") }
        return v
    }
    /// The flag called `name`; see ``number(_:)``.
    public func flag(_ name: String) -> Bool {
        guard case .flag(let b)? = self[name] else { preconditionFailure("hyperparameter \(name) is not a flag") }
        return b
    }
}

/// A hyperparameter the reference would refuse, with its message.
public struct HyperparameterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
