/// An error the command line reports as one line on stderr, with its exit status:
/// 2 for a usage error (the command line itself is wrong), 1 for a failure (the input files or the
/// file system let the run down).
public struct CLIError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case usage, failure }
    public var kind: Kind
    public var message: String

    public static func usage(_ message: String) -> CLIError { CLIError(kind: .usage, message: message) }
    public static func failure(_ message: String) -> CLIError { CLIError(kind: .failure, message: message) }

    public var exitStatus: Int32 { kind == .usage ? 2 : 1 }
    public var description: String { message }
}
