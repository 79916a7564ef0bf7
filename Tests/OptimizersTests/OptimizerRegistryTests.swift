import Optimizers
import Surfaces
import Testing

@Suite struct OptimizerRegistryTests {
    /// The registry is the only list: names are unique, each family's entries are named after it,
    /// and every rule type in it states what a schedule may cycle.
    @Test func namesAreUniqueAndFamilyReady() {
        #expect(Set(OptimizerRegistry.names).count == OptimizerRegistry.all.count)
        #expect(OptimizerRegistry.all.count >= 18)
        #expect(OptimizerRegistry.families.first?.isDefault == true)
        #expect(OptimizerRegistry.families.filter(\.isDefault).count == 1)
        for kind in OptimizerRegistry.all {
            #expect(!kind.ruleName.contains(".") && kind.name.split(separator: ".").count <= 2, "\(kind.name)")
            #expect(kind.name == (kind.family.isDefault ? kind.ruleName : kind.family.prefix + "." + kind.ruleName))
            #expect(OptimizerRegistry.named(kind.name)?.name == kind.name)
            #expect(OptimizerRegistry.named(kind.qualifiedName)?.name == kind.name)
            #expect(OptimizerRegistry.families.contains(kind.family))
        }
    }

    /// `torch.adam` is `adam`; an unknown family or name is refused with a suggestion.
    @Test func familyPrefixes() throws {
        #expect(try OptimizerRegistry.resolve("torch.adam").map(\.name) == ["adam"])
        #expect(try OptimizerRegistry.resolve("torch.all").map(\.name) == OptimizerRegistry.entries(of: .torch).map(\.name))
        #expect(try OptimizerRegistry.resolve("all").map(\.name) == OptimizerRegistry.entries(of: .torch).map(\.name))
        let family = #expect(throws: SpecError.self) { try OptimizerRegistry.resolve("trch.adam") }
        #expect(family?.message.hasPrefix("unknown optimizer family 'trch' in 'trch.adam' (did you mean 'torch'?); accepted: torch.") == true)
        let rule = #expect(throws: SpecError.self) { try OptimizerRegistry.resolve("torch.adma") }
        #expect(rule?.message.hasPrefix("unknown optimizer 'torch.adma' (did you mean 'torch.adam'?); accepted: all, sgd") == true)
        let specs = try OptimizerSpec.parseList("torch.adam:lr=0.1,torch.sgd")
        #expect(specs.map(\.name) == ["adam", "sgd"] && specs.map(\.label) == ["torch.adam:lr=0.1", "torch.sgd"])
    }

    /// Every built-in surface suggests a rate for exactly the registry's rate keys, so that adding
    /// an optimizer to the registry shows which tables need its rate.
    @Test func everySurfaceTableIsKeyedByTheRegistry() {
        for surface in Surfaces.builtIn {
            #expect(Set(surface.suggestedLearningRates.keys) == Set(OptimizerRegistry.rateKeys), "\(surface.name)")
        }
    }

    /// torch cycles `betas[0]` when the optimizer's defaults hold `betas`, else `momentum`; the
    /// other families cycle what their objects read afresh each step: the first moment's decay
    /// (`beta1`, Keras's `beta_1`, optax's `b1`), else `momentum`.
    @Test func cycledMomentumFollowsTheReferenceDefaults() {
        for kind in OptimizerRegistry.all {
            let names = Set(kind.rule.parameters.map(\.name))
            let firstMoment = !names.isDisjoint(with: ["beta1", "beta_1", "b1"])
            let expected: CycledMomentum = firstMoment ? .beta1 : names.contains("momentum") ? .momentum : .none
            #expect(kind.rule.cycledMomentum == expected, "\(kind.name)")
        }
    }

    @Test func presets() throws {
        let momentum = try #require(OptimizerRegistry.named("momentum")).make(Hyperparameters())
        #expect(momentum.values["momentum"] == .number(0.9) && momentum.values["nesterov"] == .flag(false))
        let nesterov = try #require(OptimizerRegistry.named("nesterov")).make(Hyperparameters())
        #expect(nesterov.values["momentum"] == .number(0.9) && nesterov.values["nesterov"] == .flag(true))
        let amsgrad = try #require(OptimizerRegistry.named("amsgrad")).make(Hyperparameters())
        #expect(amsgrad.values["amsgrad"] == .flag(true))
        let amsbound = try #require(OptimizerRegistry.named("amsbound")).make(Hyperparameters())
        #expect(amsbound.values["amsbound"] == .flag(true))
        // A preset is only a default: the user can still override it.
        let slow = try #require(OptimizerRegistry.named("momentum")).make(Hyperparameters([("momentum", .number(0.5))]))
        #expect(slow.values["momentum"] == .number(0.5))
    }

    @Test func referenceDefaults() throws {
        let expected: [String: [(String, HyperValue)]] = [
            "sgd": [("lr", .number(1e-3))], "adagrad": [("lr", .number(1e-2)), ("eps", .number(1e-10))],
            "rmsprop": [("alpha", .number(0.99))], "adadelta": [("lr", .number(1)), ("eps", .number(1e-6))],
            "adamw": [("weight_decay", .number(1e-2))], "adamax": [("lr", .number(2e-3))],
            "nadam": [("momentum_decay", .number(4e-3))], "rprop": [("step_max", .number(50))],
            "adabound": [("final_lr", .number(0.1)), ("gamma", .number(1e-3))],
            "lion": [("lr", .number(1e-4)), ("beta2", .number(0.99))],
            "yogi": [("eps", .number(1e-3)), ("initial_accumulator", .number(1e-6))],
            "adabelief": [("eps", .number(1e-8)), ("lr", .number(1e-3))],
        ]
        for (name, pairs) in expected {
            let defaults = try #require(OptimizerRegistry.named(name)).defaults
            for (key, value) in pairs { #expect(defaults[key] == value, "\(name) \(key)") }
        }
    }

    @Test func valuesRoundTripThroughTheRule() throws {
        for kind in OptimizerRegistry.all {
            // optax has no default rate: give the required values.
            let required = Hyperparameters(kind.parameters.filter(\.isRequired).map { ($0.name, .number(0.01)) })
            let optimizer = try kind.make(required)
            var expected = kind.defaults
            for (name, value) in required { expected[name] = value }
            #expect(optimizer.values == expected, "\(kind.name)")
            #expect(optimizer.values.entries.map(\.name) == kind.rule.parameters.map(\.name))
        }
    }

    @Test func maximizeWhereTheReferenceHasIt() {
        let without: Set = ["adabound", "amsbound", "lion", "yogi", "adabelief"]
        for kind in OptimizerRegistry.entries(of: .torch) {
            #expect(kind.parameters.contains { $0.name == "maximize" } == !without.contains(kind.name), "\(kind.name)")
        }
    }
}
