import COpenBLAS
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The CPU's vector features, as far as they decide which OpenBLAS kernels can run.
public struct CPUFeatures: Sendable, Hashable {
    /// cpuid's vendor string: "GenuineIntel", "AuthenticAMD", "HygonGenuine", ...
    public var vendor: String
    public var family: Int
    public var model: Int
    /// AVX2 and FMA in the CPU, and the YMM state saved by the operating system.
    public var avx2: Bool
    /// AVX-512 F, CD, BW, DQ and VL (what OpenBLAS's SkylakeX kernels use) in the CPU, and the
    /// ZMM and opmask state saved by the operating system.
    public var avx512: Bool
    /// AVX-512 BF16 (Cooper Lake and later; OpenBLAS's Cooperlake kernels).
    public var avx512bf16: Bool

    public init(vendor: String, family: Int = 0, model: Int = 0, avx2: Bool, avx512: Bool, avx512bf16: Bool = false) {
        self.vendor = vendor; self.family = family; self.model = model
        self.avx2 = avx2; self.avx512 = avx512; self.avx512bf16 = avx512bf16
    }

    /// This machine's, from cpuid and xgetbv.
    public static let current: CPUFeatures = {
        var f = trajviz_cpu_features()
        trajviz_read_cpu_features(&f)
        let vendor = withUnsafeBytes(of: f.vendor) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let avx2 = f.avx != 0 && f.avx2 != 0 && f.fma != 0 && f.os_avx != 0
        let avx512 = avx2 && f.os_avx512 != 0 && f.avx512f != 0 && f.avx512cd != 0 && f.avx512bw != 0
            && f.avx512dq != 0 && f.avx512vl != 0
        return CPUFeatures(vendor: vendor, family: Int(f.family), model: Int(f.model), avx2: avx2, avx512: avx512,
                           avx512bf16: avx512 && f.avx512bf16 != 0)
    }()

    /// "AVX-512, AVX2, FMA" or "SSE only": for messages.
    public var summary: String {
        var parts: [String] = []
        if avx512 { parts.append(avx512bf16 ? "AVX-512 with BF16" : "AVX-512") }
        if avx2 { parts.append("AVX2, FMA") }
        return parts.isEmpty ? "no AVX2" : parts.joined(separator: ", ")
    }
}

/// Which of OpenBLAS's kernel sets (its `OPENBLAS_CORETYPE` names) trajviz asks for.
///
/// OpenBLAS built with `DYNAMIC_ARCH` (Debian's is) picks a kernel set when it loads, from the CPU's
/// vendor, family and model. A CPU newer than the library is not in its tables: Debian's 0.3.21 on
/// an Emerald Rapids Xeon (family 6, model 207) falls back to `Prescott`, SSE3 kernels whose GEMMs
/// are 3.6 times slower than the AVX2 ones at the MLP's sizes, a whole epoch 2.4 times
/// (scripts/bench-blas.sh forces each kernel set in turn). The features say what
/// the CPU can run whatever its model number, so trajviz chooses from them, the same set OpenBLAS
/// itself picks on every CPU it knows:
///
/// | features (CPU and OS)            | kernel set   |
/// | -------------------------------- | ------------ |
/// | AVX-512 F/CD/BW/DQ/VL and BF16   | `Cooperlake` |
/// | AVX-512 F/CD/BW/DQ/VL            | `SkylakeX`   |
/// | AVX2 and FMA, AMD or Hygon       | `Zen`        |
/// | AVX2 and FMA, other vendors      | `Haswell`    |
/// | less                             | OpenBLAS's own choice (its tables cover every such CPU) |
///
/// Only sets whose instructions the CPU and the operating system both support are chosen, so the
/// choice never trades correctness for speed; `OPENBLAS_CORETYPE` set by the user wins.
public enum OpenBLASKernels {
    /// The kernel set for `features`, or nil to leave the choice to OpenBLAS.
    public static func choose(for features: CPUFeatures) -> String? {
        if features.avx512 { return features.avx512bf16 ? "Cooperlake" : "SkylakeX" }
        if features.avx2 { return ["AuthenticAMD", "HygonGenuine"].contains(features.vendor) ? "Zen" : "Haswell" }
        return nil
    }

