/// Why a figure could not be turned into bytes, or an image read or written.
public enum RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Cairo reported `status` (its own description) during `operation`.
    case cairo(operation: String, status: String)
    /// An image of this size cannot be made.
    case invalidSize(width: Int, height: Int)
    /// The bytes are not a PNG that Cairo can read.
    case invalidPNG(String)
    /// The PNG encoder failed (its message).
    case png(String)

    public var description: String {
        switch self {
        case .cairo(let operation, let status): return "cairo failed to \(operation): \(status)"
        case .invalidSize(let w, let h): return "invalid image size \(w)×\(h); width and height must be 1...32767 pixels"
        case .invalidPNG(let why): return "not a readable PNG: \(why)"
        case .png(let why): return why
        }
    }
}
