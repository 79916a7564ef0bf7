/// Why an animated WebP could not be written or read.
public enum WebPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libwebp reported `message` during `operation`.
    case libwebp(operation: String, message: String)

    public var description: String {
        switch self {
        case .libwebp(let operation, let message): return "libwebp failed to \(operation): \(message)"
        }
    }
}
