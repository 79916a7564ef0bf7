import ArgumentParser
import Plot

/// How an animated figure (`--output x.gif` or `.webp`) samples the run's steps into frames.
struct AnimationOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Frames per second of a .gif or .webp (\(AnimationTimeline.fpsLimits.lowerBound)...\(AnimationTimeline.fpsLimits.upperBound); default \(AnimationTimeline.defaultFPS)). Browsers play frames shorter than 20 ms slowly, hence at most 50.", valueName: "N"))
    var fps: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seconds the paths of a .gif or .webp take to grow (\(seconds(AnimationTimeline.durationLimits.lowerBound))...\(seconds(AnimationTimeline.durationLimits.upperBound)); default \(seconds(AnimationTimeline.defaultDuration))); the last frame then holds \(seconds(AnimationTimeline.hold)) s.", valueName: "S"))
    var duration: String?

    /// `options` with the timing given here (each replaces the one in `options`, a manifest's when
    /// replaying), checked; `animated` says whether the output is a .gif or .webp: a still
    /// figure refuses them.
    func resolve(over options: SurfacePlotOptions, animated: Bool) throws(CLIError) -> SurfacePlotOptions {
        if !animated, fps != nil || duration != nil {
            let given = [fps.map { _ in "--fps" }, duration.map { _ in "--duration" }].compactMap { $0 }
            throw .usage("\(given.joined(separator: " and ")) only \(given.count > 1 ? "apply" : "applies") to an animated figure; name a .gif or .webp --output")
        }
        var options = options
        if let fps {
            guard AnimationTimeline.fpsLimits.contains(fps) else {
                throw .usage("invalid --fps \(fps); expected a whole number from \(AnimationTimeline.fpsLimits.lowerBound) to \(AnimationTimeline.fpsLimits.upperBound) (frames under 20 ms play slowly in browsers)")
            }
            options.fps = fps
        }
        if let text = duration {
            let duration = try ValueParsing.number(text, option: "--duration", example: "6")
            guard AnimationTimeline.durationLimits.contains(duration) else {
                throw .usage("invalid --duration \(text); expected seconds from \(seconds(AnimationTimeline.durationLimits.lowerBound)) to \(seconds(AnimationTimeline.durationLimits.upperBound))")
            }
            options.duration = duration
        }
        return options
    }
}

/// A number of seconds as written in help and messages: `0.5`, `120`.
private func seconds(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
