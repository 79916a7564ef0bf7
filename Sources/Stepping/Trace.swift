import Optimizers

/// Steps `optimizer` from `start` for `steps` steps on the objective, recording every point and
/// the learning rate of every step: the 2D step loop.
///
/// The loop is torch's: at point k the loss and gradient are evaluated, noise (if any) is added to
/// the gradient, the optimizer steps at the schedule's current rate, then the schedule steps
/// (plateau with the loss at point k):
///
///     loss = f(p); loss.backward(); opt.step(); sched.step()
///
/// `objective(x, y)` returns the loss and its exact gradient at (x, y). Step 0 is the start. A
/// point, loss or gradient that is not finite ends the path: the trajectory keeps the points up to
/// the last finite one and records the step in ``Trajectory/divergedAt``. It never traps.
///
/// - Parameters:
///   - schedule: the learning-rate schedule; nil keeps the optimizer's rate.
///   - noise: gradient noise; run `run ?? 1` of it is drawn.
///   - run: which of several noisy runs this is (1-based), recorded in the trajectory.
///   - buffers: where the path's arrays come from (arrays of earlier paths handed back), or nil
///     for new ones.
/// - Returns: the path, with ``Trajectory/lrs`` holding the rate of every step taken and
///   ``Trajectory/schedule`` the schedule's text.
/// - Throws: ``ScheduleError`` when the schedule cannot be built on this optimizer or torch would
///   fail stepping it (``Schedule/check(lr:cycledMomentum:steps:)`` finds these before any work).
/// - Complexity: O(`steps`) objective evaluations and optimizer steps.
public func trace(
    _ optimizer: any Optimizer, label: String, name: String,
    start: (x: Double, y: Double), steps: Int,
    schedule: Schedule? = nil, noise: GradientNoise? = nil, run: Int? = nil,
    buffers: TraceBuffers? = nil,
    objective: (Double, Double) -> (loss: Double, gx: Double, gy: Double)
) throws(ScheduleError) -> Trajectory {
    precondition(steps >= 0, "steps must be non-negative")
    var xs: [Double], ys: [Double], losses: [Double], lrs: [Double]
    if let buffers {
        (xs, ys, losses, lrs) = (buffers.take(steps + 1), buffers.take(steps + 1), buffers.take(steps + 1), buffers.take(steps + 1))
    } else {
        xs = []; ys = []; losses = []; lrs = []
        xs.reserveCapacity(steps + 1); ys.reserveCapacity(steps + 1); losses.reserveCapacity(steps + 1); lrs.reserveCapacity(steps)
    }
    var state = optimizer.makeState(count: 2, as: Double.self)
    let baseLr = optimizer.learningRate
    var scheduleState = try schedule?.start(lr: baseLr, cycledMomentum: type(of: optimizer).cycledMomentum, steps: steps)
    var draws = noise.map { $0.stream(run: run ?? 1) }
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
        if let noise, case let sigma = noise.sigma(at: k), sigma != 0 {
            let (z0, z1) = draws!.pair()
            g[0] += sigma * z0; g[1] += sigma * z1
        }
        let context = scheduleState?.context(baseLr: baseLr, step: k + 1) ?? .constant(baseLr, step: k + 1)
        lrs.append(context.lr)
        p.withUnsafeMutableBufferPointer { pb in
            g.withUnsafeBufferPointer { gb in optimizer.step(pb, gradient: gb, state: &state, context: context) }
        }
        try scheduleState?.step(loss: loss)
    }
    // lrs[k] took point k to point k + 1: a step into a non-finite point left no point behind.
    if lrs.count >= xs.count { lrs.removeLast(lrs.count - max(0, xs.count - 1)) }
    return Trajectory(label: label, optimizer: name, hyperparameters: optimizer.values, steps: steps,
                      xs: xs, ys: ys, losses: losses, divergedAt: diverged,
                      lrs: lrs, schedule: schedule?.text, run: run)
}
