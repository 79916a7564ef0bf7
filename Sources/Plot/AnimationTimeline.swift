/// Which step each frame of an animation shows and how long it stays: steps sampled evenly into
/// `fps × duration` frames (one frame per step when the run has fewer), the paths growing for
/// `duration` seconds, then the last frame held for ``hold`` seconds before the loop restarts.
///
/// Delays are whole centiseconds, GIF's unit (WebP takes the same milliseconds): frame k starts
/// at round(100·k·duration / n) cs, so that rounding never accumulates, and no delay is below
/// 2 cs (20 ms): browsers play shorter delays as 100 ms, ten times too slow.
///
///     let t = AnimationTimeline(lastStep: 500, fps: 25, duration: 6)
///     t.frames.count                 // 150
///     t.frames[1]                    // (step: 3, delay: 4 cs)
///     t.frames.last!.delay           // 4 + 200 cs: the hold
///
/// - Complexity: O(frames).
public struct AnimationTimeline: Hashable, Sendable {
    public struct Frame: Hashable, Sendable {
        /// The step shown (paths drawn up to it).
        public var step: Int
        /// How long the frame stays, in centiseconds (≥ 2).
        public var delay: Int
    }

    /// The accepted frame rates: above 50 a frame would stay less than 20 ms.
    public static let fpsLimits = 1...50
    /// The accepted durations of the growth, in seconds.
    public static let durationLimits = 0.5...120.0
    /// The frame rate when none is given (`--fps`).
    public static let defaultFPS = 25
    /// The duration of the growth when none is given (`--duration`), in seconds.
    public static let defaultDuration = 6.0
    /// How long the last frame stays, in seconds, before the loop restarts.
    public static let hold = 2.0

    public var frames: [Frame]

    /// - Parameters:
    ///   - lastStep: the last step any path reaches (frames show steps 0...lastStep).
    ///   - fps: frames per second while the paths grow (``fpsLimits``).
    ///   - duration: seconds the paths take to grow (``durationLimits``).
    public init(lastStep: Int, fps: Int, duration: Double) {
        precondition(Self.fpsLimits.contains(fps) && Self.durationLimits.contains(duration), "fps and duration are checked by the caller")
        let last = max(0, lastStep)
        let n = max(1, min(Int((Double(fps) * duration).rounded()), last + 1))
        let total = duration * 100
        func start(_ k: Int) -> Int { Int((Double(k) * total / Double(n)).rounded()) }
        frames = (0..<n).map { k in
            let step = n == 1 ? last : Int((Double(k) * Double(last) / Double(n - 1)).rounded())
            return Frame(step: step, delay: max(2, start(k + 1) - start(k)))
        }
        frames[n - 1].delay += Int((Self.hold * 100).rounded())
    }

    /// The whole animation's length in centiseconds, hold included.
    public var length: Int { frames.map(\.delay).reduce(0, +) }
}