    /// OpenBLAS's x86 kernel sets that use no AVX at all: what it falls back to on a CPU it does not know.
    public static let withoutAVX: Set<String> = [
        "Katmai", "Coppermine", "Northwood", "Prescott", "Banias", "Atom", "Core2", "Penryn", "Dunnington",
        "Nehalem", "Athlon", "Opteron", "Opteron_SSE3", "Barcelona", "Nano", "Bobcat",
    ]
}

/// Which BLAS runs the MLP's GEMMs, and why those kernels.
public struct BLASInfo: Sendable, Hashable {
    /// Where the kernel set came from.
    public enum KernelSource: Sendable, Hashable {
        /// `OPENBLAS_CORETYPE` was set in the environment.
        case environment
        /// Chosen by trajviz from the CPU's features (``OpenBLASKernels/choose(for:)``).
        case cpuFeatures(CPUFeatures)
        /// OpenBLAS's own detection (a CPU without AVX2, or another architecture).
        case library
    }

    /// `openblas_get_config()`: "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64".
    public var configuration: String
    /// `openblas_get_corename()`: the kernel set in use, e.g. "Haswell".
    public var kernels: String
    public var source: KernelSource
    public var threads: Int

    /// One line for `trajviz mnist --verbose`.
    public var description: String {
        let version = configuration.split(separator: " ").prefix(2).joined(separator: " ")
        let why: String
        switch source {
        case .environment: why = "set by OPENBLAS_CORETYPE"
        case .cpuFeatures(let f): why = "chosen from the CPU's features: \(f.summary)"
        case .library: why = "OpenBLAS's own choice"
        }
        return "BLAS: \(version), \(kernels) kernels (\(why)), \(threads) thread\(threads == 1 ? "" : "s")"
    }
}

/// The GEMMs of the MLP, through OpenBLAS's `cblas_sgemm` (row-major, single precision).
///
/// OpenBLAS is loaded on first use, not when trajviz starts: commands that draw surfaces never
/// map it or start its threads.
public enum BLAS {
    /// A loaded library's functions. `@unchecked Sendable`: written once, before any reader can see
    /// it (a `static let`), and OpenBLAS's functions may be called from any thread.
    private struct Loaded: @unchecked Sendable {
        let functions: trajviz_openblas
        let source: BLASInfo.KernelSource
    }

    /// The library, loaded once per process by the first call to ``load(threads:)`` or ``gemm``.
    private static let library: Result<Loaded, ModelError> = {
        // OpenBLAS reads these once, in its constructor: they must be in the environment before
        // dlopen. Values the user set are kept; ours are removed again afterwards, so that no
        // child process inherits them.
        var ours: [String] = []
        func setIfUnset(_ name: String, _ value: String) {
            guard getenv(name) == nil else { return }
            setenv(name, value, 0)
            ours.append(name)
        }
        let source: BLASInfo.KernelSource
        if getenv("OPENBLAS_CORETYPE") != nil {
            source = .environment
        } else if let kernels = OpenBLASKernels.choose(for: .current) {
            setIfUnset("OPENBLAS_CORETYPE", kernels)
            source = .cpuFeatures(.current)
        } else {
            source = .library
        }
        // One thread unless asked for more: OpenBLAS then starts no thread pool at all
        // (openblas_set_num_threads adds threads later when a caller wants them).
        if !threadsSetByUser { setIfUnset("OPENBLAS_NUM_THREADS", "1") }
        defer { for name in ours { unsetenv(name) } }

        var functions = trajviz_openblas()
        var error = [CChar](repeating: 0, count: 512)
        guard trajviz_openblas_open(&functions, &error, error.count) == 0 else {
            let message = error.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return .failure(.blasUnavailable(message))
        }
        return .success(Loaded(functions: functions, source: source))
    }()

