import Surfaces

/// What a surface file says, key by key: enough to rebuild the surface anywhere (the
/// regression workflow stores it in JSON manifests and replays from it).
///
/// A file looks like this (TOML):
///
///     name = "valley"                       # required: the name on the command line
///     f = "0.05*x^2 + 5*(y - 0.2*x^2)^2"    # required: an expression in x and y
///     x = [-4, 4]                           # required: the figure's x range, min < max
///     y = [-2, 3]                           # required: the figure's y range
///     minima = [[0, 0]]                     # optional: global minima; values come from f
///     start = [-3.5, 2.5]                   # optional: the suggested start
///     levels = "log"                        # optional: "log" or "linear" contour spacing
///     title = "A long valley"               # optional: the figure title (default: name)
///     description = "Where it comes from"   # optional: source and remarks
///     lr = { sgd = 0.01, adam = 0.05 }      # optional: suggested learning rates by optimizer
public struct SurfaceDefinition: Codable, Hashable, Sendable {
    public var name: String
    /// The expression, as written.
    public var f: String
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public var minima: [Point]?
    public var start: Point?
    public var levels: LevelScale?
    public var title: String?
    public var description: String?
    /// Suggested learning rates by optimizer name (the file's `lr` table).
    public var learningRates: [String: Double]?

    public init(
        name: String, f: String, x: ClosedRange<Double>, y: ClosedRange<Double>,
        minima: [Point]? = nil, start: Point? = nil, levels: LevelScale? = nil,
        title: String? = nil, description: String? = nil, learningRates: [String: Double]? = nil
    ) {
        self.name = name
        self.f = f
        self.x = x
        self.y = y
        self.minima = minima
        self.start = start
        self.levels = levels
        self.title = title
        self.description = description
        self.learningRates = learningRates
    }

    enum CodingKeys: String, CodingKey {
        case name, f, x, y, minima, start, levels, title, description
        case learningRates = "lr"
    }

    /// The keys a file may hold, in the order the documentation lists them.
    public static let keys = ["name", "f", "x", "y", "minima", "start", "levels", "title", "description", "lr"]
}
