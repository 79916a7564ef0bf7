/// A named entry of the registry: a rule and the defaults that make it a preset
/// (`momentum` is SGD whose `momentum` defaults to 0.9).
public struct OptimizerKind: Sendable {
    /// The command-line name (`adam`, `momentum`, ...).
    public var name: String
    /// One line for `trajviz list`: what it is.
    public var summary: String
    /// The paper, for `trajviz list` and the docs.
    public var paper: String
    /// The implementation its semantics follow (`torch.optim.Adam`).
    public var reference: String
    public var rule: any Optimizer.Type
    /// Defaults that differ from the rule's own.
    public var presets: Hyperparameters

    public init(_ name: String, _ rule: any Optimizer.Type, presets: Hyperparameters = Hyperparameters(),
                summary: String, paper: String, reference: String) {
        self.name = name; self.rule = rule; self.presets = presets
        self.summary = summary; self.paper = paper; self.reference = reference
    }

    /// The accepted hyperparameters with this entry's defaults.
    public var parameters: [HyperparameterInfo] {
        rule.parameters.map { info in
            var info = info
            if let preset = presets[info.name] { info.defaultValue = preset }
            return info
        }
    }

    /// The defaults of this entry, complete, in order.
    public var defaults: Hyperparameters {
        Hyperparameters(parameters.map { ($0.name, $0.defaultValue) })
    }

    /// Builds the optimizer with `overrides` on top of the defaults. Unknown names and values of
    /// the wrong kind are refused here; values out of range are refused by the rule itself.
    public func make(_ overrides: Hyperparameters) throws(SpecError) -> any Optimizer {
        var values = defaults
        for (key, value) in overrides {
            guard let expected = values[key] else {
                throw SpecError("unknown hyperparameter '\(key)' for \(name); accepted: "
                                + parameters.map(\.name).joined(separator: ", "))
            }
            switch (expected, value) {
            case (.number, .number), (.flag, .flag): values[key] = value
            case (.number, .flag):
                throw SpecError("invalid value '\(value)' for \(name) \(key): expected a number")
            case (.flag, .number):
                throw SpecError("invalid value '\(value)' for \(name) \(key): expected true or false")
            }
        }
        do {
            return try rule.init(values)
        } catch {
            throw SpecError("\(name): \(error.message)")
        }
    }

    /// The hyperparameters of `values` that differ from this entry's defaults, in order
    /// (what a legend shows: `adam lr=0.05`).
    public func nonDefaults(_ values: Hyperparameters) -> Hyperparameters {
        let d = defaults
        return Hyperparameters(values.entries.filter { d[$0.name] != $0.value })
    }
}

/// A spec or hyperparameter the user wrote that cannot be used, with a message that names
/// the bad part and what is accepted.
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
