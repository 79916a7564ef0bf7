/// Every optimizer trajviz knows, in the order `all` runs them and `trajviz list` shows them: the
/// only list of optimizers. Specs, `trajviz list`, the help text, the surfaces' suggested rates
/// and the tests all read it.
///
/// Adding an optimizer means one new file with a conforming type, one entry here and its
/// reference fixtures. Adding a family means its ``OptimizerFamily`` in ``families`` and an entry
/// per rule with `family:` set; its names are then `family.rule`.
public enum OptimizerRegistry {
    /// The families, in the order `trajviz list optimizers` shows them; the first is the default.
    public static let families: [OptimizerFamily] = [.torch, .textbook, .keras, .optax]

    public static let all: [OptimizerKind] = [
        OptimizerKind("sgd", SGD.self,
                      summary: "stochastic gradient descent",
                      paper: "Robbins & Monro, A Stochastic Approximation Method (1951)",
                      reference: "torch.optim.SGD"),
        OptimizerKind("momentum", SGD.self, presets: Hyperparameters([("momentum", .number(0.9))]),
                      summary: "SGD with heavy-ball momentum 0.9",
                      paper: "Polyak, Some methods of speeding up the convergence of iteration methods (1964)",
                      reference: "torch.optim.SGD(momentum=0.9)"),
        OptimizerKind("nesterov", SGD.self,
                      presets: Hyperparameters([("momentum", .number(0.9)), ("nesterov", .flag(true))]),
                      summary: "SGD with Nesterov momentum 0.9",
                      paper: "Sutskever et al., On the importance of initialization and momentum in deep learning (ICML 2013)",
                      reference: "torch.optim.SGD(momentum=0.9, nesterov=True)"),
        OptimizerKind("adagrad", Adagrad.self,
                      summary: "per-coordinate rates from the sum of squared gradients",
                      paper: "Duchi, Hazan & Singer, Adaptive Subgradient Methods (JMLR 2011)",
                      reference: "torch.optim.Adagrad"),
        OptimizerKind("rmsprop", RMSprop.self,
                      summary: "gradient divided by a running RMS",
                      paper: "Hinton, Srivastava & Swersky, Neural Networks for Machine Learning, lecture 6e (2012)",
                      reference: "torch.optim.RMSprop"),
        OptimizerKind("adadelta", Adadelta.self,
                      summary: "unit-correct steps from running averages of g² and Δ²",
                      paper: "Zeiler, ADADELTA: An Adaptive Learning Rate Method (2012)",
                      reference: "torch.optim.Adadelta"),
        OptimizerKind("adam", Adam.self,
                      summary: "bias-corrected averages of g and g²",
                      paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization (ICLR 2015)",
                      reference: "torch.optim.Adam"),
        OptimizerKind("amsgrad", Adam.self, presets: Hyperparameters([("amsgrad", .flag(true))]),
                      summary: "Adam with the running maximum of v",
                      paper: "Reddi, Kale & Kumar, On the Convergence of Adam and Beyond (ICLR 2018)",
                      reference: "torch.optim.Adam(amsgrad=True)"),
        OptimizerKind("adamw", AdamW.self,
                      summary: "Adam with decoupled weight decay",
                      paper: "Loshchilov & Hutter, Decoupled Weight Decay Regularization (ICLR 2019)",
                      reference: "torch.optim.AdamW"),
        OptimizerKind("adamax", Adamax.self,
                      summary: "Adam with the infinity norm",
                      paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization (ICLR 2015), §7.1",
                      reference: "torch.optim.Adamax"),
        OptimizerKind("nadam", NAdam.self,
                      summary: "Adam with Nesterov momentum",
                      paper: "Dozat, Incorporating Nesterov Momentum into Adam (ICLR 2016 workshop)",
                      reference: "torch.optim.NAdam"),
        OptimizerKind("radam", RAdam.self,
                      summary: "Adam with a rectified adaptive rate",
                      paper: "Liu et al., On the Variance of the Adaptive Learning Rate and Beyond (ICLR 2020)",
                      reference: "torch.optim.RAdam"),
        OptimizerKind("rprop", Rprop.self,
                      summary: "sign-based steps with adaptive sizes",
                      paper: "Riedmiller & Braun, A Direct Adaptive Method for Faster Backpropagation Learning: The RPROP Algorithm (1993)",
                      reference: "torch.optim.Rprop"),
        OptimizerKind("adabound", AdaBound.self,
                      summary: "Adam with step sizes bounded towards SGD",
                      paper: "Luo et al., Adaptive Gradient Methods with Dynamic Bound of Learning Rate (ICLR 2019)",
                      reference: "adabound.AdaBound 0.0.5"),
        OptimizerKind("amsbound", AdaBound.self, presets: Hyperparameters([("amsbound", .flag(true))]),
                      summary: "AdaBound with the running maximum of v",
                      paper: "Luo et al., Adaptive Gradient Methods with Dynamic Bound of Learning Rate (ICLR 2019)",
                      reference: "adabound.AdaBound(amsbound=True) 0.0.5"),
        OptimizerKind("lion", Lion.self,
                      summary: "sign of an interpolated momentum",
                      paper: "Chen et al., Symbolic Discovery of Optimization Algorithms (NeurIPS 2023)",
                      reference: "lion_pytorch.Lion 0.2.5"),
        OptimizerKind("yogi", Yogi.self,
                      summary: "Adam with an additive second-moment update",
                      paper: "Zaheer et al., Adaptive Methods for Nonconvex Optimization (NeurIPS 2018)",
                      reference: "torch_optimizer.Yogi 0.3.0"),
        OptimizerKind("adabelief", AdaBelief.self,
                      summary: "Adam scaled by the variance of g around its mean",
                      paper: "Zhuang et al., AdaBelief Optimizer (NeurIPS 2020)",
                      reference: "torch_optimizer.AdaBelief 0.3.0"),
        // textbook: oreilly-japan/deep-learning-from-scratch, common/optimizer.py
        OptimizerKind("sgd", TextbookSGD.self, family: .textbook,
                      summary: "plain gradient descent, lr 0.01",
                      paper: "Saito, Deep Learning from Scratch (O'Reilly Japan, 2016), §6.1",
                      reference: "deep-learning-from-scratch common/optimizer.py SGD"),
        OptimizerKind("momentum", TextbookMomentum.self, family: .textbook,
                      summary: "v ← momentum·v − lr·g; θ ← θ + v",
                      paper: "Polyak, Some methods of speeding up the convergence of iteration methods (1964)",
                      reference: "deep-learning-from-scratch common/optimizer.py Momentum"),
        OptimizerKind("nesterov", TextbookNesterov.self, family: .textbook,
                      summary: "Nesterov momentum in Bengio et al.'s form",
                      paper: "Bengio, Boulanger-Lewandowski & Pascanu, Advances in optimizing recurrent networks (2012)",
                      reference: "deep-learning-from-scratch common/optimizer.py Nesterov"),
        OptimizerKind("adagrad", TextbookAdaGrad.self, family: .textbook,
                      summary: "AdaGrad with eps 1e-7 outside the root",
                      paper: "Duchi, Hazan & Singer, Adaptive Subgradient Methods (JMLR 2011)",
                      reference: "deep-learning-from-scratch common/optimizer.py AdaGrad"),
        OptimizerKind("rmsprop", TextbookRMSprop.self, family: .textbook,
                      summary: "RMSprop, decay_rate 0.99, eps 1e-7",
                      paper: "Hinton, Srivastava & Swersky, Neural Networks for Machine Learning, lecture 6e (2012)",
                      reference: "deep-learning-from-scratch common/optimizer.py RMSprop"),
        OptimizerKind("adam", TextbookAdam.self, family: .textbook,
                      summary: "Adam with lr_t = lr·√(1 − β2^t)/(1 − β1^t) and eps 1e-7 on the raw √v",
                      paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization (ICLR 2015)",
                      reference: "deep-learning-from-scratch common/optimizer.py Adam"),

        // keras: Keras 3 keras.optimizers on its torch backend
        OptimizerKind("sgd", KerasSGD.self, family: .keras,
                      summary: "v ← momentum·v − lr·g (Nesterov optional), lr 0.01",
                      paper: "Robbins & Monro (1951); Polyak (1964); Sutskever et al. (ICML 2013)",
                      reference: "keras.optimizers.SGD (Keras 3.15)"),
        OptimizerKind("rmsprop", KerasRMSprop.self, family: .keras,
                      summary: "rho 0.9, eps 1e-7 inside the root, lr inside the momentum",
                      paper: "Hinton, Srivastava & Swersky, Neural Networks for Machine Learning, lecture 6e (2012)",
                      reference: "keras.optimizers.RMSprop (Keras 3.15)"),
        OptimizerKind("adagrad", KerasAdagrad.self, family: .keras,
                      summary: "sum of squares from 0.1, eps 1e-7 inside the root",
                      paper: "Duchi, Hazan & Singer, Adaptive Subgradient Methods (JMLR 2011)",
                      reference: "keras.optimizers.Adagrad (Keras 3.15)"),
        OptimizerKind("adadelta", KerasAdadelta.self, family: .keras,
                      summary: "Adadelta, lr 0.001, rho 0.95, eps 1e-7",
                      paper: "Zeiler, ADADELTA: An Adaptive Learning Rate Method (2012)",
                      reference: "keras.optimizers.Adadelta (Keras 3.15)"),
        OptimizerKind("adam", KerasAdam.self, family: .keras,
                      summary: "Adam with α = lr·√(1 − β2^t)/(1 − β1^t) and eps 1e-7 on the raw √v",
                      paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization (ICLR 2015)",
                      reference: "keras.optimizers.Adam (Keras 3.15)"),
        OptimizerKind("adamw", KerasAdam.self, family: .keras, presets: Hyperparameters([("weight_decay", .number(0.004))]),
                      summary: "Keras's Adam with weight decay 0.004",
                      paper: "Loshchilov & Hutter, Decoupled Weight Decay Regularization (ICLR 2019)",
                      reference: "keras.optimizers.AdamW (Keras 3.15)"),
        OptimizerKind("adamax", KerasAdamax.self, family: .keras,
                      summary: "Adamax with eps 1e-7 added to u at the division",
                      paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization (ICLR 2015), §7.1",
                      reference: "keras.optimizers.Adamax (Keras 3.15)"),
        OptimizerKind("nadam", KerasNadam.self, family: .keras,
                      summary: "Nadam with Dozat's schedule μ_t = β1·(1 − 0.5·0.96^t)",
                      paper: "Dozat, Incorporating Nesterov Momentum into Adam (ICLR 2016 workshop)",
                      reference: "keras.optimizers.Nadam (Keras 3.15)"),
        OptimizerKind("lion", KerasLion.self, family: .keras,
                      summary: "sign of an interpolated momentum, lr 0.001",
                      paper: "Chen et al., Symbolic Discovery of Optimization Algorithms (NeurIPS 2023)",
                      reference: "keras.optimizers.Lion (Keras 3.15)"),

        // optax: its aliases on jax
        OptimizerKind("sgd", OptaxSGD.self, family: .optax,
                      summary: "SGD with an optional (Nesterov) trace",
                      paper: "Robbins & Monro (1951); Polyak (1964); Sutskever et al. (ICML 2013)",
                      reference: "optax.sgd 0.2.8"),
        OptimizerKind("adagrad", OptaxAdagrad.self, family: .optax,
                      summary: "sum of squares from 0.1, eps 1e-7 inside the root",
                      paper: "Duchi, Hazan & Singer, Adaptive Subgradient Methods (JMLR 2011)",
                      reference: "optax.adagrad 0.2.8"),
        OptimizerKind("rmsprop", OptaxRMSprop.self, family: .optax,
                      summary: "decay 0.9, eps inside the root, optional bias correction and trace",
                      paper: "Hinton, Srivastava & Swersky, Neural Networks for Machine Learning, lecture 6e (2012)",
                      reference: "optax.rmsprop 0.2.8"),
        OptimizerKind("adam", OptaxAdam.self, family: .optax,
                      summary: "Adam with eps_root inside the root",
                      paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization (ICLR 2015)",
                      reference: "optax.adam 0.2.8"),
        OptimizerKind("adamw", OptaxAdamW.self, family: .optax,
                      summary: "Adam with weight decay 1e-4 added to the step",
                      paper: "Loshchilov & Hutter, Decoupled Weight Decay Regularization (ICLR 2019)",
                      reference: "optax.adamw 0.2.8"),
        OptimizerKind("adamax", OptaxAdamax.self, family: .optax,
                      summary: "Adam with the infinity norm",
                      paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization (ICLR 2015), §7.1",
                      reference: "optax.adamax 0.2.8"),
        OptimizerKind("nadam", OptaxAdam.self, family: .optax, presets: Hyperparameters([("nesterov", .flag(true))]),
                      summary: "Adam with Dozat's Nesterov momentum, constant β1",
                      paper: "Dozat, Incorporating Nesterov Momentum into Adam (ICLR 2016 workshop)",
                      reference: "optax.nadam 0.2.8"),
        OptimizerKind("radam", OptaxRAdam.self, family: .optax,
                      summary: "rectified Adam from ρ ≥ threshold 5",
                      paper: "Liu et al., On the Variance of the Adaptive Learning Rate and Beyond (ICLR 2020)",
                      reference: "optax.radam 0.2.8"),
        OptimizerKind("amsgrad", OptaxAMSGrad.self, family: .optax,
                      summary: "Adam with the running maximum of the corrected ν̂",
                      paper: "Reddi, Kale & Kumar, On the Convergence of Adam and Beyond (ICLR 2018)",
                      reference: "optax.amsgrad 0.2.8"),
        OptimizerKind("adabelief", OptaxAdaBelief.self, family: .optax,
                      summary: "Adam scaled by the variance of g around its mean, eps 1e-16",
                      paper: "Zhuang et al., AdaBelief Optimizer (NeurIPS 2020)",
                      reference: "optax.adabelief 0.2.8"),
        OptimizerKind("yogi", OptaxYogi.self, family: .optax,
                      summary: "Adam with an additive second-moment update, both moments from 1e-6",
                      paper: "Zaheer et al., Adaptive Methods for Nonconvex Optimization (NeurIPS 2018)",
                      reference: "optax.yogi 0.2.8"),
        OptimizerKind("lion", OptaxLion.self, family: .optax,
                      summary: "sign of an interpolated momentum, weight decay 1e-3",
                      paper: "Chen et al., Symbolic Discovery of Optimization Algorithms (NeurIPS 2023)",
                      reference: "optax.lion 0.2.8"),
    ]

