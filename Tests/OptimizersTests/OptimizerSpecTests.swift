import Optimizers
import Testing

@Suite struct OptimizerSpecTests {
    @Test func bareNamesAndLists() throws {
        let specs = try OptimizerSpec.parseList("sgd,adam:lr=0.1,beta1=0.8,rmsprop")
        #expect(specs.map(\.name) == ["sgd", "adam", "rmsprop"])
        #expect(specs.map(\.label) == ["sgd", "adam:lr=0.1,beta1=0.8", "rmsprop"])
        #expect(specs[1].overrides == Hyperparameters([("lr", .number(0.1)), ("beta1", .number(0.8))]))
    }

    @Test func issueExamplesParseAndBuild() throws {
        let examples = [
            "sgd:lr=0.05,momentum=0.7,nesterov=true,weight_decay=0.02", "sgd:momentum=0.8,dampening=0.1",
            "adagrad:lr=0.5,lr_decay=0.01,initial_accumulator_value=0.1,eps=1e-8", "rmsprop:centered=true,momentum=0.5",
            "adadelta:lr=2,rho=0.95,weight_decay=0.01", "adam:amsgrad=true,beta2=0.9", "adamw:amsgrad=true,weight_decay=0.5",
            "nadam:momentum_decay=0.01", "nadam:decoupled_weight_decay=true", "radam:decoupled_weight_decay=true",
            "yogi:initial_accumulator=1e-3", "adabound:final_lr=0.5,gamma=0.01", "lion:beta1=0.95,beta2=0.98,weight_decay=0.1",
        ]
        for text in examples {
            let specs = try OptimizerSpec.parseList(text)
            #expect(specs.count == 1 && specs[0].label == text)
            let optimizer = try specs[0].kind.make(specs[0].overrides)
            for (key, value) in specs[0].overrides { #expect(optimizer.values[key] == value, "\(text) \(key)") }
        }
    }

    @Test func all() throws {
        let specs = try OptimizerSpec.parseList("all")
        #expect(specs.map(\.name) == OptimizerRegistry.entries(of: .torch).map(\.name))
        let withLr = try OptimizerSpec.parseList("all:lr=0.1")
        #expect(withLr.count == 18)
        #expect(try OptimizerSpec.parseList("keras.all").map(\.name) == OptimizerRegistry.entries(of: .keras).map(\.name))
        #expect(withLr.allSatisfy { $0.overrides["lr"] == .number(0.1) && $0.label == $0.name + ":lr=0.1" })
    }

    @Test(arguments: [
        ("adma", "unknown optimizer 'adma' (did you mean 'adam'?); accepted: all, sgd, momentum"),
        ("adam:lrr=0.1", "unknown hyperparameter 'lrr' for adam (did you mean 'lr'?); accepted: lr, beta1, beta2"),
        ("adam:betas=0.9", "unknown hyperparameter 'betas' for adam (did you mean 'beta1'?)"),
        ("adam:lr=fast", "invalid value 'fast' for adam lr: expected a number"),
        ("adam:amsgrad=yes", "invalid value 'yes' for adam amsgrad: expected true or false"),
        ("adam:lr=nan", "invalid value 'nan' for adam lr: expected a finite number"),
        ("adam:lr=inf", "invalid value 'inf' for adam lr: expected a finite number"),
        ("adam:lr=-1", "adam: Invalid learning rate: -1.0"),
        ("adam:lr=0.1,lr=0.2", "hyperparameter 'lr' is given twice"),
        ("sgd,,adam", "empty optimizer spec"),
        ("adam:", "empty hyperparameter list after 'adam:'"),
        ("lion:maximize=true", "unknown hyperparameter 'maximize' for lion"),
    ])
    func refused(_ text: String, _ fragment: String) {
        do {
            let specs = try OptimizerSpec.parseList(text)
            for spec in specs { _ = try spec.kind.make(spec.overrides) }
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }
}

@Test func longUnknownNamesGetNoSuggestionAndCostNoTables() throws {
    // Found by fuzzing: a 70 kB mistaken name built an edit-distance table against every
    // optimizer name (0.1 s per spec); names too different in length are now skipped.
    #expect(suggestion(for: String(repeating: "a", count: 100_000), among: OptimizerRegistry.names) == "")
    #expect(suggestion(for: "adamwxx", among: ["adamw"]) == " (did you mean 'adamw'?)")   // 2 edits of 7 letters
    #expect(suggestion(for: "nesterovvvvvv", among: ["nesterov"]) == "")                    // 6 edits of 14
    let error = #expect(throws: SpecError.self) { try OptimizerSpec.parseList(String(repeating: "q", count: 100_000)) }
    #expect(error?.message.hasPrefix("unknown optimizer 'qqq") == true)
}

@Suite struct PathAppearanceTests {
    @Test func labelAndColorAreKeptApartFromHyperparameters() throws {
        let specs = try OptimizerSpec.parseList("adam:lr=0.05,label=Adam: tuned,color=#1F77b4,sgd:color=#f00")
        #expect(specs.map(\.name) == ["adam", "sgd"])
        #expect(specs[0].overrides == Hyperparameters([("lr", .number(0.05))]))
        #expect(specs[0].appearance == PathAppearance(label: "Adam: tuned", color: 0x1F77B4))
        #expect(specs[0].label == "adam:lr=0.05,label=Adam: tuned,color=#1F77b4")
        #expect(specs[1].appearance == PathAppearance(color: 0xFF0000))
        #expect(specs[1].overrides.entries.isEmpty)
        // The optimizer never sees them.
        let adam = try specs[0].kind.make(specs[0].overrides)
        #expect(adam.values["label"] == nil && adam.values["color"] == nil)
    }

    @Test(arguments: [
        ("adam:color=red", "invalid color 'red' in 'adam:color=red'; write #rrggbb, e.g. color=#1f77b4"),
        ("adam:color=#12345", "invalid color '#12345'"),
        ("adam:color=#gggggg", "invalid color '#gggggg'"),
        ("adam:label=", "missing value for 'label'"),
        ("adam:label=a,label=b", "hyperparameter 'label' is given twice"),
    ])
    func refused(_ text: String, _ fragment: String) {
        do {
            _ = try OptimizerSpec.parseList(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func hexRoundTrips() {
        for c: UInt32 in [0, 0x0000FF, 0x1F77B4, 0xFFFFFF] {
            #expect(PathAppearance.parseColor(PathAppearance.hex(c)) == c)
        }
        #expect(PathAppearance.hex(0x00A0FF) == "#00a0ff")
    }
}

/// Schedules after '@': the spec grammar only splits them off; Stepping parses them.
@Suite struct ScheduleSpecTests {
    @Test func theScheduleFollowsTheFirstAtOutsideALabel() throws {
        let specs = try OptimizerSpec.parseList(
            "sgd:lr=0.001,momentum=0.9@linear:start_factor=0.1,total_iters=20>cosine:T_max=180,adam@cosine:T_max=300,rmsprop")
        #expect(specs.map(\.name) == ["sgd", "adam", "rmsprop"])
        #expect(specs[0].label == "sgd:lr=0.001,momentum=0.9@linear:start_factor=0.1,total_iters=20>cosine:T_max=180")
        #expect(specs[0].overrides == Hyperparameters([("lr", .number(0.001)), ("momentum", .number(0.9))]))
        #expect(specs[0].schedule == "linear:start_factor=0.1,total_iters=20>cosine:T_max=180")
        #expect(specs[1].schedule == "cosine:T_max=300" && specs[1].overrides.entries.isEmpty)
        #expect(specs[2].schedule == nil)
        // A label may hold ':' and '@'; label= and color= may follow the schedule.
        let styled = try OptimizerSpec.parseList("adam:lr=0.1,label=me@home: tuned,color=#f00")
        #expect(styled[0].schedule == nil && styled[0].appearance.label == "me@home: tuned")
        let after = try OptimizerSpec.parseList("adam:lr=0.1@multistep:milestones=30/80,gamma=0.5,label=Adam (steps)")
        #expect(after[0].schedule == "multistep:milestones=30/80,gamma=0.5" && after[0].appearance.label == "Adam (steps)")
        #expect(after[0].overrides == Hyperparameters([("lr", .number(0.1))]))
    }

    @Test func allGivesEveryOptimizerTheSchedule() throws {
        let specs = try OptimizerSpec.parseList("all:lr=0.1@cosine:T_max=50")
        #expect(specs.count == OptimizerRegistry.entries(of: .torch).count)
        #expect(specs.allSatisfy { $0.schedule == "cosine:T_max=50" && $0.label == $0.name + ":lr=0.1@cosine:T_max=50" })
    }

    @Test(arguments: [
        ("adam@", "empty schedule after '@' in 'adam@'"),
        ("adam:@cosine:T_max=3", "empty hyperparameter list after 'adam:'"),
        ("@cosine:T_max=3", "has no optimizer name"),
        ("adma@cosine:T_max=3", "unknown optimizer 'adma' (did you mean 'adam'?)"),
    ])
    func refused(_ text: String, _ fragment: String) {
        do {
            _ = try OptimizerSpec.parseList(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }
}
