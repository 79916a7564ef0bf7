import Optimizers

/// The landscape as one CSV table (`trajviz landscape --csv`):
///
///     kind,label,optimizer,iteration,epoch,t,alpha,beta,distance,loss,accuracy,grid_loss
///
/// * `grid` rows, one per lattice point, β outer and α inner: `alpha`, `beta` the point's
///   coordinates on the plane; `loss`, `accuracy` there, on the landscape's records.
/// * `path` rows, one per recorded point of each optimizer, in order: `iteration` (0: the start),
///   `epoch` (0 for the start), `alpha`, `beta` its projection onto the plane, `distance` how far
///   the weights lie off the plane (‖θ − θ(α, β)‖, in parameter units), `loss`, `accuracy` of the
///   recorded weights themselves, `grid_loss` the loss the grid shows under the projection
///   (bilinear; empty outside the grid): where `distance` is small the two agree.
/// * `line` rows, one per position of each optimizer's straight line from the start (`t` 0) through
///   its end (`t` 1): `loss`, `accuracy` there.
///
/// Empty fields do not apply to the row's kind. Numbers are the shortest decimals that read back
/// to the same Double; labels are quoted when they hold a comma or a quote.
public func landscapeCSV(_ result: LandscapeResult) -> String {
    var out = "kind,label,optimizer,iteration,epoch,t,alpha,beta,distance,loss,accuracy,grid_loss\n"
    let grid = result.grid
    for (j, b) in grid.betas.enumerated() {
        for (i, a) in grid.alphas.enumerated() {
            let k = j * grid.alphas.count + i
            out += "grid,,,,,,\(number(a)),\(number(b)),,\(number(grid.loss[k])),\(number(grid.accuracy[k])),\n"
        }
    }
    for (n, path) in result.paths.enumerated() {
        let label = csvField(path.label), name = csvField(path.optimizer)
        for k in path.iterations.indices {
            let under = result.gridLoss(path: n, point: k).map(number) ?? ""
            out += "path,\(label),\(name),\(path.iterations[k]),\(path.epochs[k]),,\(number(path.alpha[k])),\(number(path.beta[k])),"
                + "\(number(path.distance[k])),\(number(path.loss[k])),\(number(path.accuracy[k])),\(under)\n"
        }
    }
    for path in result.paths {
        let label = csvField(path.label), name = csvField(path.optimizer)
        for (k, t) in result.lineT.enumerated() {
            out += "line,\(label),\(name),,,\(number(t)),,,,\(number(path.lineLoss[k])),\(number(path.lineAccuracy[k])),\n"
        }
    }
    return out
}

/// The shortest decimal that reads back to `v`; `nan`, `inf`, `-inf` for the rest.
private func number(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    return formatNumber(v)
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
func csvField(_ text: String) -> String {
    guard text.contains(",") || text.contains("\"") || text.contains("\n") else { return text }
    return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
}
