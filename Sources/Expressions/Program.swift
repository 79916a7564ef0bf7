/// An expression compiled to a flat list of instructions, each writing one register.
///
/// Compiling folds every subexpression without x or y to a number, and turns `a ^ c` with a
/// constant exponent into a dedicated instruction: c = 2 is `a·a` and c = 3 is `a·a·a` (exact,
/// as torch computes `x ** 2` and `x ** 3`), other c use libm's pow with derivative c·a^(c−1);
/// `e ^ u` is `exp(u)`. Evaluation is one loop over the instructions: no recursion, no
/// allocation on the heap, nothing but arithmetic.
struct Program: Sendable, Hashable {
    enum Instruction: Hashable, Sendable {
        case constant(Double)
        case x, y
        case negate(Int)
        case add(Int, Int), subtract(Int, Int), multiply(Int, Int), divide(Int, Int)
        case square(Int), cube(Int)
        /// a ^ c for a constant c other than 2 and 3.
        case powerConstant(Int, Double)
        /// a ^ b with b depending on x or y.
        case power(Int, Int)
        case call(MathFunction, Int)
        case call2(MathFunction, Int, Int)
    }

    private(set) var code: [Instruction] = []

    init(_ tree: SyntaxTree) {
        // For each tree node: its folded constant, or the register holding it.
        enum Operand { case constant(Double), register(Int) }
        var operands: [Operand] = []
        operands.reserveCapacity(tree.nodes.count)
        var constantRegisters: [Double: Int] = [:]

        func register(_ o: Operand) -> Int {
            switch o {
            case .register(let r): return r
            case .constant(let c):
                if let r = constantRegisters[c], c.bitPattern == code[r].constantBits { return r }
                code.append(.constant(c))
                constantRegisters[c] = code.count - 1
                return code.count - 1
            }
        }
        func emit(_ i: Instruction) -> Operand {
            code.append(i)
            return .register(code.count - 1)
        }

        for node in tree.nodes {
            let result: Operand
            switch node {
            case .number(let v, _): result = .constant(v)
            case .x: result = emit(.x)
            case .y: result = emit(.y)
            case .negate(let a):
                if case .constant(let c) = operands[a] { result = .constant(-c) } else {
                    result = emit(.negate(register(operands[a])))
                }
            case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b):
                if case .constant(let p) = operands[a], case .constant(let q) = operands[b] {
                    switch node {
                    case .add: result = .constant(p + q)
                    case .subtract: result = .constant(p - q)
                    case .multiply: result = .constant(p * q)
                    default: result = .constant(p / q)
                    }
                } else {
                    let ra = register(operands[a]), rb = register(operands[b])
                    switch node {
                    case .add: result = emit(.add(ra, rb))
                    case .subtract: result = emit(.subtract(ra, rb))
                    case .multiply: result = emit(.multiply(ra, rb))
                    default: result = emit(.divide(ra, rb))
                    }
                }
            case .power(let a, let b):
                switch (operands[a], operands[b]) {
                case (.constant(let p), .constant(let q)):
                    result = .constant(Self.power(p, q))
                case (.register(let ra), .constant(let q)):
                    switch q {
                    case 1: result = .register(ra)
                    case 2: result = emit(.square(ra))
                    case 3: result = emit(.cube(ra))
                    default: result = emit(.powerConstant(ra, q))
                    }
                case (.constant, .register(let rb)) where tree.nodes[a] == .number(2.718281828459045, name: "e"):
                    result = emit(.call(.exp, rb))
                default:
                    result = emit(.power(register(operands[a]), register(operands[b])))
                }
            case .call(let f, let a):
                if case .constant(let c) = operands[a] { result = .constant(f.unary(c).value) } else {
                    result = emit(.call(f, register(operands[a])))
                }
            case .call2(let f, let a, let b):
                if case .constant(let p) = operands[a], case .constant(let q) = operands[b] {
                    result = .constant(f == .pow ? Self.power(p, q) : f.binary(p, q).value)
                } else if f == .pow, case .constant = operands[b] {
                    // pow(a, c): the same instruction as a ^ c.
                    let ra = register(operands[a])
                    guard case .constant(let q) = operands[b] else { preconditionFailure() }
                    switch q {
                    case 2: result = emit(.square(ra))
                    case 3: result = emit(.cube(ra))
                    default: result = emit(.powerConstant(ra, q))
                    }
                } else {
                    result = emit(.call2(f, register(operands[a]), register(operands[b])))
                }
            }
            operands.append(result)
        }
        // The last instruction must hold the result (a constant expression has only that).
        if let last = operands.last {
            let r = register(last)
            if r != code.count - 1 { code.append(.add(r, register(.constant(0)))) }
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
        withUnsafeTemporaryAllocation(of: Double.self, capacity: code.count) { r in
            for (i, instruction) in code.enumerated() {
                let v: Double
                switch instruction {
                case .constant(let c): v = c
                case .x: v = x
                case .y: v = y
                case .negate(let a): v = -r[a]
                case .add(let a, let b): v = r[a] + r[b]
                case .subtract(let a, let b): v = r[a] - r[b]
                case .multiply(let a, let b): v = r[a] * r[b]
                case .divide(let a, let b): v = r[a] / r[b]
                case .square(let a): v = r[a] * r[a]
                case .cube(let a): v = r[a] * r[a] * r[a]
                case .powerConstant(let a, let c): v = LibM.pow(r[a], c)
                case .power(let a, let b): v = LibM.pow(r[a], r[b])
                case .call(let f, let a): v = f.unary(r[a]).value
                case .call2(let f, let a, let b): v = f.binary(r[a], r[b]).value
                }
                r.initializeElement(at: i, to: v)
            }
            return r[code.count - 1]
        }
    }

