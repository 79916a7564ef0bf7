/// An expression compiled to a flat list of register instructions.
///
/// Compiling
/// * folds every subexpression without x or y to a number;
/// * turns `a ^ c` with a constant exponent into a dedicated instruction: c = 2 is `a·a` and
///   c = 3 is `a·a·a` (exact, as torch computes `x ** 2` and `x ** 3`), other c use libm's pow
///   with derivative c·a^(c−1); `e ^ u` is `exp(u)`;
/// * gives an operation with one constant operand the constant inline (`a + 0.5`), so constants
///   take no register;
/// * computes each distinct subexpression once (`x^2 + 3*x^2` squares x once);
/// * allocates registers by liveness: a value's register is reused once its last reader has
///   run, so `t₁ + t₂ + ... + t₁₀₀₀₀` needs three registers, not twenty thousand, and the
///   register file stays in the first-level cache however long the formula.
///
/// None of this changes a result: every operation is the one the syntax tree asks for, on the
/// same operands, in the same order (an inline constant `a + c` computes `a + c` exactly as a
/// constant register did). Evaluation is one loop over plain instructions: no recursion, no
/// allocation on the heap, nothing but arithmetic.
///
/// - Complexity: compiling is O(n) expected in the number of syntax nodes; an evaluation is
///   O(``count``).
struct Program: Sendable, Hashable {
    enum Op: UInt8, Sendable, Hashable {
        case x, y, constant
        case negate, add, subtract, multiply, divide
        /// With the constant `c` as the second (`RC`) or first (`CR`) operand.
        case addC, subtractRC, subtractCR, multiplyC, divideRC, divideCR
        case square, cube
        /// a ^ c for a constant c other than 2 and 3.
        case powerConstant
        /// a ^ b with b depending on x or y.
        case power
        case call, call2
    }

    struct Instruction: Sendable, Hashable {
        var op: Op
        var function: MathFunction = .abs
        var destination: Int32 = 0
        var a: Int32 = 0
        var b: Int32 = 0
        var c: Double = 0
    }

    private(set) var code: [Instruction] = []
    /// Registers an evaluation needs.
    private(set) var registerCount = 1
    /// The register that holds f at the end.
    private(set) var result: Int32 = 0

    /// How many instructions an evaluation runs.
    var count: Int { code.count }

