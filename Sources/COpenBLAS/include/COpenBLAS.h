#ifndef TRAJVIZ_COPENBLAS_H
#define TRAJVIZ_COPENBLAS_H
// OpenBLAS, loaded at run time (dlopen) by the one command that trains a model, so that every other
// command starts without it: no library to map, no thread pool. Also the CPU's vector features
// (cpuid), from which MLP/BLAS.swift chooses the kernel set before the library is loaded.
//
// Nothing here links libopenblas: the only way in is trajviz_openblas_open.
#include <stddef.h>

/// The CPU features that decide which OpenBLAS kernels can run, read with cpuid and xgetbv.
/// Every field is 0 on a CPU that is not x86-64.
typedef struct {
    /// "GenuineIntel", "AuthenticAMD", "HygonGenuine", ... (NUL-terminated).
    char vendor[13];
    /// Display family and model, as OpenBLAS and /proc/cpuinfo compute them.
    unsigned family, model;
    int sse3, avx, fma, avx2;
    int avx512f, avx512cd, avx512bw, avx512dq, avx512vl, avx512bf16;
    /// The operating system saves the YMM state (XCR0 bits 1 and 2): AVX code may run.
    int os_avx;
    /// The operating system also saves the opmask and ZMM state (XCR0 bits 5 to 7).
    int os_avx512;
} trajviz_cpu_features;

/// Fills `out` from cpuid (leaves 0, 1, 7) and xgetbv.
void trajviz_read_cpu_features(trajviz_cpu_features *out);

/// CBLAS constants (the values of cblas.h's enums).
enum { TRAJVIZ_CBLAS_ROW_MAJOR = 101, TRAJVIZ_CBLAS_NO_TRANS = 111, TRAJVIZ_CBLAS_TRANS = 112,
       TRAJVIZ_CBLAS_UPPER = 121, TRAJVIZ_CBLAS_LOWER = 122 };

/// `cblas_sgemm`, with the enums as their int values.
typedef void (*trajviz_sgemm_fn)(int order, int trans_a, int trans_b, int m, int n, int k, float alpha,
                                 const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);

/// `cblas_ssyrk`: C <- alpha·A·Aᵀ + beta·C (or Aᵀ·A), one triangle of C.
typedef void (*trajviz_ssyrk_fn)(int order, int uplo, int trans, int n, int k, float alpha,
                                 const float *a, int lda, float beta, float *c, int ldc);

/// LAPACK's `dsyevr` (Fortran interface, every argument by reference): selected eigenvalues and
/// eigenvectors of a real symmetric matrix. OpenBLAS bundles LAPACK; Debian's libopenblas0 exports it.
typedef void (*trajviz_dsyevr_fn)(const char *jobz, const char *range, const char *uplo, const int *n, double *a,
                                  const int *lda, const double *vl, const double *vu, const int *il, const int *iu,
                                  const double *abstol, int *m, double *w, double *z, const int *ldz, int *isuppz,
                                  double *work, const int *lwork, int *iwork, const int *liwork, int *info);

/// The functions trajviz uses from a loaded OpenBLAS.
typedef struct {
    void *handle;
    trajviz_sgemm_fn sgemm;
    /// The Gram matrix of the landscape's recorded weights (Sources/Landscape).
    trajviz_ssyrk_fn ssyrk;
    /// The eigenvectors of that Gram matrix.
    trajviz_dsyevr_fn dsyevr;
    void (*set_num_threads)(int);
    int (*get_num_threads)(void);
    /// The kernel set in use ("Haswell", "SkylakeX", "Prescott", ...).
    char *(*get_corename)(void);
    /// Version and build options ("OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64").
    char *(*get_config)(void);
} trajviz_openblas;

/// Loads libopenblas.so.0 (its constructor reads OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS from
/// the environment now) and resolves every function. Returns 0, or -1 with dlerror's message in
/// `error` (at most `capacity` bytes, NUL-terminated) and nothing loaded.
int trajviz_openblas_open(trajviz_openblas *lib, char *error, size_t capacity);

#endif
