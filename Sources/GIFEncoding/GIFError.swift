/// Why a GIF could not be written or read.
public enum GIFError: Error, Hashable, Sendable, CustomStringConvertible {
    /// giflib reported an error (its own description) during `operation`.
    case giflib(operation: String, message: String)
    /// The frames given do not fit the image (a programming error in the caller, or bad input).
    case invalid(String)

    public var description: String {
        switch self {
        case .giflib(let operation, let message): return "giflib failed to \(operation): \(message)"
        case .invalid(let why): return why
        }
    }
}
