/// Every optimizer trajviz knows, in the order `all` runs them and `trajviz list` shows them: the
/// only list of optimizers. Specs, `trajviz list`, the help text, the surfaces' suggested rates
/// and the tests all read it.
///
/// Adding an optimizer means one new file with a conforming type, one entry here and its
/// reference fixtures. Adding a family means its ``OptimizerFamily`` in ``families`` and an entry
/// per rule with `family:` set; its names are then `family.rule`.
public enum OptimizerRegistry {
    /// The families, in the order `trajviz list optimizers` shows them; the first is the default.
    public static let families: [OptimizerFamily] = [.torch]

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
            guard let f = families.first(where: { $0.prefix == prefix }) else {
                throw SpecError("unknown optimizer family '\(prefix)' in '\(name)'\(suggestion(for: prefix, among: families.map(\.prefix))); accepted: "
                                + families.map { $0.prefix + "." }.joined(separator: ", ") + " or a bare name")
            }
            family = f
        }
        let members = entries(of: family)
        if rule == "all" { return members }
        if let kind = members.first(where: { $0.ruleName == rule }) { return [kind] }
        let accepted = family.isDefault ? ["all"] + members.map(\.name) : members.map(\.name)
        let written = family.isDefault && !name.contains(".") ? rule : name
        let candidates = name.contains(".") ? members.map(\.qualifiedName) : members.map(\.ruleName)
        throw SpecError("unknown optimizer '\(written)'\(suggestion(for: written, among: candidates)); accepted: "
                        + accepted.joined(separator: ", "))
    }
}
