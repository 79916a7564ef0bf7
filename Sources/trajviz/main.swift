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
// M_TRIM_THRESHOLD (−1), M_TOP_PAD (−2), M_MMAP_THRESHOLD (−3) and M_ARENA_MAX (−8).
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {  // RTLD_DEFAULT
    let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    _ = mallopt(-3, 4 << 20)
    _ = mallopt(-2, 8 << 20)
    _ = mallopt(-1, 32 << 20)
    if drawsOneFigure(CommandLine.arguments.dropFirst()) { useHugePages(mallopt) }
}

/// Whether the command line is the surface command (a figure, exports) and not an animation: the
/// only command whose heap ``useHugePages(_:)`` changes, so that no other command's threads share
/// one heap's lock. Its exports keep their time and peak memory (18 × 10⁵ steps to CSV: 0.7 s of
/// CPU either way, 36 MB peak against 43 MB).
func drawsOneFigure(_ arguments: ArraySlice<String>) -> Bool {
    guard let first = arguments.first, first.hasPrefix("-") || first == "plot" else { return false }
    return !arguments.contains { let a = $0.lowercased(); return a.hasSuffix(".gif") || a.hasSuffix(".webp") }
}

/// The heap that a figure's threads share, backed by 2 MiB pages where the kernel has them.
///
/// The default figure touches about 20 MB of fresh memory (contour segments, the pixels, the
/// filtered rows), 4,500 page faults of 4 KiB each, on every thread's own heap. With every thread
/// on the main heap (M_ARENA_MAX 1), and its first 28 MiB marked for transparent huge pages
/// (`madvise(MADV_HUGEPAGE)`, what glibc's `glibc.malloc.hugetlb=1` tunable does, which cannot be
/// set once the process runs), the faults drop to about 1,200 and the figure's CPU time by 8%,
/// with the same peak memory (issue 17). The heap is grown to that size at once by one block
/// (20 MiB and the 8 MiB pad, under the 32 MiB kept after a free) that is freed untouched.
func useHugePages(_ mallopt: @convention(c) (Int32, Int32) -> Int32) {
    _ = mallopt(-8, 1)
    _ = mallopt(-3, 32 << 20)  // the block comes from the heap, not from a mapping of its own
    defer { _ = mallopt(-3, 4 << 20) }
    guard let block = malloc(20 << 20) else { return }
    defer { free(block) }
    let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
    let start = (UInt(bitPattern: block) + page - 1) & ~(page - 1)
    let end = UInt(bitPattern: sbrk(0))
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), 14) }  // MADV_HUGEPAGE
}
#endif

TrajvizMain.run()
