import Optimizers
import Stepping

/// Optimizer specs with schedules (`adam:lr=0.05,beta1=0.8@cosine:T_max=5,sgd`):
/// ``OptimizerSpec/parseList(_:)``, then for each spec ``OptimizerKind/make(_:)``, its schedule
/// parsed and checked, then a few noisy steps of `trace` in Double and of the rule in Float (the
/// MLP's type), so that valid but extreme hyperparameters and schedule arguments (lr = 1e308,
/// beta1 = 0.999999999, eps = 5e-324, -0, T_max = 1) are exercised as well as refused ones.
public enum SpecFuzz {
    public static let target = FuzzTarget(
        name: "spec", summary: "OptimizerSpec.parseList, OptimizerKind.make, Schedule.parse and check, trace",
        seeds: ["adam", "sgd,adam:lr=0.1,beta1=0.8,rmsprop", "all:lr=0.1", "nesterov:momentum=0.9,dampening=0",
                "rprop:eta_minus=0.5,eta_plus=1.2,step_min=1e-6,step_max=50", "adabound:final_lr=0.1,gamma=0.001",
                "adam:amsgrad=true,maximize=TRUE", "lion:lr=1e-4,beta1=0.9,beta2=0.99", "adma:lr=0.1", "sgd:",
                "lr=0.1", "adam:lr=", ",", "sgd,,adam", "adam:lr=0.1,lr=0.2",
                "adam:lr=0.05@cosine:T_max=3", "sgd:lr=0.1,momentum=0.9@linear:start_factor=0.1,total_iters=2>cosine:T_max=4",
                "adam@onecycle:max_lr=0.1,three_phase=true", "rmsprop@cyclic:base_lr=0.01,max_lr=0.1,step_size_up=2",
                "lion@plateau:patience=1", "adam@multistep:milestones=1/3", "adam@", "adam@cosine", "torch.adam@step:step_size=2"],
        dictionary: OptimizerRegistry.names + ["all", ":", ",", "=", "true", "false", " "]
            + Array(Set(OptimizerRegistry.all.flatMap { $0.parameters.map(\.name) })).sorted()
            + ScheduleKind.names + ["@", ">", "/", "until"]
            + Array(Set(ScheduleKind.all.flatMap { $0.arguments.map(\.name) })).sorted(),
        generate: generate, run: run)

    static func generate(_ rng: inout FuzzRandom) -> [UInt8] {
        var specs: [String] = []
        for _ in 0..<(1 + rng.smallSize(5)) {
            let kind = rng.pick(OptimizerRegistry.all)
            var name = rng.below(20) == 0 ? "all" : kind.name
            if rng.below(15) == 0 { name = typo(name, &rng) }
            var assignments: [String] = []
            for _ in 0..<rng.smallSize(kind.parameters.count + 1) {
                var key = rng.pick(kind.parameters).name
                if rng.below(20) == 0 { key = typo(key, &rng) }
                assignments.append(key + "=" + value(for: kind.parameters.first { $0.name == key }, &rng))
            }
            let space = rng.below(8) == 0 ? " " : ""
            var spec = assignments.isEmpty ? name : name + ":" + assignments.joined(separator: "," + space)
            if rng.below(3) == 0 { spec += "@" + schedule(&rng) }
            specs.append(spec)
        }
        return Array(specs.joined(separator: ",").utf8)
    }

    /// A schedule or a chain of up to three, with arguments of every kind (and now and then a typo).
    static func schedule(_ rng: inout FuzzRandom) -> String {
        var stages: [String] = []
        for _ in 0..<(1 + rng.below(3)) {
            let kind = rng.pick(ScheduleKind.all)
            var name = kind.name
            if rng.below(15) == 0 { name = typo(name, &rng) }
            var arguments: [String] = []
            for argument in kind.arguments where argument.defaultValue == .required || rng.below(3) == 0 {
                let text: String
                switch argument.kind {
                case .integer: text = rng.below(5) == 0 ? rng.pick(Mutator.boundaryNumbers) : String(rng.int(-2...12))
                case .integers: text = (0..<(1 + rng.below(3))).map { _ in String(rng.int(0...12)) }.joined(separator: "/")
                case .flag: text = rng.pick(["true", "false", "yes"])
                case .choice(let words): text = rng.below(6) == 0 ? "other" : rng.pick(words)
                case .real: text = value(for: nil, &rng)
                }
                arguments.append(argument.name + "=" + text)
            }
            if rng.below(2) == 0 { arguments.append("until=" + String(rng.int(0...6))) }
            stages.append(arguments.isEmpty ? name : name + ":" + arguments.joined(separator: ","))
        }
        return stages.joined(separator: ">")
    }