    /// The environment variables through which a user sets OpenBLAS's thread count.
    public static let threadVariables = ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"]

    /// Whether the user set OpenBLAS's thread count in the environment (then it is theirs to choose).
    public static var threadsSetByUser: Bool { threadVariables.contains { getenv($0) != nil } }

    /// Loads OpenBLAS if it is not loaded yet and, when `threads` is given, makes every GEMM use
    /// that many threads (one by default: at the MLP's sizes one is usually as fast as two, see
    /// `trajviz-bench mnist --threads N`).
    ///
    /// - Throws: ``ModelError/blasUnavailable(_:)`` when libopenblas.so.0 cannot be loaded.
    @discardableResult
    public static func load(threads: Int? = nil) throws(ModelError) -> BLASInfo {
        let loaded = try library.get()
        let f = loaded.functions
        // Every pointer was checked non-null by trajviz_openblas_open.
        if let threads {
            precondition(threads > 0, "thread count must be positive")
            threadState.withLock { state in
                state.configured = threads
                // Callers running their own threads keep OpenBLAS on one until they are done.
                if state.singleThreaded == 0 { f.set_num_threads!(Int32(threads)) }
            }
        }
        func text(_ s: UnsafeMutablePointer<CChar>?) -> String { s.map { String(cString: $0) } ?? "unknown" }
        return BLASInfo(configuration: text(f.get_config!()), kernels: text(f.get_corename!()),
                        source: loaded.source, threads: BLAS.threads)
    }

    /// The thread count asked of OpenBLAS (``load(threads:)``, or its own from the environment), and
    /// how many callers currently run their own threads with OpenBLAS on one (``beginOneThreadPerCall()``).
    private static let threadState = Mutex<(configured: Int?, singleThreaded: Int)>((nil, 0))

    /// The thread count asked of OpenBLAS: the last ``load(threads:)`` given one, else OpenBLAS's own
    /// at load (`OPENBLAS_NUM_THREADS`, 1 by default here). Not changed by ``beginOneThreadPerCall()``,
    /// so that runs started at the same time see the same count.
    ///
    /// - Precondition: OpenBLAS is loaded (``load(threads:)``).
    public static var threads: Int {
        guard case .success(let lib) = library else { preconditionFailure("OpenBLAS is not loaded: call BLAS.load() first") }
        return threadState.withLock { state in
            if let n = state.configured { return n }
            let n = Int(lib.functions.get_num_threads!())
            state.configured = n
            return n
        }
    }

    /// Puts every OpenBLAS call on one thread, for a caller that runs its own threads
    /// (``DataParallel``), until it calls ``endOneThreadPerCall()``; the count of ``threads`` comes
    /// back when the last such caller is done.
    ///
    /// - Precondition: OpenBLAS is loaded (``load(threads:)``).
    static func beginOneThreadPerCall() {
        guard case .success(let lib) = library else { preconditionFailure("OpenBLAS is not loaded: call BLAS.load() first") }
        _ = threads   // fixes the configured count before it is changed
        threadState.withLock { state in
            if state.singleThreaded == 0 { lib.functions.set_num_threads!(1) }
            state.singleThreaded += 1
        }
    }

    /// Ends one ``beginOneThreadPerCall()``.
    static func endOneThreadPerCall() {
        guard case .success(let lib) = library else { preconditionFailure("OpenBLAS is not loaded: call BLAS.load() first") }
        threadState.withLock { state in
            precondition(state.singleThreaded > 0, "endOneThreadPerCall without beginOneThreadPerCall")
            state.singleThreaded -= 1
            if state.singleThreaded == 0, let n = state.configured { lib.functions.set_num_threads!(Int32(n)) }
        }
    }

