import COpenBLAS

/// The GEMMs of the MLP, through OpenBLAS's `cblas_sgemm` (row-major, single precision).
enum BLAS {
    /// C[m×n] <- alpha · op(A) · op(B) + beta · C, all row-major; `op` transposes when asked.
    /// `lda`, `ldb` are the row lengths of A and B as stored.
    @inline(__always)
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                     alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
                     _ b: UnsafePointer<Float>, ldb: Int,
                     beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// The number of threads OpenBLAS uses for every GEMM in this process.
///
/// At the MLP's sizes (batch 100, 784×128) one thread is usually as fast as two: the matrices
/// are small enough that waking a second thread costs about what it saves. The benchmark
/// measures both (`trajviz-bench mnist --threads N`).
public enum BLASThreads {
    public static func set(_ count: Int) {
        precondition(count > 0, "thread count must be positive")
        openblas_set_num_threads(Int32(count))
    }
    public static var current: Int { Int(openblas_get_num_threads()) }
}
