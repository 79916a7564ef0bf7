import ArgumentParser
import Regression
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


/// The root command: the surface command by default, and `list`, `mnist`, `landscape`, `compare`, `replay`.
///
/// The surface command is a default subcommand rather than the root itself, so that its options
/// (`--csv`, `--json`, ...) never capture a subcommand's options of the same name.
public struct Trajviz: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "trajviz",
        abstract: "Show how gradient optimizers travel across 2D loss surfaces.",
        version: trajvizVersion,
        subcommands: [SurfaceCommand.self, ListCommand.self, MNISTCommand.self, LinearCommand.self, LandscapeCommand.self,
                      SweepCommand.self, TuneCommand.self, DiffCommand.self, CompareCommand.self, ReplayCommand.self],
        defaultSubcommand: SurfaceCommand.self)

    public init() {}
}

/// The process entry point: runs the command and maps every error to one message and an exit
/// status (0 success, 1 failure, 2 usage error); never a stack trace.
public enum TrajvizMain {
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        Terminal.reserveStandardDescriptors()
        // A closed stdout is refused before anything runs: every command reports there.
        if Terminal.outFailure != nil {
            Terminal.err("trajviz: error: cannot write standard output: it is closed\n")
            exit(1)
        }
        SignalCleanup.install()
        exit(execute(arguments))
    }

    /// Runs one command line and returns its exit status (what ``run(_:)`` exits with).
    public static func execute(_ arguments: [String]) -> Int32 {
        // `trajviz --help` teaches the command people run: the surface command's options first.
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            Terminal.out(Trajviz.helpMessage(for: SurfaceCommand.self) + "\n")
            return finish(0)
        }
        // The parser reflects over every command's options before it sees --version: two thirds
        // of the instructions `trajviz --version` ran (issue 17, scripts/bench-startup.sh).
        if arguments == ["--version"] {
            Terminal.out(trajvizVersion + "\n")
            return finish(0)
        }
        // `list` and `list SECTION` too: the listing is a few hundred lines of text, the parser's
        // reflection as much again (issue 17's 15 ms start). Anything else goes to the parser.
        if arguments.first == "list", arguments.count <= 2,
           let section = arguments.count == 1 ? .all : ListCommand.Section(rawValue: arguments[1]) {
            Terminal.out(ListCommand.listing(section))
            return finish(0)
        }
        do {
            var command = try Trajviz.parseAsRoot(arguments)
            try command.run()
            return finish(0)
        } catch let error as CLIError {
            if !error.message.isEmpty { Terminal.err("trajviz: error: \(error.message)\n") }
            return error.exitStatus
        } catch {
            let code = Trajviz.exitCode(for: error)
            if code == .success {
                let message = Trajviz.fullMessage(for: error)
                if !message.isEmpty { Terminal.out(message + "\n") }
                return finish(0)
            }
            Terminal.err(ParserMessages.oneLine(for: error, arguments: arguments))
            // ArgumentParser reports a malformed command line as EX_USAGE (64); trajviz's
            // contract is 2 for every usage error.
            return code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue
        }
    }

    /// A command that succeeded still fails if its report could not be written to stdout.
    private static func finish(_ status: Int32) -> Int32 {
        do { try Terminal.checkOut() } catch {
            Terminal.err("trajviz: error: \(error.message)\n")
            return 1
        }
        return status
    }
}
