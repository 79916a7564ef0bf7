import Optimizers
import Testing

/// The textbook, Keras and optax families: names, defaults, aliases and refusals as each
/// reference has them.
@Suite struct ReferenceFamiliesTests {
    @Test func familiesAndTheirEntries() throws {
        #expect(OptimizerRegistry.families.map(\.prefix) == ["torch", "textbook", "keras", "optax"])
        #expect(OptimizerRegistry.entries(of: .textbook).map(\.ruleName) == ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
        #expect(OptimizerRegistry.entries(of: .keras).map(\.ruleName)
                == ["sgd", "rmsprop", "adagrad", "adadelta", "adam", "adamw", "adamax", "nadam", "lion"])
        #expect(OptimizerRegistry.entries(of: .optax).map(\.ruleName)
                == ["sgd", "adagrad", "rmsprop", "adam", "adamw", "adamax", "nadam", "radam", "amsgrad", "adabelief", "yogi", "lion"])
        #expect(try OptimizerSpec.parseList("optax.all:lr=0.1").count == 12)
        #expect(try OptimizerSpec.parseList("textbook.adam,keras.adam,adam").map(\.name) == ["textbook.adam", "keras.adam", "adam"])
        let typo = #expect(throws: SpecError.self) { try OptimizerSpec.parseList("keras.adma") }
        #expect(typo?.message.hasPrefix("unknown optimizer 'keras.adma' (did you mean 'keras.adam'?); accepted: keras.all, keras.sgd,") == true)
        let missing = #expect(throws: SpecError.self) { try OptimizerSpec.parseList("textbook.adamw") }
        #expect(missing?.message == "unknown optimizer 'textbook.adamw': the textbook family has no adamw (it is in torch., keras., optax.); "
                + "accepted: textbook.all, textbook.sgd, textbook.momentum, textbook.nesterov, textbook.adagrad, textbook.rmsprop, textbook.adam")
    }

    /// Each entry's defaults are its reference's constructor defaults.
    @Test func referenceDefaults() throws {
        let expected: [String: [(String, HyperValue)]] = [
            "textbook.sgd": [("lr", .number(0.01))],
            "textbook.momentum": [("lr", .number(0.01)), ("momentum", .number(0.9))],
            "textbook.nesterov": [("lr", .number(0.01)), ("momentum", .number(0.9))],
            "textbook.adagrad": [("lr", .number(0.01))],
            "textbook.rmsprop": [("lr", .number(0.01)), ("decay_rate", .number(0.99))],
            "textbook.adam": [("lr", .number(0.001)), ("beta1", .number(0.9)), ("beta2", .number(0.999))],
            "keras.sgd": [("lr", .number(0.01)), ("momentum", .number(0)), ("nesterov", .flag(false))],
            "keras.rmsprop": [("lr", .number(0.001)), ("rho", .number(0.9)), ("epsilon", .number(1e-7))],
            "keras.adagrad": [("initial_accumulator_value", .number(0.1)), ("epsilon", .number(1e-7))],
            "keras.adadelta": [("lr", .number(0.001)), ("rho", .number(0.95)), ("epsilon", .number(1e-7))],
            "keras.adam": [("beta_1", .number(0.9)), ("beta_2", .number(0.999)), ("epsilon", .number(1e-7)), ("weight_decay", .number(0))],
            "keras.adamw": [("weight_decay", .number(0.004)), ("amsgrad", .flag(false))],
            "keras.adamax": [("lr", .number(0.001)), ("epsilon", .number(1e-7))],
            "keras.nadam": [("epsilon", .number(1e-7)), ("beta_2", .number(0.999))],
            "keras.lion": [("lr", .number(0.001)), ("beta_2", .number(0.99)), ("weight_decay", .number(0))],
            "optax.sgd": [("momentum", .number(0)), ("nesterov", .flag(false))],
            "optax.adagrad": [("initial_accumulator_value", .number(0.1)), ("eps", .number(1e-7))],
            "optax.rmsprop": [("decay", .number(0.9)), ("eps", .number(1e-8)), ("eps_in_sqrt", .flag(true)), ("bias_correction", .flag(false))],
            "optax.adam": [("eps", .number(1e-8)), ("eps_root", .number(0)), ("nesterov", .flag(false))],
            "optax.nadam": [("nesterov", .flag(true))],
            "optax.adamw": [("weight_decay", .number(1e-4))],
            "optax.radam": [("threshold", .number(5))],
            "optax.amsgrad": [("bias_correction_mu", .flag(true)), ("bias_correction_nu", .flag(true))],
            "optax.adabelief": [("eps", .number(1e-16)), ("eps_root", .number(1e-16))],
            "optax.yogi": [("eps", .number(1e-3))],
            "optax.lion": [("b2", .number(0.99)), ("weight_decay", .number(1e-3))],
        ]
        for (name, pairs) in expected {
            let defaults = try #require(OptimizerRegistry.named(name)).defaults
            for (key, value) in pairs { #expect(defaults[key] == value, "\(name) \(key)") }
        }
        // optax has no default rate: every optax entry requires one.
        for kind in OptimizerRegistry.entries(of: .optax) {
            #expect(kind.parameters.filter(\.isRequired).map(\.name) == ["lr"], "\(kind.name)")
        }
        for family in [OptimizerFamily.torch, .textbook, .keras] {
            for kind in OptimizerRegistry.entries(of: family) { #expect(kind.parameters.filter(\.isRequired).isEmpty, "\(kind.name)") }
        }
    }

    /// Keras's and optax's own argument names are accepted, recorded under trajviz's names.
    @Test func aliases() throws {
        let keras = try OptimizerSpec.parseList("keras.adam:learning_rate=0.02,eps=1e-3,beta1=0.8,beta_2=0.99")
        #expect(keras[0].label == "keras.adam:learning_rate=0.02,eps=1e-3,beta1=0.8,beta_2=0.99")
        #expect(keras[0].overrides == Hyperparameters([("lr", .number(0.02)), ("epsilon", .number(1e-3)),
                                                       ("beta_1", .number(0.8)), ("beta_2", .number(0.99))]))
        let made = try keras[0].kind.make(keras[0].overrides)
        #expect(made.values["epsilon"] == .number(1e-3) && made.values["eps"] == nil)
        let optax = try OptimizerSpec.parseList("optax.adam:learning_rate=0.1,beta1=0.5")
        #expect(optax[0].overrides == Hyperparameters([("lr", .number(0.1)), ("b1", .number(0.5))]))
        let twice = #expect(throws: SpecError.self) { try OptimizerSpec.parseList("keras.adam:lr=0.1,learning_rate=0.2") }
        #expect(twice?.message == "hyperparameter 'lr' is given twice in 'keras.adam:lr=0.1,learning_rate=0.2' (learning_rate is another name for lr)")
        // the alias first: the message still names the alias as the other name
        let aliasFirst = #expect(throws: SpecError.self) { try OptimizerSpec.parseList("keras.adam:learning_rate=0.1,lr=0.2") }
        #expect(aliasFirst?.message == "hyperparameter 'lr' is given twice in 'keras.adam:learning_rate=0.1,lr=0.2' (learning_rate is another name for lr)")
        let epsTwice = #expect(throws: SpecError.self) { try OptimizerSpec.parseList("keras.rmsprop:epsilon=1e-3,eps=1e-4") }
        #expect(epsTwice?.message == "hyperparameter 'epsilon' is given twice in 'keras.rmsprop:epsilon=1e-3,eps=1e-4' (eps is another name for epsilon)")
        let unknown = #expect(throws: SpecError.self) { try OptimizerSpec.parseList("keras.adam:epsilom=1") }
        #expect(unknown?.message.hasPrefix("unknown hyperparameter 'epsilom' for keras.adam (did you mean 'epsilon'?); accepted: lr, beta_1,") == true)
        // torch's names stay torch's: no alias there
        #expect(throws: SpecError.self) { try OptimizerSpec.parseList("adam:learning_rate=0.1") }
    }

    /// (entry, overrides, the reference's message after "entry: ").
    static let refusals: [(String, [(String, HyperValue)], String)] = [
        ("keras.sgd", [("momentum", .number(1.5))], "`momentum` must be a float between [0, 1]."),
        ("keras.sgd", [("momentum", .number(-0.1))], "`momentum` must be a float between [0, 1]."),
        ("keras.lion", [("beta_1", .number(0))],
         "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1=0.0."),
        ("keras.lion", [("beta_1", .number(1.25))],
         "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1=1.25."),
        ("keras.adam", [("clipnorm", .number(1)), ("clipvalue", .number(0.5))],
         "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1.0, clipvalue=0.5, global_clipnorm=None"),
        ("keras.rmsprop", [("global_clipnorm", .number(2)), ("clipvalue", .number(1e-5))],
         "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=None, clipvalue=1e-05, global_clipnorm=2.0"),
        // the base optimizer checks first, then the rule (Keras calls super().__init__ first)
        ("keras.sgd", [("momentum", .number(2)), ("clipnorm", .number(1)), ("global_clipnorm", .number(1))],
         "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1.0, clipvalue=None, global_clipnorm=1.0"),
    ]

    @Test func refusedAsTheReferenceRefuses() throws {
        for (name, overrides, message) in Self.refusals {
            let kind = try #require(OptimizerRegistry.named(name))
            #expect(throws: SpecError("\(name): \(message)")) {
                try kind.make(Hyperparameters(overrides.map { (name: $0.0, value: $0.1) }))
            }
        }
        // every Keras rule has the base optimizer's clip check
        for kind in OptimizerRegistry.entries(of: .keras) {
            #expect(throws: SpecError.self) {
                try kind.make(Hyperparameters([("clipnorm", .number(1)), ("global_clipnorm", .number(1))]))
            }
        }
        // optax has no default rate: Python refuses the call without it
        for kind in OptimizerRegistry.entries(of: .optax) {
            let function = kind.ruleName == "nadam" ? "adam" : kind.ruleName  // optax.nadam is partial(adam, nesterov=True)
            #expect(throws: SpecError("\(kind.name): \(function)() missing 1 required positional argument: 'learning_rate' "
                                      + "(optax has no default rate; write lr=VALUE or give --lr)")) {
                try kind.make(Hyperparameters())
            }
        }
    }

    /// What the references let through, trajviz lets through: the book checks nothing, Keras
    /// checks little, optax only needs a rate.
    @Test func whatTheReferencesAccept() throws {
        for kind in OptimizerRegistry.entries(of: .textbook) {
            let negative = Hyperparameters(kind.parameters.map { ($0.name, .number(-1)) })
            _ = try kind.make(negative)
        }
        _ = try KerasSGD(lr: -1, momentum: 1, nesterov: true)
        _ = try KerasLion(beta1: 1, beta2: 5)
        _ = try KerasAdam(lr: -0.1, beta1: 2, epsilon: -1, base: KerasBase(weightDecay: -1, clipnorm: -1))
        _ = try OptaxRAdam(lr: 0.1, threshold: -3).validate()
    }
}
