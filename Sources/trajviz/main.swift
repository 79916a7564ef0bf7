import TrajvizCLI
#if canImport(Glibc)
import Glibc

// glibc's allocator, tuned for short runs that build and drop many arrays of a few hundred KB
// (contour segments, rows, bands): a fifth of the default figure's CPU time was the kernel
// zeroing fresh pages for them. Blocks under 4 MiB come from the heap and are reused once freed,
// the heap grows 8 MiB at a time and keeps up to 32 MiB it no longer needs: a quarter of the
// page faults go and the figure's CPU time drops about 15% (issue 17); an 18 × 10⁶-step CSV
// export peaks up to 18 MB higher (77 MB against 59 MB; it is allowed 100 MB). `mallopt` is not
// in Swift's Glibc module (malloc.h), so it is looked up by name; the parameters are malloc.h's
// M_TRIM_THRESHOLD (−1), M_TOP_PAD (−2) and M_MMAP_THRESHOLD (−3).
//
// No transparent huge pages: on a VM that hands free memory back to its host (virtio-balloon free
// page reporting, in 2 MiB blocks, two seconds after it is freed), a huge page is exactly such a
// block, and the host must fault it back in. The default figure marked its heap MADV_HUGEPAGE:
// 2-4 ms faster right after another run of itself, 30-60 ms slower once the memory had been
// reported, as it is after any large process (84.1 against 53.7 ms median, 8 rounds each right
// after torch + matplotlib's figure; issue 17).
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {  // RTLD_DEFAULT
    let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    _ = mallopt(-3, 4 << 20)
    _ = mallopt(-2, 8 << 20)
    _ = mallopt(-1, 32 << 20)
}

#endif

TrajvizMain.run()
