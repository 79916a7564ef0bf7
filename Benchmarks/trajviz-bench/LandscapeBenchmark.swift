import Foundation
import Jobs
import Landscape
import Models
import MNIST
#if canImport(Glibc)
import Glibc
#endif

/// `trajviz-bench landscape [--grid N] [--records R] [--hidden H] [--way shared|naive] [--write DIR]`
///
/// Evaluates the loss of the MNIST MLP (784-H-10, ReLU, weights from seed 0) over an N × N grid of
/// the plane through those weights spanned by two filter-normalized random directions (seed 1),
/// α, β in [−1, 1], on the first R bundled training records, and prints one line of `key=value`
/// fields: `grid_seconds` (the grid alone, in-process, every core), `setup_seconds` (data, plane),
/// the loss at the centre and the smallest and largest loss.
///
/// * `--way shared` (default): trajviz's way, the first layer's three GEMMs shared by the whole grid
///   (`PlaneEvaluator`).
/// * `--way naive`: the loss-landscape way, in Swift: every grid point's weights formed and run
///   through the whole network; the same job split over the cores.
/// * `--write DIR`: also writes the plane, the records and the grid's losses as raw little-endian
///   arrays (origin.f32, u.f32, v.f32, inputs.f32, labels.u8, loss.f64, meta.txt) for
///   scripts/bench/torch_landscape.py, which evaluates the same grid with torch and checks the values.
func runLandscapeBenchmark(_ arguments: [String]) {
    var n = 51, records = 2000, hidden = [128], way = "shared"
    var write: String? = nil
    var i = 0
    func value() -> String {
        i += 1
        guard i < arguments.count else { landscapeFail("\(arguments[i - 1]) needs a value") }
        return arguments[i]
    }
    while i < arguments.count {
        switch arguments[i] {
        case "--grid": n = Int(value()) ?? 0
        case "--records": records = Int(value()) ?? 0
        case "--hidden": hidden = value().split(separator: ",").map { Int($0) ?? 0 }
        case "--way": way = value()
        case "--write": write = value()
        default: landscapeFail("unknown argument \(arguments[i])")
        }
        i += 1
    }
    guard n >= 2, records > 0, hidden.allSatisfy({ $0 > 0 }), ["shared", "naive"].contains(way) else { landscapeFail("bad arguments") }
    do { try BLAS.load(threads: 1) } catch { landscapeFail(error.description) }

    let setupStart = benchNow()
    let data: MNISTDataset
    do { data = try MNISTDataset.bundled() } catch { landscapeFail(error.description) }
    let f = data.train.features
    guard records <= data.train.count else { landscapeFail("at most \(data.train.count) records") }
    let net: Model
    do { net = try Model.mlp(inputs: f, hidden: hidden, outputs: 10, activation: .relu) } catch { landscapeFail(error.description) }
    let evaluator = PlaneEvaluator(network: net, inputs: Array(data.train.images[0..<(records * f)]),
                                   labels: Array(data.train.labels[0..<records]))
    let centre = net.initialParameters(seed: 0)
    let rows = FilterRows(model: net)
    let plane = randomPlane(center: centre, rows: rows, seed: 1)
    let setupSeconds = benchNow() - setupStart

    let start = benchNow()
    let loss: [Double]
    if way == "shared" {
        loss = LossGrid.evaluate(evaluator, plane: plane, alpha: -1...1, beta: -1...1, count: n).loss
    } else {
        let xs = LossGrid.lattice(-1...1, count: n)
        let points = xs.flatMap { b in xs.map { a in (a, b) } }
        loss = parallelMap(points) { p in evaluator.evaluate(plane.point(p.0, p.1)).loss }
    }
    let seconds = benchNow() - start
    print("way=\(way) grid=\(n) records=\(records) hidden=\(hidden.map(String.init).joined(separator: ",")) jobs=\(Jobs.workerCount) "
          + "grid_seconds=\(seconds) setup_seconds=\(setupSeconds) centre_loss=\(loss[(n / 2) * n + n / 2]) "
          + "min_loss=\(loss.min()!) max_loss=\(loss.max()!)")

    if let write {
        let folder = URL(fileURLWithPath: write)
        func save<T>(_ values: [T], _ name: String) {
            let bytes = values.withUnsafeBytes { Data($0) }
            do { try bytes.write(to: folder.appendingPathComponent(name)) } catch { landscapeFail("cannot write \(name): \(error)") }
        }
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch { landscapeFail("\(error)") }
        save(plane.origin, "origin.f32"); save(plane.u, "u.f32"); save(plane.v, "v.f32")
        save(evaluator.inputs, "inputs.f32"); save(evaluator.labels, "labels.u8"); save(loss, "loss.f64")
        let meta = "grid=\(n)\nrecords=\(records)\nsizes=\(([f] + hidden + [10]).map(String.init).joined(separator: ","))\n"
        save(Array(meta.utf8), "meta.txt")
    }
}

private func benchNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

private func landscapeFail(_ message: String) -> Never {
    var bytes = Array("trajviz-bench landscape: \(message)\n".utf8)
    _ = Glibc.write(2, &bytes, bytes.count)
    exit(2)
}
