import RealModule

/// A side panel beside a grid (the loss panel, the lr strip, a sweep's sensitivity panel): its
/// y axis and its share of the height. Side panels stack top to bottom and share one x axis,
/// labelled under the lowest.
struct SidePanelSpec {
    var y: AxisSpec
    /// Relative height (the loss panel 1, an lr strip 0.3).
    var weight: Double
}

/// What a grid of panels with shared axes needs to lay itself out: how many cells, the shape of
/// their plots, the shared axes, an optional colorbar and side panels.
///
/// One panel is a 1 × 1 grid; facets, sweeps (rows × columns) and basin maps are larger ones.
struct PanelGridSpec {
    var count: Int
    /// nil: the count that makes the cells largest.
    var columns: Int?
    /// The plot's height over its width in pixels (equal units: the window's y span over its x
    /// span); nil: the cells fill the space.
    var aspect: Double?
    /// The shared axes (their labels decide the room around the grid).
    var x: AxisSpec
    var y: AxisSpec
    /// A title over every cell (facets), of this many lines.
    var cellTitles: Bool = false
    var cellTitleLines = 1
    /// Titles over the columns and beside the rows (sweeps: rates across, optimizers down).
    var columnTitles: [String] = []
    var rowTitles: [String] = []
    /// The colorbar's axis; nil: no colorbar.
    var colorbar: AxisSpec?
    /// Panels to the right of the colorbar, top to bottom.
    var side: [SidePanelSpec] = []
    /// The side panels' x axis (its labels' height is the same as any).
    var sideX: AxisSpec?
    /// The side panels' share of the width the grid and they divide.
    var sideShare: Double = 0.42
}

/// The rectangles of a ``PanelGridSpec`` laid out in a body rectangle.
struct PanelGridLayout {
    var rows: Int
    var columns: Int
    /// The plot rectangle of each cell, row by row.
    var cells: [Rect]
    /// Which axis parts each cell draws: x labels on the lowest cell of each column, y labels on
    /// the first column; the axis titles are drawn once for the grid.
    var parts: [AxisParts]
    /// The union of the cells' plots.
    var gridPlot: Rect
    var colorbar: Rect?
    /// The side panels' plot rectangles, top to bottom.
    var side: [Rect]

