import Optimizers
import Testing

/// The one table of fields per rule agrees with the Swift side of the rule: the defaults of its
/// initialiser, the stored property each name fills, and the reference's order of checks.
@Suite struct TabulatedOptimizerTests {
    /// Every rule of the registry, once each.
    static var rules: [any TabulatedOptimizer.Type] {
        var seen = Set<ObjectIdentifier>()
        return OptimizerRegistry.all.compactMap { kind in
            guard seen.insert(ObjectIdentifier(kind.rule)).inserted else { return nil }
            return kind.rule as? any TabulatedOptimizer.Type
        }
    }

    @Test func everyRuleIsTabulated() {
        let distinct = Set(OptimizerRegistry.all.map { ObjectIdentifier($0.rule) })
        #expect(Self.rules.count == distinct.count)
        // torch 14, textbook 6, keras 8 (AdamW is Adam with a preset), optax 11 (NAdam is Adam's).
        #expect(distinct.count == 14 + 6 + 8 + 11)
    }

    @Test func initialiserDefaultsMatchTheTable() throws {
        for rule in Self.rules { try Self.checkDefaults(rule) }
    }

    static func checkDefaults<T: TabulatedOptimizer>(_ rule: T.Type) throws {
        let table = Hyperparameters(T.parameters.map { (name: $0.name, value: $0.defaultValue) })
        // A required value's default is NaN, which equals nothing: compare as text.
        #expect(try T.withDefaults().values.map { "\($0.name)=\($0.value)" } == table.map { "\($0.name)=\($0.value)" }, "\(T.self)")
        #expect(Set(T.parameters.map(\.name)).count == T.parameters.count, "\(T.self): a name twice")
    }

    /// Changing one value at a time changes the stored property of the same name (snake_case in
    /// the table, camelCase in Swift), so no entry points at a neighbour's property.
    @Test func eachNameFillsItsOwnProperty() throws {
        var refused: [String] = []
        for rule in Self.rules { Self.checkProperties(rule, refused: &refused) }
        // Nesterov alone needs a momentum; every other single change is valid.
        #expect(refused == ["SGD.nesterov"])
    }

    static func checkProperties<T: TabulatedOptimizer>(_ rule: T.Type, refused: inout [String]) {
        // Required values (optax's rate) get one, so that only the value under test changes.
        let defaults = Hyperparameters(T.parameters.map { (name: $0.name, value: $0.isRequired ? .number(0.01) : $0.defaultValue) })
        for info in T.parameters {
            var values = defaults
            switch defaults[info.name]! {
            case .number(let d): values[info.name] = .number(d == 0 ? 0.25 : (d < 1 ? d / 2 : d * 2))
            case .flag(let b): values[info.name] = .flag(!b)
            }
            guard let made = try? T(values) else { refused.append("\(T.self).\(info.name)"); continue }
            #expect(made.values == values, "\(T.self).\(info.name)")
            let stored = storedValues(of: made)
            #expect(stored[camelCase(info.name)] == values[info.name], "\(T.self).\(info.name)")
        }
    }

    /// The validation order is the reference's through both initialisers: lr before eps.
    @Test func firstComplaintWins() throws {
        let message = HyperparameterError("Invalid learning rate: -1.0")
        #expect(throws: message) { try Adam(lr: -1, eps: -1) }
        #expect(throws: message) {
            try Adam(Hyperparameters(Adam.parameters.map { (name: $0.name, value: $0.defaultValue) })
                .with("lr", -1).with("eps", -1))
        }
        #expect(throws: HyperparameterError("Invalid epsilon value: -1.0")) { try Yogi(eps: -1, weightDecay: -1) }
    }
}

private extension Hyperparameters {
    func with(_ name: String, _ value: Double) -> Hyperparameters {
        var copy = self
        copy[name] = .number(value)
        return copy
    }
}

/// `weight_decay` → `weightDecay`.
private func camelCase(_ name: String) -> String {
    let words = name.split(separator: "_")
    return words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
}

/// The Double and Bool stored properties of `value` by name, looking inside nested structs
/// (AdamW keeps its values in `adam`).
private func storedValues(of value: Any) -> [String: HyperValue] {
    var found: [String: HyperValue] = [:]
    for child in Mirror(reflecting: value).children {
        guard let label = child.label else { continue }
        if let d = child.value as? Double { found[label] = .number(d) }
        else if let b = child.value as? Bool { found[label] = .flag(b) }
        else { found.merge(storedValues(of: child.value)) { a, _ in a } }
    }
    return found
}
