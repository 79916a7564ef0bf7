import Optimizers
import Testing

@Suite struct OptimizerRegistryTests {
    @Test func namesInOrder() {
        #expect(OptimizerRegistry.names == [
            "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "amsgrad", "adamw",
            "adamax", "nadam", "radam", "rprop", "adabound", "amsbound", "lion", "yogi", "adabelief",
        ])
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
            let optimizer = try kind.make(Hyperparameters())
            #expect(optimizer.values == kind.defaults, "\(kind.name)")
            #expect(optimizer.values.entries.map(\.name) == kind.rule.parameters.map(\.name))
        }
    }

    @Test func maximizeWhereTheReferenceHasIt() {
        let without: Set = ["adabound", "amsbound", "lion", "yogi", "adabelief"]
        for kind in OptimizerRegistry.all {
            #expect(kind.parameters.contains { $0.name == "maximize" } == !without.contains(kind.name), "\(kind.name)")
        }
    }
}
