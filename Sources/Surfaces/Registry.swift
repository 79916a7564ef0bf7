/// The built-in surfaces, in the order `trajviz list` shows them.
///
/// Adding a surface means one new file in this folder and one line here.
public enum Surfaces {
    public static let builtIn: [any Surface] = [
        Rosenbrock(), Beale(), Saddle(), MonkeySaddle(), Himmelblau(),
        Booth(), Matyas(), ThreeHumpCamel(), SixHumpCamel(), Rastrigin(),
        Ackley(), GoldsteinPrice(), Levi13(), StyblinskiTang(), Quadratic(),
    ]

    /// The built-in surface called `name`, or nil.
    public static func named(_ name: String) -> (any Surface)? {
        builtIn.first { $0.name == name }
    }

    /// Every built-in name, for error messages and help.
    public static var names: [String] { builtIn.map(\.name) }
}