    /// A value for `info`: its default, a random number of any magnitude, or a boundary.
    static func value(for info: HyperparameterInfo?, _ rng: inout FuzzRandom) -> String {
        if case .flag? = info?.defaultValue, rng.below(4) != 0 { return rng.pick(["true", "false", "True", "FALSE", "1", "yes"]) }
        switch rng.below(6) {
        case 0: return info.map { $0.defaultValue.description } ?? "0"
        case 1: return rng.pick(Mutator.boundaryNumbers)
        case 2: return String(Double(rng.below(2001)) / 1000)                        // 0 ... 2
        case 3: return "1e" + String(rng.int(-330...330))
        case 4: return "0." + String(repeating: "9", count: rng.int(1...20))        // betas close to 1
        default: return String(Double(bitPattern: rng.next()))                       // any Double at all
        }
    }

    static func typo(_ word: String, _ rng: inout FuzzRandom) -> String {
        var c = Array(word)
        guard !c.isEmpty else { return "x" }
        switch rng.below(3) {
        case 0: c.remove(at: rng.below(c.count))
        case 1: c.insert(rng.pick(Array("abcdez_ ")), at: rng.below(c.count + 1))
        default: if c.count > 1 { let i = rng.below(c.count - 1); c.swapAt(i, i + 1) }
        }
        return String(c)
    }

    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let text = String(decoding: bytes, as: UTF8.self)
        let specs: [OptimizerSpec]
        do { specs = try OptimizerSpec.parseList(text) } catch {
            _ = error.message
            return .refused
        }
        var built = 0
        for spec in specs {
            let optimizer: any Optimizer
            do { optimizer = try spec.kind.make(spec.overrides) } catch {
                _ = error.message
                continue
            }
            var schedule: Schedule? = nil
            if let text = spec.schedule {
                do {
                    schedule = try Schedule.parse(text)
                    try schedule!.check(lr: optimizer.learningRate, cycledMomentum: type(of: optimizer).cycledMomentum, steps: 6)
                } catch {
                    _ = error.message
                    continue
                }
            }
            built += 1
            exercise(optimizer, spec, schedule)
        }
        return built > 0 ? .accepted : .refused
    }

    /// A few steps from an ordinary start and from an extreme one, in Double and in Float.
    static func exercise(_ optimizer: any Optimizer, _ spec: OptimizerSpec, _ schedule: Schedule?) {
        let bowl: (Double, Double) -> (loss: Double, gx: Double, gy: Double) = { x, y in
            (x * x + 10 * y * y + x * y, 2 * x + y, 20 * y + x)
        }
        for start in [(1.5, -0.5), (1e154, -5e-324), (-0.0, 0.0)] {
            // The schedule was checked for these 6 steps: trace cannot fail.
            let path = try! trace(optimizer, label: spec.label, name: spec.name, start: start, steps: 6,
                                  schedule: schedule, noise: GradientNoise(sigma: 0.5, decay: 0.55, seed: 7), objective: bowl)
            _ = path.hyperparameters.map(\.value.description)
        }
        _ = spec.kind.nonDefaults(optimizer.values).map { formatNumber($0.value.number ?? 0) }
        var state = optimizer.makeState(count: 3, as: Float.self)
        var weights: [Float] = [0.5, -1e30, 0]
        let gradient: [Float] = [1, -3e38, 1e-45]
        for _ in 0..<3 {
            weights.withUnsafeMutableBufferPointer { w in
                gradient.withUnsafeBufferPointer { g in optimizer.step(w, gradient: g, state: &state) }
            }
        }
    }
}
