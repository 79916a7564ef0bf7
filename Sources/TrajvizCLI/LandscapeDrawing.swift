import Animation
import CairoRender
import Foundation
import Landscape
import Optimizers
import Plot

/// The landscape's figure and summary, from its manifest alone: what `trajviz landscape` draws
/// after measuring and what `trajviz replay` draws from a `--json` file.
enum LandscapeDrawing {
    /// The figure's data: the grid as Plot's grid, each path's projection, distances and losses.
    static func figureData(_ manifest: LandscapeManifest, options: SurfacePlotOptions = SurfacePlotOptions()) -> LandscapeFigureData {
        let r = manifest.result, s = manifest.setup
        let grid = Grid(xs: r.grid.alphas, ys: r.grid.betas, values: r.grid.loss.map { $0.isFinite ? $0 : .greatestFiniteMagnitude })
        let paths = r.paths.enumerated().map { n, p in
            LandscapeFigureData.Path(
                legend: legend(p), optimizer: p.optimizer, alpha: p.alpha, beta: p.beta, iterations: p.iterations.map(Double.init),
                distance: p.distance, loss: p.loss,
                gridLoss: p.iterations.indices.map { r.gridLoss(path: n, point: $0) ?? .nan },
                lineLoss: p.lineLoss, diverged: p.divergedAt != nil, name: p.appearance.label ?? p.optimizer, color: p.appearance.color)
        }
        let records = "loss on \(grouped(s.records)) training records"
            + (s.data.map { " of '\(($0 as NSString).lastPathComponent)'" } ?? "")
        let xTitle: String, yTitle: String, subtitle: String
        switch r.plane {
        case .pca:
            let e = r.explained ?? [0, 0]
            xTitle = "PC1 (\(percent(e[0])) of the displacement)"
            yTitle = "PC2 (\(percent(e[1])))"
            subtitle = "Plane through \(r.center == "start" ? "the start" : "\(r.center)'s end") spanned by the paths' first two principal components; " + records
        case .random:
            xTitle = "random direction 1 (filter-normalized)"
            yTitle = "random direction 2"
            subtitle = "Plane through \(r.center == "start" ? "the start" : "\(r.center)'s end") along two filter-normalized random directions (seed \(r.seed)); " + records
        }
        let title = "Loss landscape of the \(s.model) around its optimizers' paths (\(s.epochs) epoch\(s.epochs == 1 ? "" : "s"), batch \(s.batch))"
        return LandscapeFigureData(grid: grid, xTitle: xTitle, yTitle: yTitle, title: options.title ?? title,
                                   subtitle: options.subtitle ?? subtitle, paths: paths, lineT: r.lineT,
                                   centre: r.center == "start" ? nil : "centre (\(r.center)'s end)")
    }

    /// The figure's bytes, drawn with `options` (``LandscapeFigureOptions``, ``LandscapeView``):
    /// flat or in 3D (its camera), a still or (a .gif or .webp) the paths growing over the
    /// landscape, or with `orbit` the camera turning around them; frames counted on a terminal.
    static func render(_ manifest: LandscapeManifest, options: SurfacePlotOptions, format: FigureFormat,
                       file: OutputFile) throws(CLIError) -> [UInt8] {
        let data = figureData(manifest, options: options), style = LandscapeFigureOptions.style(options)
        let scene = landscapeScene(data, style: style, camera: options.camera)
        switch format {
        case .image(let format):
            do throws(RenderError) {
                return try CairoRender.render(scene.figure(), format: format)
            } catch {
                throw .failure("cannot draw the figure: \(error.description)")
            }
        case .animation(let format):
            let progress = FrameProgress(enabled: Terminal.stderrIsTerminal)
            defer { progress.clear() }
            do {
                if options.orbit, let camera = options.camera {
                    let turned = { @Sendable (degrees: Double) -> SurfaceScene in
                        var c = camera
                        c.azimuth += degrees
                        return landscapeScene(data, style: style, camera: c)
                    }
                    // One frame per fps × duration, whatever the iterations: the camera, not the paths, moves.
                    let frames = options.timeline(lastStep: Int(AnimationTimeline.durationLimits.upperBound) * AnimationTimeline.fpsLimits.upperBound)
                    return try Animation.animateOrbit(turned, timeline: frames, format: format, progress: progress.update)
                }
                return try Animation.animate(scene, timeline: options.timeline(lastStep: scene.lastStep), format: format,
                                             progress: progress.update)
            } catch {
                throw .failure("cannot draw the animation for '\(file.path)': \(error.description)")
            }
        }
    }

    /// The plane, then one line per optimizer: its last loss on the records, how far its end lies
    /// off the plane (and what fraction of its displacement that is), and where its line's loss peaks.
    static func summary(_ manifest: LandscapeManifest) -> String {
        let r = manifest.result
        var out: String
        switch r.plane {
        case .pca:
            let e = r.explained ?? [0, 0]
            out = "plane: PCA through \(r.center == "start" ? "the start" : "\(r.center)'s end"); PC1 holds \(percent(e[0])), PC2 \(percent(e[1])) of the displacement\n"
        case .random:
            out = "plane: filter-normalized random directions (seed \(r.seed)) through \(r.center == "start" ? "the start" : "\(r.center)'s end")\n"
        }
        let width = max(9, r.paths.map { ($0.appearance.label ?? $0.label).count }.max() ?? 0)
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + fill : fill + s
        }
        out += pad("optimizer", width, left: true) + "  " + pad("final loss", 10) + "  " + pad("accuracy", 8) + "  "
            + pad("off the plane", 13) + "  " + pad("line peak", 9) + "\n"
        for p in r.paths {
            let k = p.iterations.count - 1
            let loss = p.loss[k].isFinite ? String(format: "%.4f", p.loss[k]) : "-"
            let accuracy = p.accuracy[k].isFinite ? String(format: "%.1f%%", p.accuracy[k] * 100) : "-"
            let off = p.norm[k] > 0 ? String(format: "%.3g (%.0f%%)", p.distance[k], 100 * p.distance[k] / p.norm[k]) : "0"
            // The highest loss strictly between start and end: a barrier, if it exceeds both ends.
            let inside = zip(r.lineT, p.lineLoss).filter { $0.0 > 0 && $0.0 < 1 }.map(\.1)
            let peak = inside.max().map { String(format: "%.4f", $0) } ?? "-"
            let note = p.divergedAt.map { "  (diverged at iteration \($0))" } ?? ""
            out += pad(p.appearance.label ?? p.label, width, left: true) + "  " + pad(loss, 10) + "  " + pad(accuracy, 8) + "  " + pad(off, 13) + "  "
                + pad(peak, 9) + note + "\n"
        }
        return out
    }

    /// The legend text: the optimizer, its learning rate and every other value that differs from the
    /// registry's defaults, as the surface figure writes it.
    static func legend(_ p: LandscapePath) -> String {
        let trajectory = Trajectory(label: p.label, optimizer: p.optimizer, hyperparameters: p.hyperparameters, steps: 0,
                                    xs: [], ys: [], losses: [], divergedAt: nil, schedule: p.schedule, appearance: p.appearance)
        // legendLabel writes the schedule (" @ step:…"); the divergence is counted in iterations here.
        var text = legendLabel(for: trajectory)
        if let i = p.divergedAt { text += " (diverged at iteration \(i))" }
        return text
    }

    static func percent(_ f: Double) -> String {
        let p = f * 100
        return p >= 10 ? String(format: "%.1f%%", p) : String(format: "%.2f%%", p)
    }

    /// 2000 as "2,000".
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
