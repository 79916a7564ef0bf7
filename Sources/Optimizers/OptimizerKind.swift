/// A named entry of the registry: a rule and the defaults that make it a preset
/// (`momentum` is SGD whose `momentum` defaults to 0.9), in a family of references.
///
/// An entry's ``name`` is what specs, CSV files and manifests write: the bare rule name for the
/// default family (`adam`, also accepted as `torch.adam`), `family.rule` for the others
/// (`keras.adam`).
public struct OptimizerKind: Sendable {
    /// The canonical name: `adam` in the default family, `keras.adam` in another.
    public var name: String
    /// The name within its family: `adam`.
    public var ruleName: String
    /// The family whose reference this entry follows.
    public var family: OptimizerFamily
    /// One line for `trajviz list`: what it is.
    public var summary: String
    /// The paper, for `trajviz list` and the docs.
    public var paper: String
    /// The implementation its semantics follow (`torch.optim.Adam`).
    public var reference: String
    public var rule: any Optimizer.Type
    /// Defaults that differ from the rule's own.
    public var presets: Hyperparameters
    /// The key of this entry in a surface's suggested learning rates (default: its rule name, so
    /// that `keras.adam` can share the rate the surface suggests for `adam`).
    public var rateKey: String

    public init(_ ruleName: String, _ rule: any Optimizer.Type, family: OptimizerFamily = .torch,
                presets: Hyperparameters = Hyperparameters(), rateKey: String? = nil,
                summary: String, paper: String, reference: String) {
        precondition(!ruleName.contains(".") && !ruleName.isEmpty, "a rule name has no dot")
        self.ruleName = ruleName; self.family = family
        self.name = family.isDefault ? ruleName : family.prefix + "." + ruleName
        self.rule = rule; self.presets = presets; self.rateKey = rateKey ?? ruleName
        self.summary = summary; self.paper = paper; self.reference = reference
    }

    /// The name with its family prefix, also for the default family: `torch.adam`.
    public var qualifiedName: String { family.prefix + "." + ruleName }

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
        for (written, value) in overrides {
            let key = parameters.first { $0.isNamed(written) }?.name ?? written
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

/// A family of reference implementations, chosen in a spec by its prefix (`torch.adam`). Each
/// family has its own entries, defaults and validation messages; bare names mean the default
/// family's entry.
public struct OptimizerFamily: Sendable, Hashable {
    /// The prefix before the dot: `torch`.
    public var prefix: String
    /// One line for `trajviz list optimizers`.
    public var title: String
    /// Whether bare names (`adam`) mean this family's entries.
    public var isDefault: Bool
    /// Arguments the family's references take that trajviz's rules leave out on purpose, each
    /// with the reason a refusal gives (Keras's `use_ema`: outside the update rule).
    public var unmodelled: [String: String]

    public init(prefix: String, title: String, isDefault: Bool = false, unmodelled: [String: String] = [:]) {
        precondition(!prefix.contains(".") && !prefix.isEmpty, "a family prefix has no dot")
        self.prefix = prefix; self.title = title; self.isDefault = isDefault; self.unmodelled = unmodelled
    }

    /// PyTorch: `torch.optim` and the packages `adabound`, `torch-optimizer`, `lion-pytorch`.
    public static let torch = OptimizerFamily(
        prefix: "torch", title: "torch.optim 2.x and the adabound, torch-optimizer and lion-pytorch packages",
        isDefault: true)
}

/// A spec or hyperparameter the user wrote that cannot be used, with a message that names
/// the bad part and what is accepted.
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
