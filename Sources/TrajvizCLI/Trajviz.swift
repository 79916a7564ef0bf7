import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


/// The process entry point: runs the command and maps every error to one message and an exit
/// status (0 success, 1 failure, 2 usage error); never a stack trace.
public enum TrajvizMain {
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            var command = try Trajviz.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as CLIError {
            Terminal.err("trajviz: error: \(error.message)\n")
            exit(error.exitStatus)
        } catch {
            let code = Trajviz.exitCode(for: error)
            let message = Trajviz.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Terminal.out(message + "\n") }
                exit(0)
            }
            Terminal.err(message + "\n")
            // ArgumentParser reports a malformed command line as EX_USAGE (64); trajviz's
            // contract is 2 for every usage error.
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