    /// Lays `spec` out inside `body`.
    init(_ spec: PanelGridSpec, in body: Rect, m: Metrics) {
        let count = max(1, spec.count)
        let titleRoom = spec.cellTitles ? m.panelTitle * (0.3 + 1.25 * Double(spec.cellTitleLines)) : 0
        let columnTitleRoom = spec.columnTitles.isEmpty ? 0 : m.panelTitle * 1.55
        let rowTitleRoom = spec.rowTitles.isEmpty ? 0 : m.panelTitle * 1.5
        let hgap = (count > 1 ? 12 : 0) * m.text, vgap = 10 * m.text
        let left = rowTitleRoom + leftAxisRoom(spec.y, m)
        let topPad = m.tickLabel * 0.7 + columnTitleRoom
        let bottom = bottomAxisRoom(m)
        let barGap = 14 * m.text, barWidth = 16 * m.scale
        let barBlock = spec.colorbar.map { barGap + barWidth + colorbarRoom($0, m) } ?? 0
        let sideGap = 40 * m.text
        let sideLeft = spec.side.map { leftAxisRoom($0.y, m) }.max() ?? 0
        let rightRoom = spec.side.isEmpty ? 0 : m.tickLabel * 1.3
        let sideFixed = spec.side.isEmpty ? 0 : sideGap + sideLeft + rightRoom
        let shared = max(40, body.width - left - barBlock - sideFixed)
        let availableHeight = max(40, body.height - topPad - bottom)
        var gridWidth = spec.side.isEmpty ? shared : shared * (1 - spec.sideShare)

        // The column count that makes the cells' plots largest.
        func cell(columns c: Int) -> (w: Double, h: Double) {
            let r = (count + c - 1) / c
            let cw = max(10, (gridWidth - Double(c - 1) * hgap) / Double(c))
            let ch = max(10, (availableHeight - Double(r) * titleRoom - Double(r - 1) * vgap) / Double(r))
            guard let a = spec.aspect else { return (cw, ch) }
            let w = min(cw, ch / a)
            return (w, w * a)
        }
        func bestColumns() -> Int {
            spec.columns.map { min(max(1, $0), count) } ?? (1...count).max { a, b in
                let x = cell(columns: a), y = cell(columns: b)
                // Largest plot in the wanted shape (square cells when the shape is free).
                let sa = spec.aspect == nil ? min(x.w, x.h) : x.w * x.h, sb = spec.aspect == nil ? min(y.w, y.h) : y.w * y.h
                return sa < sb || (sa == sb && a > b)
            }!  // 1...count is not empty
        }
        var columns = bestColumns()
        // A wide window with equal units leaves the grid short of height: take width from the side
        // panels (down to 28 % of the shared width) until the plots fill the height.
        if let aspect = spec.aspect, !spec.side.isEmpty {
            var share = spec.sideShare
            while share > 0.28 {
                let (w, _) = cell(columns: columns)
                let r = (count + columns - 1) / columns
                let heightBound = (availableHeight - Double(r) * titleRoom - Double(r - 1) * vgap) / Double(r) / aspect
                guard w < heightBound * 0.995 else { break }
                share -= 0.01
                gridWidth = shared * (1 - share)
                columns = bestColumns()
            }
        }
        var sideWidth = spec.side.isEmpty ? 0 : shared - gridWidth
        let rows = (count + columns - 1) / columns
        let (w, h) = cell(columns: columns)
        self.rows = rows
        self.columns = columns

        // Width the grid leaves unused (equal aspect, height-bound) goes to the side panels, up to
        // the grid's own width; the rest is shared as margins.
        let usedGrid = Double(columns) * w + Double(columns - 1) * hgap
        if !spec.side.isEmpty { sideWidth = min(sideWidth + (gridWidth - usedGrid), max(sideWidth, usedGrid)) }
        let content = left + usedGrid + barBlock + (spec.side.isEmpty ? 0 : sideFixed + sideWidth)
        let x0 = body.x + max(0, (body.width - content) / 2) + left
        let gridHeight = Double(rows) * (titleRoom + h) + Double(rows - 1) * vgap
        let y0 = body.y + topPad + max(0, (availableHeight - gridHeight) / 2)

        var cells: [Rect] = [], parts: [AxisParts] = []
        for k in 0..<count {
            let i = k / columns, j = k % columns
            cells.append(Rect(x: x0 + Double(j) * (w + hgap), y: y0 + titleRoom + Double(i) * (titleRoom + h + vgap), width: w, height: h))
            let lowest = k + columns >= count
            // A neighbour on the right labelling x at the same height.
            let hasRightNeighbour = lowest && j < columns - 1 && k + 1 < count
            parts.append(AxisParts(xLabels: lowest, yLabels: j == 0, xTitle: false, yTitle: false,
                                   xRightEdgeLabel: !hasRightNeighbour))
        }
        self.cells = cells
        self.parts = parts
        let gridPlot = cells.dropFirst().reduce(cells[0]) { $0.union($1) }
        self.gridPlot = gridPlot
        colorbar = spec.colorbar == nil ? nil : Rect(x: gridPlot.maxX + barGap, y: gridPlot.y, width: barWidth, height: gridPlot.height)
        var side: [Rect] = []
        if !spec.side.isEmpty {
            let sx = gridPlot.maxX + barBlock + sideGap + sideLeft
            let gap = 2 * m.gap
            let total = spec.side.map(\.weight).reduce(0, +)
            let usable = gridPlot.height - Double(spec.side.count - 1) * gap
            var y = gridPlot.y
            for panel in spec.side {
                let ph = usable * panel.weight / total
                side.append(Rect(x: sx, y: y, width: max(40, sideWidth), height: ph))
                y += ph + gap
            }
        }
        self.side = side
    }
}

extension PanelGridLayout {
    /// The top of the grid's content (cell titles, the top tick label) and the bottom (x axis).
    func contentSpan(_ m: Metrics, cellTitleLines: Int) -> (top: Double, bottom: Double) {
        (gridPlot.y - m.tickLabel * 0.7 - (cellTitleLines > 0 ? m.panelTitle * (0.3 + 1.25 * Double(cellTitleLines)) : 0),
         gridPlot.maxY + bottomAxisRoom(m))
    }

    /// The same layout moved down by `dy` pixels.
    func shifted(by dy: Double) -> PanelGridLayout {
        var l = self
        func move(_ r: Rect) -> Rect { Rect(x: r.x, y: r.y + dy, width: r.width, height: r.height) }
        l.cells = cells.map(move)
        l.gridPlot = move(gridPlot)
        l.colorbar = colorbar.map(move)
        l.side = side.map(move)
        return l
    }
}

/// Room to the right of a colorbar for its tick labels and title.
func colorbarRoom(_ axis: AxisSpec, _ m: Metrics) -> Double {
    m.tickLength + m.gap + axis.labelWidth(m) + m.gap * 1.5 + m.axisLabel * 1.1
}
