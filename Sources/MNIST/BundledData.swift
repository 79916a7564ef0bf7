import Foundation

/// The folder holding the bundled subset, found without `Bundle.module`.
///
/// SwiftPM's generated `Bundle.module` calls `fatalError` when the resource bundle is missing
/// (say, a binary copied without its `trajviz_MNIST.resources` folder). A missing data set is a
/// user-facing condition, so this looks in the same places itself and throws instead: beside the
/// running executable (how SwiftPM lays out `.build/<config>/` and an installed copy), beside
/// `Bundle.main`, and in the directories of the test bundles loaded in this process.
///
/// - Throws: ``MNISTError/bundleMissing(searched:)`` listing every place looked in.
public func bundledDataFolder() throws(MNISTError) -> String {
    let bundleName = "trajviz_MNIST.resources"
    var roots: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        roots.append((exe as NSString).deletingLastPathComponent)
    }
    roots.append(Bundle.main.bundleURL.path)
    if let executable = Bundle.main.executableURL {
        roots.append(executable.deletingLastPathComponent().path)
    }
    roots += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().path }
    var searched: [String] = []
    for root in roots {
        let candidate = (root as NSString).appendingPathComponent(bundleName)
        if searched.contains(candidate) { continue }
        searched.append(candidate)
        // `.copy("Data")` keeps the folder's name inside the bundle.
        let data = (candidate as NSString).appendingPathComponent("Data")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory), isDirectory.boolValue {
            return data
        }
    }
    throw .bundleMissing(searched: searched)
}
