import Numbers
import Optimizers

/// A learning-rate schedule as the spec writes it after `@`: one of torch's schedulers, or a
/// chain of them run one after another as torch's `SequentialLR`.
///
///     let s = try Schedule.parse("linear:start_factor=0.1,total_iters=20>cosine:T_max=180")
///     var state = try s.start(lr: 0.001, cycledMomentum: .momentum, steps: 200)
///     state.lr                      // 0.0001: the rate of step 1
///     try state.step(loss: 4.2)     // after the optimizer's step, as torch's sched.step()
///
/// Grammar: `name[:key=value[,key=value...]]`, chained with `>`; lists with `/`
/// (`multistep:milestones=30/80`). Arguments are torch's, with torch's defaults
/// (``ScheduleKind/all``). In a chain each schedule but the last needs a length, the milestone at
/// which the next one starts: its `until=N`, else its `total_iters`, `T_max`, `step_size` or `T_0`
/// as written. `plateau` (ReduceLROnPlateau) cannot be chained, as in torch.
///
/// A schedule is a value; everything that changes from step to step lives in its
/// ``ScheduleState``, as an optimizer's does in its state.
public struct Schedule: Sendable, Hashable, CustomStringConvertible {
    /// The text as written (spaces around `>` removed): what labels and manifests record, and what
    /// replay parses again.
    public var text: String
    /// The schedules of the chain, in order (one for a plain schedule).
    public var stages: [Stage]

    /// One schedule of a chain: its kind and the arguments written (defaults are filled in when
    /// the schedule is built).
    public struct Stage: Sendable, Hashable {
        public var kind: ScheduleKind
        /// The arguments as written, in order, `until` included.
        public var arguments: [(name: String, value: ScheduleValue)]
        /// The text of this stage: `cosine:T_max=180`.
        public var text: String

        public static func == (a: Stage, b: Stage) -> Bool { a.text == b.text }
        public func hash(into h: inout Hasher) { h.combine(text) }

        /// The value written for `name`, if any.
        public subscript(name: String) -> ScheduleValue? { arguments.first { $0.name == name }?.value }

        /// The milestone length of this stage in a chain: `until`, else `total_iters`, `T_max`,
        /// `step_size` or `T_0`, whichever is written first in that order.
        public var length: Int? {
            for key in ScheduleKind.lengthKeys { if case .number(let v)? = self[key] { return Int(v) } }
            return nil
        }
    }

    public var description: String { text }

    /// The milestones of the chain: the running sum of every stage's length but the last's.
    public var milestones: [Int] {
        var sum = 0
        return stages.dropLast().map { sum += $0.length ?? 0; return sum }
    }

    /// Whether this is ReduceLROnPlateau, which steps with the loss.
    public var isPlateau: Bool { stages.count == 1 && stages[0].kind.name == "plateau" }

