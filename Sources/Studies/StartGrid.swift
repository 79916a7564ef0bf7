import Numbers
import Surfaces

/// The starts of a basin map (`--starts 41x41`): a grid of columns × rows points over a window,
/// both edges included, as `numpy.linspace` in each direction.
///
///     let g = try StartGrid.parse("41x41", over: Domain(x: -5...5, y: -5...5))
///     g.points.count     // 1681
///     g.points[0]        // (-5, -5): row 0 is the lowest y, each row runs from the lowest x
///     g.points[1]        // (-4.75, -5)
///
/// Point (i, j), column i and row j, is x = x₀ + i (x₁ − x₀)/(columns − 1), y = y₀ + j (y₁ − y₀)/(rows − 1),
/// the last of each exactly the window's edge; it is ``points``[j · columns + i]. In the figure each
/// start is the cell of the points nearest to it (half cells at the edges).
public struct StartGrid: Hashable, Sendable {
    public var columns: Int
    public var rows: Int
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>

    /// Each side takes 2 to this many points.
    public static let maximumSide = 401

    public init(columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        precondition(columns >= 2 && rows >= 2, "a start grid has at least 2 points a side")
        self.columns = columns; self.rows = rows; self.x = x; self.y = y
    }

    /// Parses `COLUMNSxROWS` (`41x41`) over `window`.
    ///
    /// - Throws: ``StudyInputError`` for another form or a side outside 2...``maximumSide``.
    public static func parse(_ text: String, over window: Domain, option: String = "--starts") throws(StudyInputError) -> StartGrid {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let c = try? DecimalNumber.integer(parts[0]).get(), let r = try? DecimalNumber.integer(parts[1]).get() else {
            throw StudyInputError("malformed \(option) '\(text)'; expected COLUMNSxROWS, e.g. \(option) 41x41 (41 × 41 starts over the domain)")
        }
        guard (2...maximumSide).contains(c), (2...maximumSide).contains(r) else {
            throw StudyInputError("invalid \(option) '\(text)'; each side takes 2 to \(maximumSide) starts")
        }
        return StartGrid(columns: c, rows: r, x: window.x, y: window.y)
    }

    /// The x of column `i`.
    public func xValue(_ i: Int) -> Double {
        i == columns - 1 ? x.upperBound : x.lowerBound + Double(i) * (x.upperBound - x.lowerBound) / Double(columns - 1)
    }

    /// The y of row `j`.
    public func yValue(_ j: Int) -> Double {
        j == rows - 1 ? y.upperBound : y.lowerBound + Double(j) * (y.upperBound - y.lowerBound) / Double(rows - 1)
    }

    /// Every start, row by row from the lowest y, each row from the lowest x.
    public var points: [Point] {
        (0..<rows).flatMap { j in (0..<columns).map { i in Point(xValue(i), yValue(j)) } }
    }

    public var count: Int { columns * rows }
}