    init(_ tree: SyntaxTree) {
        // 1. The tree to SSA values (index = value number), folding constants and sharing
        //    repeated subexpressions.
        enum Operand { case constant(Double), value(Int) }
        struct Key: Hashable { var op: Op; var function: MathFunction; var a: Int; var b: Int; var c: UInt64 }
        var ssa: [Instruction] = []
        var known: [Key: Int] = [:]
        var operands: [Operand] = []
        operands.reserveCapacity(tree.nodes.count)

        func emit(_ op: Op, _ a: Int = 0, _ b: Int = 0, c: Double = 0, function: MathFunction = .abs) -> Operand {
            var (a, b) = (a, b)
            // a + b and a · b are commutative bit for bit (IEEE addition and multiplication,
            // and the dual-number rules built from them): one key for both orders.
            if op == .add || op == .multiply, b < a { swap(&a, &b) }
            let key = Key(op: op, function: function, a: a, b: b, c: c.bitPattern)
            if let v = known[key] { return .value(v) }
            ssa.append(Instruction(op: op, function: function, a: Int32(a), b: Int32(b), c: c))
            known[key] = ssa.count - 1
            return .value(ssa.count - 1)
        }
        func value(_ o: Operand) -> Int {
            switch o {
            case .value(let v): return v
            case .constant(let c):
                guard case .value(let v) = emit(.constant, c: c) else { preconditionFailure() }
                return v
            }
        }
        func power(_ ra: Int, _ q: Double) -> Operand {
            switch q {
            case 2: emit(.square, ra)
            case 3: emit(.cube, ra)
            default: emit(.powerConstant, ra, c: q)
            }
        }

        for node in tree.nodes {
            let result: Operand
            switch node {
            case .number(let v, _): result = .constant(v)
            case .x: result = emit(.x)
            case .y: result = emit(.y)
            case .negate(let a):
                if case .constant(let c) = operands[a] { result = .constant(-c) } else {
                    result = emit(.negate, value(operands[a]))
                }
            case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b):
                switch (operands[a], operands[b]) {
                case (.constant(let p), .constant(let q)):
                    switch node {
                    case .add: result = .constant(p + q)
                    case .subtract: result = .constant(p - q)
                    case .multiply: result = .constant(p * q)
                    default: result = .constant(p / q)
                    }
                case (.value(let ra), .constant(let q)):
                    switch node {
                    case .add: result = emit(.addC, ra, c: q)
                    case .subtract: result = emit(.subtractRC, ra, c: q)
                    case .multiply: result = emit(.multiplyC, ra, c: q)
                    default: result = emit(.divideRC, ra, c: q)
                    }
                case (.constant(let p), .value(let rb)):
                    switch node {
                    // p + b is b + p and p · b is b · p, bit for bit.
                    case .add: result = emit(.addC, rb, c: p)
                    case .subtract: result = emit(.subtractCR, rb, c: p)
                    case .multiply: result = emit(.multiplyC, rb, c: p)
                    default: result = emit(.divideCR, rb, c: p)
                    }
                case (.value(let ra), .value(let rb)):
                    switch node {
                    case .add: result = emit(.add, ra, rb)
                    case .subtract: result = emit(.subtract, ra, rb)
                    case .multiply: result = emit(.multiply, ra, rb)
                    default: result = emit(.divide, ra, rb)
                    }
                }
            case .power(let a, let b):
                switch (operands[a], operands[b]) {
                case (.constant(let p), .constant(let q)):
                    result = .constant(Self.power(p, q))
                case (.value(let ra), .constant(let q)):
                    result = q == 1 ? .value(ra) : power(ra, q)
                case (.constant, .value(let rb)) where tree.nodes[a] == .number(2.718281828459045, name: "e"):
                    result = emit(.call, rb, function: .exp)
                default:
                    result = emit(.power, value(operands[a]), value(operands[b]))
                }
            case .call(let f, let a):
                if case .constant(let c) = operands[a] { result = .constant(f.unary(c).value) } else {
                    result = emit(.call, value(operands[a]), function: f)
                }
            case .call2(let f, let a, let b):
                if case .constant(let p) = operands[a], case .constant(let q) = operands[b] {
                    result = .constant(f == .pow ? Self.power(p, q) : f.binary(p, q).value)
                } else if f == .pow, case .constant(let q) = operands[b] {
                    // pow(a, c): the same instruction as a ^ c (but pow(a, 1) is computed).
                    result = power(value(operands[a]), q)
                } else {
                    result = emit(.call2, value(operands[a]), value(operands[b]), function: f)
                }
            }
            operands.append(result)
        }
        // The last instruction must hold the result (a constant expression has only that);
        // otherwise f is that value plus 0, as it always was.
        if let last = operands.last {
            let r = value(last)
            if r != ssa.count - 1 {
                let zero = value(.constant(0))
                ssa.append(Instruction(op: .add, a: Int32(r), b: Int32(zero)))
            }
        }
        if ssa.isEmpty { ssa.append(Instruction(op: .constant, c: 0)) }

