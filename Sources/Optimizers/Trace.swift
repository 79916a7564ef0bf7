/// Steps `optimizer` from `start` for `steps` steps on the objective, recording every point.
///
/// `objective(x, y)` returns the loss and its gradient at (x, y). Step 0 is the start. A point,
/// loss or gradient that is not finite ends the path: the trajectory keeps the points up to the
/// last finite one and records the step in ``Trajectory/divergedAt``. It never traps.
///
/// - Complexity: O(`steps`) objective evaluations and optimizer steps.
public func trace(
    _ optimizer: any Optimizer, label: String, name: String,
    start: (x: Double, y: Double), steps: Int,
    objective: (Double, Double) -> (loss: Double, gx: Double, gy: Double)
) -> Trajectory {
    precondition(steps >= 0, "steps must be non-negative")
    var xs: [Double] = [], ys: [Double] = [], losses: [Double] = []
    xs.reserveCapacity(steps + 1); ys.reserveCapacity(steps + 1); losses.reserveCapacity(steps + 1)
    var state = optimizer.makeState(count: 2, as: Double.self)
    var p = [start.x, start.y]
    var g = [0.0, 0.0]
    var diverged: Int? = nil
    for k in 0...steps {
        let (loss, gx, gy) = objective(p[0], p[1])
        guard p[0].isFinite, p[1].isFinite, loss.isFinite else { diverged = k; break }
        xs.append(p[0]); ys.append(p[1]); losses.append(loss)
        if k == steps { break }
        guard gx.isFinite, gy.isFinite else { diverged = k; break }
        g[0] = gx; g[1] = gy
        p.withUnsafeMutableBufferPointer { pb in
            g.withUnsafeBufferPointer { gb in optimizer.step(pb, gradient: gb, state: &state) }
        }
    }
    return Trajectory(label: label, optimizer: name, hyperparameters: optimizer.values, steps: steps,
                      xs: xs, ys: ys, losses: losses, divergedAt: diverged)
}
