import Optimizers
import Regression
import SurfaceFiles
import Surfaces

/// JSON manifests: ``Manifest/decode(_:)`` (with its strict checks of fields, limits and figure
/// options) and ``PathRecord/load(_:name:)`` (as `compare` reads a `.json`), then
/// ``replay(_:surface:optimizers:)`` with the built-in surfaces or the recorded
/// definition (as `trajviz replay` does), the comparison of replayed and recorded paths, and the
/// replayed run encoded and decoded again. A manifest that parses but asks for something absurd
/// (10¹² steps, lr = 1e308, an unknown optimizer) must be refused or run, never trap.
public enum ManifestFuzz {
    public static let target = FuzzTarget(
        name: "manifest", summary: "Manifest.decode (and ManifestReader agreeing with it), PathRecord.load(.json), replay, comparePaths, encode",
        seeds: [seedManifest(steps: 3), seedManifest(steps: 0),
                #"{"format":1,"trajviz_version":"0.1.0","surface":{"name":"nope","title":"","formula":"","domain":{"x":[0,1],"y":[0,1]}},"paths":[]}"#,
                #"{"format":2}"#, "[", "{\"a\":1,\"a\":2}", "\"\\ud800\"", "-01", "1e999", "{\"x\": [1,]}"],
        dictionary: ["{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "\\u0000", "\\ud83d\\ude00", "\\ud800",
                     "\"steps\"", "\"diverged_at\"", "\"hyperparameters\"", "\"definition\"", "\"xs\"", "\"format\"",
                     "\"optimizer\"", "\"label\"", "\"surface\"", "\"paths\"", "\"schedule\"", "\"noise\"", "\"runs\"",
                     "\"run\"", "\"lrs\"", "\"sigma\"", "\"seed\""] + Surfaces.names.map { "\"\($0)\"" },
        generate: { rng in JSONValue.object(manifest(&rng)).prettyBytes() }, run: run)

    static func seedManifest(steps: Int) -> String {
        var rng = FuzzRandom(seed: UInt64(steps))
        return String(decoding: JSONValue.object(manifest(&rng, perturb: false)).prettyBytes(), as: UTF8.self)
    }

    static func manifest(_ rng: inout FuzzRandom, perturb: Bool = true) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [
            ("format", .number(perturb && rng.below(30) == 0 ? rng.pick([0, 3, 1.5, -1, 1e300]) : rng.pick([1, 2]))),
            ("trajviz_version", .string("0.1.0")),
            ("surface", surface(&rng, perturb: perturb)),
            ("figure", rng.chance(0.6) ? .null : figure(&rng, perturb: perturb)),
            ("noise", rng.chance(0.6) ? .null : .object([
                ("sigma", .number(perturb && rng.below(10) == 0 ? rng.pick([-1, 1e308, 0]) : Double(rng.int(0...20)) / 10)),
                ("decay", .number(perturb && rng.below(10) == 0 ? rng.pick([-0.5, 1e300]) : Double(rng.int(0...100)) / 100)),
                ("seed", .number(perturb && rng.below(10) == 0 ? rng.pick([-1, 1.5, 1e300, 9_007_199_254_740_991]) : Double(rng.int(0...99)))),
            ])),
            ("runs", rng.chance(0.7) ? .null : .number(Double(rng.int(perturb ? 0...4 : 1...4)))),
            ("paths", .array((0..<rng.smallSize(5)).map { i in path(&rng, index: i, perturb: perturb) })),
        ]
        if perturb { perturbObject(&members, &rng) }
        return members
    }

