#include "COpenBLAS.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned long long read_xcr0(void) {
    unsigned int lo, hi;
    // xgetbv with ecx = 0; only valid when cpuid reports OSXSAVE (checked by the caller).
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}
#endif

void trajviz_read_cpu_features(trajviz_cpu_features *out) {
    memset(out, 0, sizeof *out);
#if defined(__x86_64__) || defined(__i386__)
    unsigned int a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d)) return;
    unsigned int max_leaf = a;
    memcpy(out->vendor, &b, 4);
    memcpy(out->vendor + 4, &d, 4);
    memcpy(out->vendor + 8, &c, 4);
    out->vendor[12] = 0;

    __get_cpuid(1, &a, &b, &c, &d);
    unsigned int base_family = (a >> 8) & 0xF, base_model = (a >> 4) & 0xF;
    out->family = base_family == 0xF ? base_family + ((a >> 20) & 0xFF) : base_family;
    out->model = (base_family == 0x6 || base_family == 0xF) ? (((a >> 16) & 0xF) << 4) + base_model : base_model;
    out->sse3 = (c >> 0) & 1;
    out->fma = (c >> 12) & 1;
    int osxsave = (c >> 27) & 1;
    out->avx = (c >> 28) & 1;

    unsigned long long xcr0 = osxsave ? read_xcr0() : 0;
    out->os_avx = (xcr0 & 0x6) == 0x6;
    out->os_avx512 = out->os_avx && (xcr0 & 0xE0) == 0xE0;

    if (max_leaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        out->avx2 = (b >> 5) & 1;
        out->avx512f = (b >> 16) & 1;
        out->avx512dq = (b >> 17) & 1;
        out->avx512cd = (b >> 28) & 1;
        out->avx512bw = (b >> 30) & 1;
        out->avx512vl = (b >> 31) & 1;
        unsigned int max_sub = a;
        if (max_sub >= 1) {
            __cpuid_count(7, 1, a, b, c, d);
            out->avx512bf16 = (a >> 5) & 1;
        }
    }
#endif
}

int trajviz_openblas_open(trajviz_openblas *lib, char *error, size_t capacity) {
    memset(lib, 0, sizeof *lib);
    // RTLD_LOCAL: its symbols serve only the pointers below, never another library's lookups.
    void *handle = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(error, capacity, "%s", dlerror());
        return -1;
    }
    lib->handle = handle;
    lib->sgemm = (trajviz_sgemm_fn)dlsym(handle, "cblas_sgemm");
    lib->ssyrk = (trajviz_ssyrk_fn)dlsym(handle, "cblas_ssyrk");
    lib->dsyevr = (trajviz_dsyevr_fn)dlsym(handle, "dsyevr_");
    lib->set_num_threads = (void (*)(int))dlsym(handle, "openblas_set_num_threads");
    lib->get_num_threads = (int (*)(void))dlsym(handle, "openblas_get_num_threads");
    lib->get_corename = (char *(*)(void))dlsym(handle, "openblas_get_corename");
    lib->get_config = (char *(*)(void))dlsym(handle, "openblas_get_config");
    if (!lib->sgemm || !lib->ssyrk || !lib->dsyevr || !lib->set_num_threads || !lib->get_num_threads || !lib->get_corename || !lib->get_config) {
        snprintf(error, capacity, "libopenblas.so.0 lacks cblas_sgemm, cblas_ssyrk, dsyevr_ or openblas_get_corename: not OpenBLAS with LAPACK?");
        dlclose(handle);
        memset(lib, 0, sizeof *lib);
        return -1;
    }
    return 0;
}
