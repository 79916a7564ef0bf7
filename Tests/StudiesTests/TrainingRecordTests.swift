import Optimizers
import Regression
import Testing
@testable import Studies

@Suite struct TrainingRecordTests {
    static func run(_ spec: String, rate: Double?, losses: [Float] = [2.5, 1.25, .nan], diverged: Int? = 3) -> TrainingRunRecord {
        TrainingRunRecord(label: rate.map { TrainingRunRecord.label(spec: spec, rate: $0) } ?? spec, spec: spec, optimizer: "adam", rate: rate,
                          hyperparameters: Hyperparameters([("lr", .number(rate ?? 0.001)), ("amsgrad", .flag(false))]),
                          schedule: "cosine:T_max=3", legend: "adam lr=0.1 (diverged at iteration 3)", color: 0x00ff08, divergedAt: diverged,
                          epochs: Array(repeating: 1, count: losses.count), losses: losses, batchAccuracies: [0.1, 0.2, 0.30000000000000004], lrs: [0.1, 0.05, 1e-300],
                          accuracies: [TestAccuracy(iteration: 0, epoch: 0, accuracy: 0.098), TestAccuracy(iteration: 2, epoch: 1, accuracy: 1.0 / 3)],
                          epochMeanLosses: [1.875])
    }

    @Test func labelNamesSpecAndRate() {
        #expect(TrainingRunRecord.label(spec: "adam", rate: 0.001) == "adam lr=0.001")
        #expect(TrainingRunRecord.label(spec: "adamw:weight_decay=0.01", rate: 1e-4) == "adamw:weight_decay=0.01 lr=0.0001")
        #expect(TrainingRunRecord.label(spec: "sgd", rate: 2.15443469003e-4) == "sgd lr=0.000215443469003")
    }

    /// Every value reads back identical, non-finite losses included; the same record, the same bytes.
    @Test func roundTrips() throws {
        let losses: [Float] = [2.3025851, .infinity, -.infinity, .nan, Float(0.1).nextUp]
        let record = TrainingRecord(title: "MLP", setup: .object([("batch", .number(100))]), rates: [0.001, 0.1],
                                    runs: [Self.run("adam", rate: 0.001, losses: losses), Self.run("adam", rate: 0.1, losses: losses, diverged: nil)])
        let bytes = record.encode()
        let back = try TrainingRecord(json: try JSONValue.parse(bytes))
        #expect(back.encode() == bytes)
        #expect(back.rates == record.rates && back.title == "MLP" && back.setup == record.setup)
        for (a, b) in zip(back.runs, record.runs) {
            #expect(a.label == b.label && a.spec == b.spec && a.rate == b.rate && a.hyperparameters == b.hyperparameters)
            #expect(a.color == 0x00ff08 && a.schedule == b.schedule && a.divergedAt == b.divergedAt && a.legend == b.legend)
            #expect(a.losses.map(\.bitPattern).dropLast(2) == b.losses.map(\.bitPattern).dropLast(2))
            #expect(a.losses[3].isNaN && a.losses[4] == Float(0.1).nextUp)
            #expect(a.lrs == b.lrs && a.batchAccuracies == b.batchAccuracies && a.accuracies == b.accuracies && a.epochs == b.epochs)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""loss": [2.3025851249694824, "inf", "-inf", "nan", "#), "\(text)")
        #expect(text.contains(##""color": "#00ff08""##) && text.contains(#""kind": "mnist""#))
    }

    @Test func rowsGroupRunsBySpecInOrder() {
        let record = TrainingRecord(title: "", setup: .null, rates: [1, 2],
                                    runs: [Self.run("b", rate: 1), Self.run("b", rate: 2), Self.run("a", rate: 1), Self.run("a", rate: 2)])
        #expect(record.rows.map(\.spec) == ["b", "a"])
        #expect(record.rows.map { $0.runs.map(\.rate) } == [[1, 2], [1, 2]])
    }

    @Test func refusesWhatItCannotDraw() throws {
        func error(_ record: TrainingRecord, _ edit: (inout JSONValue) -> Void = { _ in }) -> String? {
            var json = record.json
            edit(&json)
            do { _ = try TrainingRecord(json: json); return nil } catch { return error.message }
        }
        let missing = TrainingRecord(title: "", setup: .null, rates: [1, 2], runs: [Self.run("a", rate: 1), Self.run("b", rate: 1), Self.run("b", rate: 2)])
        #expect(error(missing) == "manifest.runs: the runs of 'a' are not one at each of the manifest's rates, in order")
        let fine = TrainingRecord(title: "", setup: .null, rates: [], runs: [Self.run("a", rate: nil)])
        #expect(error(fine) == nil)
        #expect(error(fine) { json in
            guard case .object(var members) = json else { return }
            members.append((key: "extra", value: .null))
            json = .object(members)
        } == "manifest.extra: unknown field; accepted: format, kind, trajviz_version, title, setup, rates, runs")
        #expect(error(fine) { json in
            guard case .object(var members) = json, let k = members.firstIndex(where: { $0.key == "format" }) else { return }
            members[k].value = .number(2)
            json = .object(members)
        } == "format: 2 is not an mnist manifest format this trajviz reads (1...1); upgrade trajviz")
        var short = Self.run("a", rate: nil)
        short.epochs = [1]
        #expect(error(TrainingRecord(title: "", setup: .null, rates: [], runs: [short]))
                == "manifest.runs[0]: epoch, loss, batch_accuracy and lr hold one value per iteration; their lengths disagree")
    }
}
