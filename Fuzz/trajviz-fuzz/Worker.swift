import Foundation
import FuzzGenerators
#if canImport(Glibc)
import Glibc
#endif

/// The child process: runs inputs `from..<to` of one target, recording each in the state file
/// before running it.
enum Worker {
    static func run(target: FuzzTarget, seed: UInt64, from: Int, to: Int, state: StateFile, corpus: [[UInt8]],
                    memoryMB: Int) -> Int32 {
        // A huge allocation fails here, as a crash, rather than swapping the machine to a halt.
        var limit = rlimit(rlim_cur: rlim_t(memoryMB) << 20, rlim_max: rlim_t(memoryMB) << 20)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        for i in from..<to {
            let bytes = target.input(at: i, seed: seed, corpus: corpus)
            state.store(bytes, index: i)
            switch target.run(bytes) {
            case .accepted: state.accepted += 1
            case .refused: state.refused += 1
            }
            state.running = false
        }
        state.done = true
        return 0
    }
}