    /// f(x, y) with ∂f/∂x and ∂f/∂y.
    func dual(_ x: Double, _ y: Double) -> Dual {
        withUnsafeTemporaryAllocation(of: Dual.self, capacity: code.count) { r in
            for (i, instruction) in code.enumerated() {
                let v: Dual
                switch instruction {
                case .constant(let c): v = Dual(c)
                case .x: v = Dual(x, dx: 1, dy: 0)
                case .y: v = Dual(y, dx: 0, dy: 1)
                case .negate(let a): v = -r[a]
                case .add(let a, let b): v = r[a] + r[b]
                case .subtract(let a, let b): v = r[a] - r[b]
                case .multiply(let a, let b): v = r[a] * r[b]
                case .divide(let a, let b): v = r[a] / r[b]
                case .square(let a):
                    let u = r[a]
                    v = u.chain(u.value * u.value, 2 * u.value)
                case .cube(let a):
                    let u = r[a]
                    v = u.chain(u.value * u.value * u.value, 3 * (u.value * u.value))
                case .powerConstant(let a, let c):
                    let u = r[a]
                    v = c == 0 ? Dual(1) : u.chain(LibM.pow(u.value, c), c * LibM.pow(u.value, c - 1))
                case .power(let a, let b):
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
                case .call(let f, let a):
                    let u = r[a]
                    let (value, derivative) = f.unary(u.value)
                    v = u.isConstant ? Dual(value) : u.chain(value, derivative)
                case .call2(let f, let a, let b):
                    let u = r[a], w = r[b]
                    let p = f.binary(u.value, w.value)
                    var d = u.isConstant ? Dual(p.value) : u.chain(p.value, p.da)
                    if !w.isConstant {
                        d.dx += p.db * w.dx
                        d.dy += p.db * w.dy
                    }
                    v = d
                }
                r.initializeElement(at: i, to: v)
            }
            return r[code.count - 1]
        }
    }
}

extension Program.Instruction {
    /// The bit pattern of a constant instruction's value (to share registers only between
    /// identical constants: 0.0 and -0.0 compare equal but differ).
    var constantBits: UInt64? {
        if case .constant(let c) = self { return c.bitPattern }
        return nil
    }
}