        // 2. Registers by liveness: a value's register returns to the pool after its last read.
        var lastUse = [Int](repeating: -1, count: ssa.count)
        for (i, instruction) in ssa.enumerated() {
            for operand in Self.operands(of: instruction) { lastUse[operand] = i }
        }
        lastUse[ssa.count - 1] = ssa.count
        var registerOf = [Int32](repeating: -1, count: ssa.count)
        var free: [Int32] = []
        var next: Int32 = 0
        for i in ssa.indices {
            var instruction = ssa[i]
            let reads = Self.operands(of: instruction)
            if reads.count > 0 { instruction.a = registerOf[reads[0]] }
            if reads.count > 1 { instruction.b = registerOf[reads[1]] }
            // Operands read for the last time free their registers before the result takes one:
            // an instruction reads both operands before it writes.
            for operand in Set(reads) where lastUse[operand] == i { free.append(registerOf[operand]) }
            let destination: Int32
            if let r = free.popLast() { destination = r } else { destination = next; next += 1 }
            registerOf[i] = destination
            instruction.destination = destination
            code.append(instruction)
            // A value nobody reads (possible only for the result) keeps its register.
            if lastUse[i] == -1 { free.append(destination) }
        }
        registerCount = Int(max(next, 1))
        result = registerOf[ssa.count - 1]
    }

    /// The values an SSA instruction reads, in operand order.
    private static func operands(of i: Instruction) -> [Int] {
        switch i.op {
        case .x, .y, .constant: []
        case .negate, .addC, .subtractRC, .subtractCR, .multiplyC, .divideRC, .divideCR, .square, .cube, .powerConstant, .call:
            [Int(i.a)]
        case .add, .subtract, .multiply, .divide, .power, .call2: [Int(i.a), Int(i.b)]
        }
    }

    /// a ^ b on numbers, as the instructions compute it.
    static func power(_ a: Double, _ b: Double) -> Double {
        switch b {
        case 2: a * a
        case 3: a * a * a
        default: LibM.pow(a, b)
        }
    }

    // MARK: evaluation

    /// f(x, y).
    func value(_ x: Double, _ y: Double) -> Double {
        code.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: registerCount) { r in
                let r = r.baseAddress!
                for instruction in code {
                    let a = Int(instruction.a), b = Int(instruction.b), c = instruction.c
                    let v: Double
                    switch instruction.op {
                    case .x: v = x
                    case .y: v = y
                    case .constant: v = c
                    case .negate: v = -r[a]
                    case .add: v = r[a] + r[b]
                    case .subtract: v = r[a] - r[b]
                    case .multiply: v = r[a] * r[b]
                    case .divide: v = r[a] / r[b]
                    case .addC: v = r[a] + c
                    case .subtractRC: v = r[a] - c
                    case .subtractCR: v = c - r[a]
                    case .multiplyC: v = r[a] * c
                    case .divideRC: v = r[a] / c
                    case .divideCR: v = c / r[a]
                    case .square: v = r[a] * r[a]
                    case .cube: v = r[a] * r[a] * r[a]
                    case .powerConstant: v = LibM.pow(r[a], c)
                    case .power: v = LibM.pow(r[a], r[b])
                    case .call: v = instruction.function.value(r[a])
                    case .call2: v = instruction.function.binary(r[a], r[b]).value
                    }
                    r[Int(instruction.destination)] = v
                }
                return r[Int(result)]
            }
        }
    }

    /// f(x, y) with ∂f/∂x and ∂f/∂y.
    func dual(_ x: Double, _ y: Double) -> Dual {
        code.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Dual.self, capacity: registerCount) { r in
                let r = r.baseAddress!
                for instruction in code {
                    let a = Int(instruction.a), b = Int(instruction.b), c = instruction.c
                    let v: Dual
                    switch instruction.op {
                    case .x: v = Dual(x, dx: 1, dy: 0)
                    case .y: v = Dual(y, dx: 0, dy: 1)
                    case .constant: v = Dual(c)
                    case .negate: v = -r[a]
                    case .add: v = r[a] + r[b]
                    case .subtract: v = r[a] - r[b]
                    case .multiply: v = r[a] * r[b]
                    case .divide: v = r[a] / r[b]
                    // An inline constant is the dual (c, 0, 0), with the same rules as before.
                    case .addC: v = r[a] + Dual(c)
                    case .subtractRC: v = r[a] - Dual(c)
                    case .subtractCR: v = Dual(c) - r[a]
                    case .multiplyC: v = r[a] * Dual(c)
                    case .divideRC: v = r[a] / Dual(c)
                    case .divideCR: v = Dual(c) / r[a]
                    case .square:
                        let u = r[a]
                        v = u.chain(u.value * u.value, 2 * u.value)
                    case .cube:
                        let u = r[a]
                        v = u.chain(u.value * u.value * u.value, 3 * (u.value * u.value))
                    case .powerConstant:
                        let u = r[a]
                        v = c == 0 ? Dual(1) : u.chain(LibM.pow(u.value, c), c * LibM.pow(u.value, c - 1))
                    case .power:
                        // d(a^b) = b a^(b−1) da + a^b ln(a) db; the ln term only where b varies,
                        // so a negative base with a locally constant exponent stays finite.
                        let u = r[a], w = r[b]
                        let p = MathFunction.pow.binary(u.value, w.value)
                        var d = u.chain(p.value, p.da)
                        if !w.isConstant {
                            d.dx += p.db * w.dx
                            d.dy += p.db * w.dy
                        }
                        v = d
                    case .call:
                        let u = r[a]
                        let (value, derivative) = instruction.function.unary(u.value)
                        v = u.isConstant ? Dual(value) : u.chain(value, derivative)
                    case .call2:
                        let u = r[a], w = r[b]
                        let p = instruction.function.binary(u.value, w.value)
                        var d = u.isConstant ? Dual(p.value) : u.chain(p.value, p.da)
                        if !w.isConstant {
                            d.dx += p.db * w.dx
                            d.dy += p.db * w.dy
                        }
                        v = d
                    }
                    r[Int(instruction.destination)] = v
                }
                return r[Int(result)]
            }
        }
    }
}
