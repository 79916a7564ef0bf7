import Optimizers
import Testing

/// Every rule refuses what its reference refuses, with the reference's message
/// (value formatted as Python prints a float).
@Suite struct ValidationTests {
    /// (registry name, overrides, message after "name: ").
    static let table: [(String, [(String, HyperValue)], String)] = [
        ("sgd", [("lr", .number(-1))], "Invalid learning rate: -1.0"),
        ("sgd", [("momentum", .number(-0.5))], "Invalid momentum value: -0.5"),
        ("sgd", [("weight_decay", .number(-1e-5))], "Invalid weight_decay value: -1e-05"),
        ("sgd", [("nesterov", .flag(true))], "Nesterov momentum requires a momentum and zero dampening"),
        ("nesterov", [("dampening", .number(0.1))], "Nesterov momentum requires a momentum and zero dampening"),
        ("adagrad", [("lr", .number(-0.01))], "Invalid learning rate: -0.01"),
        ("adagrad", [("lr_decay", .number(-1))], "Invalid lr_decay value: -1.0"),
        ("adagrad", [("weight_decay", .number(-2))], "Invalid weight_decay value: -2.0"),
        ("adagrad", [("initial_accumulator_value", .number(-0.1))], "Invalid initial_accumulator_value value: -0.1"),
        ("adagrad", [("eps", .number(-1e-10))], "Invalid epsilon value: -1e-10"),
        ("rmsprop", [("lr", .number(-1))], "Invalid learning rate: -1.0"),
        ("rmsprop", [("eps", .number(-1))], "Invalid epsilon value: -1.0"),
        ("rmsprop", [("momentum", .number(-1))], "Invalid momentum value: -1.0"),
        ("rmsprop", [("weight_decay", .number(-1))], "Invalid weight_decay value: -1.0"),
        ("rmsprop", [("alpha", .number(-0.99))], "Invalid alpha value: -0.99"),
        ("adadelta", [("lr", .number(-1))], "Invalid learning rate: -1.0"),
        ("adadelta", [("rho", .number(1.5))], "Invalid rho value: 1.5"),
        ("adadelta", [("eps", .number(-1e-6))], "Invalid epsilon value: -1e-06"),
        ("adadelta", [("weight_decay", .number(-1))], "Invalid weight_decay value: -1.0"),
        ("adam", [("lr", .number(-1))], "Invalid learning rate: -1.0"),
        ("adam", [("eps", .number(-1))], "Invalid epsilon value: -1.0"),
        ("adam", [("beta1", .number(1.2))], "Invalid beta parameter at index 0: 1.2"),
        ("adam", [("beta2", .number(1))], "Invalid beta parameter at index 1: 1.0"),
        ("adam", [("weight_decay", .number(-1))], "Invalid weight_decay value: -1.0"),
        ("amsgrad", [("beta1", .number(-0.1))], "Invalid beta parameter at index 0: -0.1"),
        ("adamw", [("lr", .number(-1e20))], "Invalid learning rate: -1e+20"),
        ("adamw", [("weight_decay", .number(-0.01))], "Invalid weight_decay value: -0.01"),
        ("adamax", [("lr", .number(-2e-3))], "Invalid learning rate: -0.002"),
        ("adamax", [("beta2", .number(2))], "Invalid beta parameter at index 1: 2.0"),
        ("nadam", [("momentum_decay", .number(-4e-3))], "Invalid momentum_decay value: -0.004"),
        ("nadam", [("eps", .number(-1e-8))], "Invalid epsilon value: -1e-08"),
        ("radam", [("beta1", .number(1))], "Invalid beta parameter at index 0: 1.0"),
        ("radam", [("weight_decay", .number(-3))], "Invalid weight_decay value: -3.0"),
        ("rprop", [("lr", .number(-1))], "Invalid learning rate: -1.0"),
        ("rprop", [("eta_minus", .number(1))], "Invalid eta values: 1.0, 1.2"),
        ("rprop", [("eta_plus", .number(0.9))], "Invalid eta values: 0.5, 0.9"),
        ("rprop", [("eta_minus", .number(0))], "Invalid eta values: 0.0, 1.2"),
        ("adabound", [("lr", .number(-1))], "Invalid learning rate: -1.0"),
        ("adabound", [("eps", .number(-1))], "Invalid epsilon value: -1.0"),
        ("adabound", [("beta1", .number(1))], "Invalid beta parameter at index 0: 1.0"),
        ("amsbound", [("beta2", .number(-1))], "Invalid beta parameter at index 1: -1.0"),
        ("adabound", [("final_lr", .number(-0.1))], "Invalid final learning rate: -0.1"),
        ("adabound", [("gamma", .number(1))], "Invalid gamma parameter: 1.0"),
        ("lion", [("lr", .number(0))], "Invalid learning rate: 0.0"),
        ("lion", [("beta1", .number(1.5))], "Invalid beta parameter at index 0: 1.5"),
        ("lion", [("beta2", .number(-0.5))], "Invalid beta parameter at index 1: -0.5"),
        ("yogi", [("lr", .number(0))], "Invalid learning rate: 0.0"),
        ("yogi", [("eps", .number(-1))], "Invalid epsilon value: -1.0"),
        ("yogi", [("beta1", .number(1))], "Invalid beta parameter at index 0: 1.0"),
        ("yogi", [("beta2", .number(1))], "Invalid beta parameter at index 1: 1.0"),
        ("yogi", [("weight_decay", .number(-1))], "Invalid weight_decay value: -1.0"),
        ("adabelief", [("lr", .number(-1))], "Invalid learning rate: -1.0"),
        ("adabelief", [("eps", .number(-1))], "Invalid epsilon value: -1.0"),
        ("adabelief", [("beta1", .number(1))], "Invalid beta parameter at index 0: 1.0"),
        ("adabelief", [("beta2", .number(1))], "Invalid beta parameter at index 1: 1.0"),
        ("adabelief", [("weight_decay", .number(-1))], "Invalid weight_decay value: -1.0"),
    ]