    /// Parses the text after `@` (or of `--schedule`).
    ///
    /// - Throws: ``ScheduleError`` for an unknown schedule or argument (with a suggestion), a value
    ///   of the wrong kind, a missing required argument, a chained schedule without a length, or a
    ///   plateau inside a chain.
    public static func parse(_ text: String) throws(ScheduleError) -> Schedule {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            throw ScheduleError("empty schedule; write name[:key=value,...], e.g. cosine:T_max=100 (trajviz list schedules)")
        }
        var stages: [Stage] = []
        for part in trimmed.split(separator: ">", omittingEmptySubsequences: false) {
            let stageText = String(part).trimmingSpaces
            guard !stageText.isEmpty else {
                throw ScheduleError("empty schedule in the chain '\(trimmed)'; write e.g. linear:total_iters=20>cosine:T_max=180")
            }
            stages.append(try parseStage(stageText))
        }
        if stages.count > 1 {
            if let i = stages.firstIndex(where: { $0.kind.name == "plateau" }) {
                throw ScheduleError("SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index \(i) in the given schedulers sequence. (plateau steps with the loss: use it alone)")
            }
            for (i, stage) in stages.enumerated().dropLast() where stage.length == nil {
                throw ScheduleError("'\(stage.text)' needs until=N inside a chain (the steps before '\(stages[i + 1].kind.name)' starts)")
            }
        }
        return Schedule(text: stages.map(\.text).joined(separator: ">"), stages: stages)
    }

    private static func parseStage(_ text: String) throws(ScheduleError) -> Stage {
        let name: String, rest: String?
        if let colon = text.firstIndex(of: ":") {
            name = String(text[..<colon]).trimmingSpaces
            rest = String(text[text.index(after: colon)...])
        } else {
            name = text; rest = nil
        }
        guard let kind = ScheduleKind.named(name) else {
            if name.contains("=") {
                throw ScheduleError("'\(text)' has no schedule name; write name:key=value, e.g. cosine:T_max=100")
            }
            throw ScheduleError("unknown schedule '\(name)'\(suggestion(for: name, among: ScheduleKind.names)); accepted: "
                                + ScheduleKind.names.joined(separator: ", "))
        }
        var arguments: [(name: String, value: ScheduleValue)] = []
        if let rest {
            let pieces = rest.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if pieces == [""] {
                throw ScheduleError("empty argument list after '\(name):'; write e.g. \(name):\(kind.arguments.first.map { "\($0.name)=..." } ?? "until=N")")
            }
            for piece in pieces {
                let kv = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
                guard kv.count == 2, !kv[0].isEmpty else {
                    throw ScheduleError("malformed argument '\(piece)' in '\(text)'; write key=value, e.g. \(kind.arguments.first?.name ?? "until")=...")
                }
                let key = kv[0], value = kv[1]
                let accepted = kind.arguments.map(\.name) + ["until"]
                guard let argument = key == "until" ? ScheduleKind.until : kind.argument(key) else {
                    throw ScheduleError("unknown argument '\(key)' for \(name)\(suggestion(for: key, among: accepted)); accepted: "
                                        + accepted.joined(separator: ", "))
                }
                guard !value.isEmpty else { throw ScheduleError("missing value for '\(key)' in '\(text)'; write \(key)=VALUE") }
                guard !arguments.contains(where: { $0.name == key }) else {
                    throw ScheduleError("argument '\(key)' is given twice in '\(text)'")
                }
                arguments.append((key, try parseValue(value, for: argument, of: kind)))
            }
        }
        for argument in kind.arguments where argument.defaultValue == .required && !arguments.contains(where: { $0.name == argument.name }) {
            throw ScheduleError("\(name) needs \(argument.name) (\(kind.torchClass) has no default for it), e.g. \(name):\(argument.name)=\(example(argument))")
        }
        return Stage(kind: kind, arguments: arguments, text: text)
    }

    private static func example(_ argument: ScheduleArgument) -> String {
        switch argument.kind {
        case .integers: return "30/80"
        case .integer: return "100"
        default: return argument.name.hasSuffix("lr") ? "0.1" : "0.9"
        }
    }

    private static func parseValue(_ text: String, for argument: ScheduleArgument, of kind: ScheduleKind) throws(ScheduleError) -> ScheduleValue {
        let what = "\(kind.name) \(argument.name)"
        // Trajviz's one number reader: hexadecimal, nan, inf and what overflows or underflows
        // to 0 are refused here as in every other value.
        func number(_ t: String) throws(ScheduleError) -> Double {
            switch DecimalNumber.parse(t) {
            case .success(let v): return v
            case .failure(.malformed):
                throw ScheduleError("invalid value '\(text)' for \(what): expected a number such as 0.1 or 1e-3")
            case .failure(let problem): throw ScheduleError("invalid value '\(text)' for \(what): \(problem.reason)")
            }
        }
        func whole(_ t: String, minimum: Int) throws(ScheduleError) -> Double {
            let v = try number(t)
            guard v == v.rounded(), abs(v) < 1e15 else {
                throw ScheduleError("invalid value '\(text)' for \(what): expected a whole number")
            }
            guard Int(v) >= minimum else {
                throw ScheduleError("invalid value '\(text)' for \(what): expected a whole number >= \(minimum)")
            }
            return v
        }
        switch argument.kind {
        case .real:
            return .number(try number(text))
        case .integer(let minimum):
            return .number(try whole(text, minimum: minimum))
        case .integers:
            var values: [Double] = []
            for part in text.split(separator: "/", omittingEmptySubsequences: false) {
                guard case .success(let v) = DecimalNumber.parse(String(part).trimmingSpaces), v == v.rounded(), abs(v) < 1e15 else {
                    throw ScheduleError("invalid value '\(text)' for \(what): expected whole numbers separated by '/', e.g. \(argument.name)=30/80")
                }
                values.append(v)
            }
            return .numbers(values)
        case .flag:
            switch text.lowercased() {
            case "true": return .flag(true)
            case "false": return .flag(false)
            default: throw ScheduleError("invalid value '\(text)' for \(what): expected true or false")
            }
        case .choice(let words):
            guard words.contains(text) else {
                throw ScheduleError("\(kind.name): \(ScheduleError.torchChoiceMessage(kind: kind.name, argument: argument.name, value: text)) (accepted: \(words.joined(separator: ", ")))")
            }
            return .word(text)
        }
    }
}

/// A schedule that cannot be parsed, built or run, with one message naming the bad part and what
/// is accepted; values torch refuses are refused with torch's words.
public struct ScheduleError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// torch's message for a word it does not know.
    static func torchChoiceMessage(kind: String, argument: String, value: String) -> String {
        switch (kind, argument) {
        case ("plateau", "mode"): return "mode \(value) is unknown!"
        case ("plateau", "threshold_mode"): return "threshold mode \(value) is unknown!"
        case ("cyclic", "mode"): return "mode is invalid and scale_fn is None"
        case ("onecycle", "anneal_strategy"): return "anneal_strategy must be one of 'cos' or 'linear', instead got \(value)"
        default: return "invalid \(argument) '\(value)'"
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
