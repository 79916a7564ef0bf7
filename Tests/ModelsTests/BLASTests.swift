#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Models

/// The kernel set trajviz asks OpenBLAS for, from the CPU's features.
@Suite struct OpenBLASKernelChoiceTests {
    @Test func newerThanTheLibraryGetsTheKernelsItsFeaturesSupport() {
        // The Xeon of issue 17 (family 6, model 207: Emerald Rapids), unknown to OpenBLAS 0.3.21,
        // which falls back to Prescott on it.
        let emeraldRapids = CPUFeatures(vendor: "GenuineIntel", family: 6, model: 207, avx2: true, avx512: true, avx512bf16: true)
        #expect(OpenBLASKernels.choose(for: emeraldRapids) == "Cooperlake")
        let withoutBF16 = CPUFeatures(vendor: "GenuineIntel", family: 6, model: 85, avx2: true, avx512: true)
        #expect(OpenBLASKernels.choose(for: withoutBF16) == "SkylakeX")
        // Zen 4 has AVX-512 and BF16; 0.3.21 does not use them on it.
        let zen4 = CPUFeatures(vendor: "AuthenticAMD", family: 25, model: 17, avx2: true, avx512: true, avx512bf16: true)
        #expect(OpenBLASKernels.choose(for: zen4) == "Cooperlake")
    }

    @Test func avx2GetsTheVendorsAVX2Kernels() {
        #expect(OpenBLASKernels.choose(for: CPUFeatures(vendor: "GenuineIntel", family: 6, model: 158, avx2: true, avx512: false)) == "Haswell")
        #expect(OpenBLASKernels.choose(for: CPUFeatures(vendor: "AuthenticAMD", family: 25, model: 1, avx2: true, avx512: false)) == "Zen")
        #expect(OpenBLASKernels.choose(for: CPUFeatures(vendor: "HygonGenuine", family: 24, model: 1, avx2: true, avx512: false)) == "Zen")
    }

    @Test func withoutAVX2TheLibraryChooses() {
        #expect(OpenBLASKernels.choose(for: CPUFeatures(vendor: "GenuineIntel", family: 6, model: 42, avx2: false, avx512: false)) == nil)
        #expect(OpenBLASKernels.choose(for: CPUFeatures(vendor: "", avx2: false, avx512: false)) == nil)
    }

    @Test func neverChoosesWhatTheCPUCannotRun() {
        for vendor in ["GenuineIntel", "AuthenticAMD", "CentaurHauls"] {
            for (avx2, avx512, bf16) in [(false, false, false), (true, false, false), (true, true, false), (true, true, true)] {
                let f = CPUFeatures(vendor: vendor, avx2: avx2, avx512: avx512, avx512bf16: bf16)
                switch OpenBLASKernels.choose(for: f) {
                case "SkylakeX", "Cooperlake": #expect(avx512)
                case "Haswell", "Zen": #expect(avx2)
                case nil: #expect(!avx2)
                case let other: Issue.record("unexpected kernel set \(other!)")
                }
            }
        }
    }
}

/// The library as loaded in this process.
@Suite struct BLASLoadingTests {
    /// On a CPU with AVX2 (or AVX-512), the GEMMs never run on OpenBLAS's SSE fallback. Skipped on
    /// a CPU without AVX2 (the choice is OpenBLAS's there) and when the user set OPENBLAS_CORETYPE.
    @Test(.enabled(if: CPUFeatures.current.avx2, "the CPU has no AVX2"),
          .enabled(if: getenv("OPENBLAS_CORETYPE") == nil, "OPENBLAS_CORETYPE is set"))
    func kernelsUseTheCPUsVectorUnits() throws {
        let cpu = CPUFeatures.current
        let info = try BLAS.load()
        #expect(!OpenBLASKernels.withoutAVX.contains(info.kernels), "\(info.description) on a CPU with \(cpu.summary)")
        #expect(info.kernels == OpenBLASKernels.choose(for: cpu), "\(info.description)")
        #expect(info.source == .cpuFeatures(cpu))
        #expect(info.configuration.hasPrefix("OpenBLAS "))
        // Ours was removed from the environment once the library had read it.
        #expect(getenv("OPENBLAS_CORETYPE") == nil)
    }

    /// Whatever kernels were chosen, every GEMM shape the MLP uses gives the plain sums.
    @Test(arguments: [(false, true), (true, false), (false, false)])
    func gemmMatchesPlainSums(_ transA: Bool, _ transB: Bool) throws {
        try BLAS.load()
        // Odd sizes, so that every kernel's edge cases run.
        let m = 37, n = 29, k = 131
        var seed: UInt64 = 5
        func next() -> Float {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(seed >> 40) % 2001 - 1000) / 1000
        }
        let a = (0..<(m * k)).map { _ in next() }, b = (0..<(k * n)).map { _ in next() }
        let c0 = (0..<(m * n)).map { _ in next() }
        // A is m×k (stored k×m when transposed), B is k×n (stored n×k when transposed).
        func aAt(_ i: Int, _ p: Int) -> Double { Double(transA ? a[p * m + i] : a[i * k + p]) }
        func bAt(_ p: Int, _ j: Int) -> Double { Double(transB ? b[j * k + p] : b[p * n + j]) }
        var c = c0
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
            BLAS.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5, a.baseAddress!, lda: transA ? m : k,
                      b.baseAddress!, ldb: transB ? k : n, beta: 2, c.baseAddress!, ldc: n)
        } } }
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0, magnitude = 0.0
                for p in 0..<k { sum += aAt(i, p) * bAt(p, j); magnitude += abs(aAt(i, p) * bAt(p, j)) }
                let expected = 0.5 * sum + 2 * Double(c0[i * n + j])
                // The rounding bound of k Float additions: k · 2⁻²⁴ of the magnitudes summed.
                let bound = Double(k + 2) * 0x1p-24 * (0.5 * magnitude + 2 * abs(Double(c0[i * n + j])))
                #expect(abs(Double(c[i * n + j]) - expected) <= bound,
                        "C[\(i),\(j)] = \(c[i * n + j]), expected \(expected)")
            }
        }
    }
}
