import ArgumentParser
import Plot

/// `--view 3d`: the surface as a shaded 3D view with the paths lifted onto it.
struct ViewOptions: ParsableArguments {
    enum View: String, ExpressibleByArgument, CaseIterable { case flat = "2d", solid = "3d" }

    @Option(name: .long, help: ArgumentHelp("'2d' (default): contours seen from above; '3d': a shaded surface with the paths lifted onto it, never hidden behind it."))
    var view: View?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("With --view 3d: degrees about the vertical axis from +x (\(Int(Camera3D.azimuthLimits.lowerBound))...\(Int(Camera3D.azimuthLimits.upperBound)); default -60, as matplotlib). Use --azimuth=-60 for negative values.", valueName: "DEG"))
    var azimuth: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("With --view 3d: degrees above the x-y plane (\(Int(Camera3D.elevationLimits.lowerBound))...\(Int(Camera3D.elevationLimits.upperBound)); default 30, as matplotlib).", valueName: "DEG"))
    var elevation: String?

    @Flag(name: .long, help: "With --view 3d and a .gif or .webp: turn the camera once around the finished paths instead of growing them.")
    var orbit = false

    /// The camera of a 3D view, or nil for the 2D figure; `animated`: the output is a .gif or .webp.
    func resolve(animated: Bool) throws(CLIError) -> (camera: Camera3D?, orbit: Bool) {
        let options = try resolve(over: SurfacePlotOptions(), animated: animated)
        return (options.camera, options.orbit)
    }

    /// `options` with the view given here: each option given replaces the one in `options` (a
    /// manifest's, when replaying), and `--view 2d` drops a recorded camera and orbit.
    /// `animated`: the output is a .gif or .webp.
    func resolve(over options: SurfacePlotOptions, animated: Bool) throws(CLIError) -> SurfacePlotOptions {
        var options = options
        if let view {
            options.view = view == .solid ? .solid : .flat
            if view == .flat { (options.azimuth, options.elevation, options.orbit) = (nil, nil, false) }
        }
        guard options.view == .solid else {
            let given = [azimuth.map { _ in "--azimuth" }, elevation.map { _ in "--elevation" }, orbit ? "--orbit" : nil].compactMap { $0 }
            if !given.isEmpty {
                throw .usage("\(given.joined(separator: ", ")) \(given.count > 1 ? "need" : "needs") --view 3d")
            }
            return options
        }
        if orbit && !animated { throw .usage("--orbit needs an animated figure; name a .gif or .webp --output") }
        if orbit { options.orbit = true }
        if let azimuth {
            options.azimuth = try ValueParsing.number(azimuth, option: "--azimuth", example: "-60")
            guard Camera3D.azimuthLimits.contains(options.azimuth!) else {
                throw .usage("invalid --azimuth \(azimuth); expected degrees from -360 to 360")
            }
        }
        if let elevation {
            options.elevation = try ValueParsing.number(elevation, option: "--elevation", example: "30")
            guard Camera3D.elevationLimits.contains(options.elevation!) else {
                throw .usage("invalid --elevation \(elevation); expected degrees from -90 to 90")
            }
        }
        return options
    }
}