    @Test func everyRuleRefusesWithTheReferenceMessage() throws {
        for (name, overrides, message) in Self.table {
            let kind = try #require(OptimizerRegistry.named(name))
            #expect(throws: SpecError("\(name): \(message)")) {
                try kind.make(Hyperparameters(overrides.map { (name: $0.0, value: $0.1) }))
            }
        }
    }

    @Test func everyRuleIsInTheTable() {
        let covered = Set(Self.table.map(\.0))
        // The other families' refusals are in FamilyValidationTests.
        for name in OptimizerRegistry.entries(of: .torch).map(\.name) where name != "momentum" {
            #expect(covered.contains(name), "no validation case for \(name)")
        }
    }

    @Test func boundaryValuesTheReferenceAccepts() throws {
        _ = try SGD(lr: 0, momentum: 0, weightDecay: 0)
        _ = try Adadelta(rho: 1)
        _ = try Adam(lr: 0, beta1: 0, beta2: 0, eps: 0)
        _ = try Lion(lr: 1e-4, beta1: 1, beta2: 0)
        _ = try AdaBound(gamma: 0, weightDecay: -1)  // the package does not check weight_decay
        _ = try Rprop(stepMin: 10, stepMax: 1)        // nor step sizes
    }

    @Test func pythonFloatRepr() {
        let cases: [(Double, String)] = [
            (-1, "-1.0"), (0, "0.0"), (-0.0, "-0.0"), (0.1, "0.1"), (1e-8, "1e-08"), (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"), (123.25, "123.25"), (1e15, "1000000000000000.0"), (1e16, "1e+16"),
            (2.5e-300, "2.5e-300"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"), (0.3, "0.3"), (1.0 / 3, "0.3333333333333333"),
        ]
        for (v, text) in cases { #expect(pythonRepr(v) == text, "\(v)") }
    }
}