    /// The entry called `name`: its canonical name (`adam`, `keras.adam`) or, for the default
    /// family, its qualified name (`torch.adam`).
    public static func named(_ name: String) -> OptimizerKind? {
        all.first { $0.name == name || $0.qualifiedName == name }
    }

    /// Every canonical name, in order.
    public static var names: [String] { all.map(\.name) }

    /// The entries of `family`, in order.
    public static func entries(of family: OptimizerFamily) -> [OptimizerKind] { all.filter { $0.family == family } }

    /// The keys surfaces suggest rates under (``OptimizerKind/rateKey``), each once, in order.
    public static var rateKeys: [String] {
        var seen = Set<String>()
        return all.map(\.rateKey).filter { seen.insert($0).inserted }
    }

    /// The entries a spec's name stands for: one entry, or for `all` (`torch.all`, `keras.all`)
    /// every entry of the family.
    ///
    /// - Throws: ``SpecError`` for an unknown family or name, with a suggestion and what is accepted.
    public static func resolve(_ name: String) throws(SpecError) -> [OptimizerKind] {
        let defaultFamily = families[0]
        var family = defaultFamily, rule = name
        if let dot = name.firstIndex(of: ".") {
            let prefix = String(name[..<dot])
            rule = String(name[name.index(after: dot)...])
            let prefixes = families.map { $0.prefix + "." }.joined(separator: ", ")
            if prefix.isEmpty {
                throw SpecError("missing optimizer family before '.' in '\(name)'; write a bare name for torch's rule or one of \(prefixes) before it")
            }
            guard let f = families.first(where: { $0.prefix == prefix }) else {
                throw SpecError("unknown optimizer family '\(prefix)' in '\(name)'\(suggestion(for: prefix, among: families.map(\.prefix))); accepted: "
                                + families.map { $0.prefix + "." }.joined(separator: ", ") + " or a bare name")
            }
            family = f
            if rule.isEmpty {
                throw SpecError("missing optimizer name after '\(prefix).' in '\(name)'; accepted: "
                                + (["\(prefix).all"] + entries(of: f).map(\.qualifiedName)).joined(separator: ", "))
            }
        }
        let members = entries(of: family)
        if rule == "all" { return members }
        if let kind = members.first(where: { $0.ruleName == rule }) { return [kind] }
        let accepted = (family.isDefault ? ["all"] : [family.prefix + ".all"]) + members.map(\.name)
        let written = family.isDefault && !name.contains(".") ? rule : name
        // A rule another family defines (keras.yogi): say where it is rather than guess a spelling.
        let elsewhere = families.filter { f in f != family && entries(of: f).contains { $0.ruleName == rule } }
        if !elsewhere.isEmpty {
            throw SpecError("unknown optimizer '\(written)': the \(family.prefix) family has no \(rule) (it is in "
                            + elsewhere.map { $0.prefix + "." }.joined(separator: ", ") + "); accepted: "
                            + accepted.joined(separator: ", "))
        }
        let candidates = name.contains(".") ? members.map(\.qualifiedName) : members.map(\.ruleName)
        throw SpecError("unknown optimizer '\(written)'\(suggestion(for: written, among: candidates)); accepted: "
                        + accepted.joined(separator: ", "))
    }
}