    /// C[m×n] <- alpha · op(A) · op(B) + beta · C, all row-major; `op` transposes when asked.
    /// `lda`, `ldb` are the row lengths of A and B as stored.
    ///
    /// - Precondition: OpenBLAS can be loaded (``train(_:label:name:schedule:model:loss:train:test:config:initialParameters:record:progress:)``
    ///   checks with ``load(threads:)`` first and throws instead).
    @inline(__always)
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                     alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
                     _ b: UnsafePointer<Float>, ldb: Int,
                     beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard case .success(let lib) = library else { preconditionFailure("OpenBLAS is not loaded: call BLAS.load() first") }
        let noTrans = Int32(TRAJVIZ_CBLAS_NO_TRANS), trans = Int32(TRAJVIZ_CBLAS_TRANS)
        lib.functions.sgemm!(Int32(TRAJVIZ_CBLAS_ROW_MAJOR), transA ? trans : noTrans, transB ? trans : noTrans,
                            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C[n×n] <- alpha · A·Aᵀ + beta · C for a row-major A of n rows of length k (`lda` as stored);
    /// only C's lower triangle (j ≤ i) is written. Half the work of the same product by ``gemm``.
    ///
    /// - Precondition: OpenBLAS is loaded (``load(threads:)``).
    public static func syrkLower(n: Int, k: Int, alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
                                 beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard case .success(let lib) = library else { preconditionFailure("OpenBLAS is not loaded: call BLAS.load() first") }
        lib.functions.ssyrk!(Int32(TRAJVIZ_CBLAS_ROW_MAJOR), Int32(TRAJVIZ_CBLAS_LOWER), Int32(TRAJVIZ_CBLAS_NO_TRANS),
                            Int32(n), Int32(k), alpha, a, Int32(lda), beta, c, Int32(ldc))
    }

    /// The `count` largest eigenvalues of a symmetric n×n matrix (row-major, its lower triangle
    /// read) and their unit eigenvectors, largest first, by LAPACK's `dsyevr` (relatively robust
    /// representations: O(n²) per eigenvector after the O(n³) reduction to tridiagonal form).
    ///
    /// - Returns: the eigenvalues, and the eigenvectors as `count` arrays of n values; nil when
    ///   LAPACK reports a failure to converge.
    /// - Precondition: OpenBLAS is loaded (``load(threads:)``), `matrix.count == n * n`, 1 ≤ count ≤ n.
    public static func largestEigenpairs(of matrix: [Double], n: Int, count: Int) -> (values: [Double], vectors: [[Double]])? {
        guard case .success(let lib) = library else { preconditionFailure("OpenBLAS is not loaded: call BLAS.load() first") }
        precondition(matrix.count == n * n && count >= 1 && count <= n, "an n×n matrix and 1 ≤ count ≤ n")
        // LAPACK is column-major: the row-major lower triangle is its upper triangle.
        var a = matrix
        var jobz = CChar(UInt8(ascii: "V")), range = CChar(UInt8(ascii: "I")), uplo = CChar(UInt8(ascii: "U"))
        var nn = Int32(n), lda = Int32(n), il = Int32(n - count + 1), iu = Int32(n), ldz = Int32(n)
        var vl = 0.0, vu = 0.0, abstol = 0.0
        var found: Int32 = 0, info: Int32 = 0
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * count)
        var isuppz = [Int32](repeating: 0, count: 2 * count)
        // A workspace query first (lwork = liwork = −1), then the call.
        var lwork: Int32 = -1, liwork: Int32 = -1
        var workSize = 0.0
        var iworkSize: Int32 = 0
        lib.functions.dsyevr!(&jobz, &range, &uplo, &nn, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz,
                             &isuppz, &workSize, &lwork, &iworkSize, &liwork, &info)
        guard info == 0 else { return nil }
        lwork = Int32(workSize); liwork = iworkSize
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        lib.functions.dsyevr!(&jobz, &range, &uplo, &nn, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz,
                             &isuppz, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0, Int(found) == count else { return nil }
        // dsyevr gives ascending order; column k of z (column-major) is the k-th vector.
        let order = (0..<count).reversed()
        return (order.map { w[$0] }, order.map { k in Array(z[(k * n)..<((k + 1) * n)]) })
    }
}
