/// Every optimizer trajviz knows, in the order `all` runs them and `trajviz list` shows them.
///
/// Adding an optimizer means one new file with a conforming type and one line here.
public enum OptimizerRegistry {
    public static let all: [OptimizerKind] = [
        // (the optimizers helper fills this list)
    ]

    public static func named(_ name: String) -> OptimizerKind? { all.first { $0.name == name } }

    public static var names: [String] { all.map(\.name) }
}
