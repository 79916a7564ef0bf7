import Animation
import ArgumentParser
import Plot

/// How an animated figure (`--output x.gif` or `.webp`) samples the run's steps into frames.
struct AnimationOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Frames per second of a .gif or .webp (\(AnimationTimeline.fpsLimits.lowerBound)...\(AnimationTimeline.fpsLimits.upperBound); default 25). Browsers play frames shorter than 20 ms slowly, hence at most 50.", valueName: "N"))
    var fps: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seconds the paths of a .gif or .webp take to grow (\(seconds(AnimationTimeline.durationLimits.lowerBound))...\(seconds(AnimationTimeline.durationLimits.upperBound)); default 6); the last frame then holds \(seconds(AnimationTimeline.hold)) s.", valueName: "S"))
    var duration: String?

    /// The settings, checked; `animated` says whether the output is a .gif or .webp.
    func resolve(animated: Bool) throws(CLIError) -> Animation {
        if !animated, fps != nil || duration != nil {
            let given = [fps.map { _ in "--fps" }, duration.map { _ in "--duration" }].compactMap { $0 }
            throw .usage("\(given.joined(separator: " and ")) only \(given.count > 1 ? "apply" : "applies") to an animated figure; name a .gif or .webp --output")
        }
        let fps = self.fps ?? 25
        guard AnimationTimeline.fpsLimits.contains(fps) else {
            throw .usage("invalid --fps \(fps); expected a whole number from \(AnimationTimeline.fpsLimits.lowerBound) to \(AnimationTimeline.fpsLimits.upperBound) (frames under 20 ms play slowly in browsers)")
        }
        let duration = try self.duration.map { text throws(CLIError) in
            try ValueParsing.number(text, option: "--duration", example: "6")
        } ?? 6
        guard AnimationTimeline.durationLimits.contains(duration) else {
            throw .usage("invalid --duration \(self.duration ?? ""); expected seconds from \(seconds(AnimationTimeline.durationLimits.lowerBound)) to \(seconds(AnimationTimeline.durationLimits.upperBound))")
        }
        return Animation(fps: fps, duration: duration)
    }

    /// Resolved animation settings.
    struct Animation: Sendable {
        var fps = 25
        var duration = 6.0
    }
}

/// A number of seconds as written in help and messages: `0.5`, `120`.
private func seconds(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
