import Testing
import Surfaces

@Suite struct RegistryTests {
    @Test func builtInNamesInListOrder() {
        #expect(Surfaces.names == [
            "rosenbrock", "beale", "saddle", "monkey-saddle", "himmelblau", "booth", "matyas",
            "three-hump-camel", "six-hump-camel", "rastrigin", "ackley", "goldstein-price", "levi13",
            "styblinski-tang", "quadratic",
        ])
        #expect(Surfaces.named("beale")?.title == "Beale")
        #expect(Surfaces.named("no-such-surface") == nil)
    }

    @Test(arguments: Surfaces.names)
    func describesItself(name: String) throws {
        let s = try #require(Surfaces.named(name))
        #expect(!s.title.isEmpty && !s.formula.isEmpty && !s.citation.isEmpty)
        #expect(s.value(s.suggestedStart.x, s.suggestedStart.y).isFinite)
    }

    /// Every suggested rate is positive. (That every surface suggests one for each optimizer of
    /// the registry, the only list of optimizers, is checked by OptimizerRegistryTests.)
    @Test(arguments: Surfaces.names)
    func suggestsPositiveRates(name: String) throws {
        let s = try #require(Surfaces.named(name))
        #expect(!s.suggestedLearningRates.isEmpty)
        for (opt, lr) in s.suggestedLearningRates { #expect(lr > 0 && lr.isFinite, "\(name) \(opt)") }
    }

    /// Rosenbrock and Beale suggest exactly the rates of the torch reference paths (`LR` in
    /// gen_reference.py), so that the default figure is the reference figure.
    @Test func referenceRates() {
        #expect(Rosenbrock().suggestedLearningRates == [
            "sgd": 1e-3, "momentum": 2e-4, "nesterov": 2e-4, "adagrad": 0.3, "rmsprop": 0.01,
            "adadelta": 1.0, "adam": 0.05, "amsgrad": 0.05, "adamw": 0.05, "adamax": 0.1,
            "nadam": 0.05, "radam": 2e-3, "rprop": 0.01, "adabound": 0.05, "amsbound": 0.05,
            "lion": 0.01, "yogi": 0.1, "adabelief": 0.05,
        ])
        #expect(Beale().suggestedLearningRates == [
            "sgd": 1e-3, "momentum": 1e-3, "nesterov": 1e-3, "adagrad": 0.5, "rmsprop": 0.01,
            "adadelta": 1.0, "adam": 0.05, "amsgrad": 0.05, "adamw": 0.05, "adamax": 0.05,
            "nadam": 0.05, "radam": 0.01, "rprop": 0.01, "adabound": 0.05, "amsbound": 0.05,
            "lion": 0.01, "yogi": 0.05, "adabelief": 0.05,
        ])
    }
}
