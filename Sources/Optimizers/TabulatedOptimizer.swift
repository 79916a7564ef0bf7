/// An ``Optimizer`` whose hyperparameters are declared once, in one table of ``fields``.
///
/// ``Optimizer/parameters``, ``Optimizer/values`` and ``Optimizer/init(_:)`` all come from that
/// table, so a name, its default and the stored property it fills cannot drift apart: a manifest
/// written from `values` always replays through `init(_:)`.
///
/// ```swift
/// public static let fields: [HyperparameterField<Adam>] = [
///     .number("lr", \.lr, 1e-3, "learning rate"),
///     .flag("amsgrad", \.amsgrad, false, "use the running maximum of v (AMSGrad)"),
/// ]
/// ```
///
/// A conforming type keeps its Swift initialiser (labels and defaults, the same defaults as the
/// table: `TabulatedOptimizerTests` checks they agree), which stores the values and calls
/// ``validate()``.
public protocol TabulatedOptimizer: Optimizer {
    /// Every hyperparameter, in the order shown and recorded, with the reference's names and defaults.
    static var fields: [HyperparameterField<Self>] { get }

    /// The rule with every default: the Swift initialiser called without arguments.
    static func withDefaults() throws(HyperparameterError) -> Self

    /// Throws the reference's first complaint about the stored values, checking in the
    /// reference's order (its message: `Invalid learning rate: -1.0`).
    func validate() throws(HyperparameterError)
}

extension TabulatedOptimizer {
    public static var parameters: [HyperparameterInfo] { fields.map(\.info) }

    public var values: Hyperparameters {
        Hyperparameters(Self.fields.map { (name: $0.info.name, value: $0.value(in: self)) })
    }

    /// Starts from the defaults, stores every value of the table, then validates.
    public init(_ values: Hyperparameters) throws(HyperparameterError) {
        var rule = try Self.withDefaults()
        for field in Self.fields { field.store(values, in: &rule) }
        try rule.validate()
        self = rule
    }
}

/// One hyperparameter of a ``TabulatedOptimizer``: name, default and help (what
/// ``Optimizer/parameters`` shows) and the stored property that holds its value.
public struct HyperparameterField<Owner>: Sendable {
    public let info: HyperparameterInfo
    private let property: Property

    private enum Property: Sendable {
        case number(WritableKeyPath<Owner, Double> & Sendable)
        case flag(WritableKeyPath<Owner, Bool> & Sendable)
    }

    /// A number stored in `property`: `.number("lr", \.lr, 1e-3, "learning rate")`.
    public static func number(_ name: String, _ property: WritableKeyPath<Owner, Double> & Sendable,
                              _ defaultValue: Double, _ help: String, aliases: [String] = []) -> Self {
        Self(info: HyperparameterInfo(name, .number(defaultValue), help, aliases: aliases), property: .number(property))
    }

    /// A flag stored in `property`: `.flag("maximize", \.maximize, false, "...")`.
    public static func flag(_ name: String, _ property: WritableKeyPath<Owner, Bool> & Sendable,
                            _ defaultValue: Bool, _ help: String, aliases: [String] = []) -> Self {
        Self(info: HyperparameterInfo(name, .flag(defaultValue), help, aliases: aliases), property: .flag(property))
    }

    /// The value `owner` holds.
    func value(in owner: Owner) -> HyperValue {
        switch property {
        case .number(let path): return .number(owner[keyPath: path])
        case .flag(let path): return .flag(owner[keyPath: path])
        }
    }

    /// Stores this field's value from `values` (complete and type-checked by the registry;
    /// a missing or mistyped value is a programmer error, see ``Hyperparameters/number(_:)``).
    func store(_ values: Hyperparameters, in owner: inout Owner) {
        switch property {
        case .number(let path): owner[keyPath: path] = values.number(info.name)
        case .flag(let path): owner[keyPath: path] = values.flag(info.name)
        }
    }
}