    /// Figure options as the command line records them, at and past every limit of
    /// ``SurfacePlotOptions/validate(naming:)``, with values of the wrong kind and unknown members now and then.
    static func figure(_ rng: inout FuzzRandom, perturb: Bool) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("layout", .string(rng.pick(["both", "contour"])))]
        func number(_ typical: [Double], _ edges: [Double]) -> JSONValue {
            .number(perturb && rng.below(4) == 0 ? rng.pick(edges) : rng.pick(typical))
        }
        if rng.chance(0.5) { members.append(("width", number([100, 400, 1200], [99, 10_001, 32_767, -5, 0, 1.5, 1e300]))) }
        if rng.chance(0.5) { members.append(("height", number([100, 300, 900], [99, 10_001, -1, 2.5]))) }
        if rng.chance(0.5) { members.append(("levels", number([2, 30, 200], [0, 1, 201, 100_000, 2.5, -3]))) }
        if rng.chance(0.3) { members.append(("scale", .string(rng.pick(perturb ? ["log", "linear", "cubic", ""] : ["log", "linear"])))) }
        for key in ["xlim", "ylim"] where rng.chance(0.3) {
            let a = Double(rng.int(-3...3)), b = a + Double(rng.int(perturb ? -1...3 : 1...3))
            members.append((key, .array(rng.below(20) == 0 ? [.number(a)] : [.number(a), .number(perturb && rng.below(10) == 0 ? 5e-324 : b)])))
        }
        if perturb, rng.below(8) == 0 { perturbObject(&members, &rng) }
        return .object(members)
    }

    static func surface(_ rng: inout FuzzRandom, perturb: Bool) -> JSONValue {
        let builtIn = rng.pick(Surfaces.builtIn)
        var definition = JSONValue.null
        var name = builtIn.name
        if perturb, rng.below(4) == 0 {
            // A file surface: its definition as JSONEncoder writes it.
            let lo = Double(rng.int(-5...0)), hi = Double(rng.int(-1...5))
            let d = SurfaceDefinition(
                name: "file", f: ExpressionFuzz.expression(&rng, depth: rng.int(0...3)), x: lo...max(lo, hi), y: -2...2,
                minima: rng.chance(0.5) ? [Point(0, 0)] : nil, start: rng.chance(0.5) ? Point(Double(rng.int(-3...3)), 1) : nil,
                levels: rng.chance(0.5) ? .log : nil, learningRates: rng.chance(0.5) ? ["sgd": 0.01] : nil)
            definition = (try? JSONValue(encoding: d)) ?? .null
            if case .object(var m) = definition, rng.below(3) == 0 { perturbObject(&m, &rng); definition = .object(m) }
            name = "file"
        } else if perturb, rng.below(20) == 0 {
            name = rng.pick(["unknown", "Rosenbrock", "", "rosenbrok"])
        }
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(name)), ("title", .string(builtIn.title)), ("formula", .string(builtIn.formula)),
            ("domain", .object([("x", .array([.number(builtIn.domain.x.lowerBound), .number(builtIn.domain.x.upperBound)])),
                                ("y", .array([.number(builtIn.domain.y.lowerBound), .number(builtIn.domain.y.upperBound)]))])),
            ("definition", definition),
        ]
        if perturb, rng.below(10) == 0 { perturbObject(&members, &rng) }
        return .object(members)
    }

    static func path(_ rng: inout FuzzRandom, index: Int, perturb: Bool) -> JSONValue {
        let kind = rng.pick(OptimizerRegistry.all)
        var hyperparameters: [(key: String, value: JSONValue)] = kind.defaults.entries.map { e in
            switch e.value {
            case .number(let v): return (e.name, .number(v))
            case .flag(let b): return (e.name, .bool(b))
            }
        }
        if perturb {
            for _ in 0..<rng.smallSize(3) where !hyperparameters.isEmpty {
                let i = rng.below(hyperparameters.count)
                hyperparameters[i].value = hyperValue(&rng)
            }
            if rng.below(15) == 0 { hyperparameters.append((rng.pick(["bogus", "lr2", "nesterov"]), .number(1))) }
            if rng.below(15) == 0, !hyperparameters.isEmpty { hyperparameters.remove(at: rng.below(hyperparameters.count)) }
        }
        // Steps and the recorded points: consistent (so that decoding passes and replay runs), or not.
        var steps = rng.smallSize(30)
        var diverged: Int? = rng.below(6) == 0 ? rng.int(0...steps) : nil
        if perturb, rng.below(12) == 0 {
            // Just past replay's limit and far past it; the limit itself (a full million-step
            // replay, 20 ms) only rarely, to keep the rate up.
            steps = rng.below(100) == 0 ? 1_000_000
                : rng.pick([1_000_001, 1_000_000_000_000, 8_999_999_999_999_999, Int(Int32.max)])
            diverged = rng.chance(0.8) ? 0 : nil
        }
        let points = diverged.map { rng.int(0...min($0 + 1, 40)) } ?? min(steps + 1, 40)
        func numbers(_ rng: inout FuzzRandom) -> JSONValue {
            .array((0..<points).map { _ in .number(Double(rng.int(-4000...4000)) / 1000) })
        }
        let optimizer = perturb && rng.below(20) == 0 ? rng.pick(["adma", "all", "", "SGD"]) : kind.name
        var members: [(key: String, value: JSONValue)] = [
            ("label", .string(perturb && rng.below(20) == 0 ? "dup" : "\(kind.name)-\(index)")),
            ("optimizer", .string(optimizer)),
            ("hyperparameters", .object(hyperparameters)),
            ("start", .array([.number(Double(rng.int(-30...30)) / 10), .number(Double(rng.int(-30...30)) / 10)])),
            ("steps", .number(Double(steps))),
            ("diverged_at", diverged.map { .number(Double($0)) } ?? .null),
            ("xs", numbers(&rng)), ("ys", numbers(&rng)), ("losses", numbers(&rng)),
            ("schedule", rng.chance(0.6) ? .null : .string(perturb && rng.below(5) == 0 ? SpecFuzz.schedule(&rng)
                : rng.pick(["cosine:T_max=5", "linear:total_iters=3>step:step_size=2", "onecycle:max_lr=0.1", "plateau:patience=1",
                            "cyclic:base_lr=0.01,max_lr=0.1,step_size_up=2,cycle_momentum=false"]))),
            ("run", rng.chance(0.6) ? .null : .number(Double(rng.int(perturb ? 0...3 : 1...3)))),
            ("lrs", rng.chance(0.5) ? .array([]) : .array((0..<max(0, points - (perturb && rng.below(10) == 0 ? 0 : 1))).map { _ in .number(0.01) })),
        ]
        if perturb, rng.below(10) == 0 { perturbObject(&members, &rng) }
        return .object(members)
    }

    /// A hyperparameter value: ordinary, extreme, negative, of the wrong kind.
    static func hyperValue(_ rng: inout FuzzRandom) -> JSONValue {
        switch rng.below(7) {
        case 0: return .number(rng.pick([1e308, -1e308, 5e-324, -0.0, 0, 1, 0.999999999, 1e-320, 1e12, -1]))
        case 1: return .bool(rng.chance(0.5))
        case 2: return rng.pick([.null, .string("0.1"), .array([]), .object([])])
        case 3: let v = Double(bitPattern: rng.next()); return .number(v.isFinite ? v : 1)
        default: return .number(Double(rng.int(0...2000)) / 1000)
        }
    }

    /// One structural change: a member dropped, given a value of another kind, or added.
    static func perturbObject(_ members: inout [(key: String, value: JSONValue)], _ rng: inout FuzzRandom) {
        guard !members.isEmpty else { return }
        let i = rng.below(members.count)
        switch rng.below(4) {
        case 0: members.remove(at: i)
        case 1: members[i].value = rng.pick([.null, .bool(true), .number(-1), .number(1e300), .string("x"), .array([]),
                                             .object([]), .array([.number(1)]), .array([.number(2), .number(1)])])
        case 2: members.append(("extra_\(rng.below(3))", .array([.null])))
        default: members.shuffle(using: &rng)
        }
    }

    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let recorded: Manifest
        do { recorded = try Manifest.decode(bytes) } catch {
            agreeOnRefusal(bytes, error)
            _ = loadAsFile(bytes)
            return .refused
        }
        agreeOnManifest(bytes, recorded)
        _ = loadAsFile(bytes)
        do {
            // The figure options as replay draws them: decoded strictly and within their limits.
            _ = try recorded.figureOptions()
            let surface = try rebuild(recorded.surface)
            let paths = try replay(recorded) { _ in surface }
            _ = comparePaths(expected: recorded.paths.map(\.record), actual: paths.map(PathRecord.init), rtol: 0, atol: 0).report
            let start = recorded.paths.first?.start ?? surface.suggestedStart
            let again = Manifest(surface: surface, definition: recorded.surface.definition, start: start,
                                 trajectories: paths, figure: recorded.figure)
            _ = try Manifest.decode(again.encode())
        } catch {
            _ = "\(error)"
        }
        return .accepted
    }

    /// `replay` and `compare` read manifests with ``ManifestReader`` (in pieces, two passes),
    /// which must refuse exactly what ``Manifest/decode(_:)`` refuses, with the same message:
    /// a difference is a finding (the worker stops, and the input is saved).
    static func agreeOnRefusal(_ bytes: [UInt8], _ expected: ManifestError) {
        do {
            _ = try ManifestReader.open(JSONBytes(bytes)).whole()
        } catch {
            if error != expected { fatalError("ManifestReader refused with '\(error)', Manifest.decode with '\(expected)'") }
            return
        }
        fatalError("ManifestReader accepted a manifest Manifest.decode refuses (\(expected))")
    }

    /// ...and read what it accepts as the same manifest (compared by its encoding).
    static func agreeOnManifest(_ bytes: [UInt8], _ recorded: Manifest) {
        do {
            let streamed = try ManifestReader.open(JSONBytes(bytes)).whole()
            if streamed.encode() != recorded.encode() { fatalError("ManifestReader read another manifest than Manifest.decode") }
        } catch {
            fatalError("ManifestReader refused a manifest Manifest.decode accepts: \(error)")
        }
    }

    /// The surface a manifest names, as `trajviz replay` finds it.
    static func rebuild(_ s: ManifestSurface) throws -> any Surface {
        guard let definition = s.definition else { return try s.builtInSurface() }
        return try ExpressionSurface(definition: definition.decode(SurfaceDefinition.self, at: "surface.definition",
                                                                   choices: ["levels": ["log", "linear"]]))
    }

    static func loadAsFile(_ bytes: [UInt8]) -> Bool {
        do { return try !PathRecord.load(bytes, name: "fuzz.json").isEmpty } catch {
            _ = error.description
            return false
        }
    }
}
