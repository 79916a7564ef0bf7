/// A model or training setting that cannot be used, with a one-line message naming the value.
public enum ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownActivation(String)
    case invalidHidden(String)
    case invalidBatch(Int)
    case invalidEpochs(Int)
    case invalidIterations(Int)
    case invalidEvalEvery(Int)
    case invalidRecordEvery(Int)
    case invalidInitialization(String)
    case emptyData(String)
    case featureMismatch(model: Int, data: Int)
    case targetWidth(model: Int, data: Int)
    case labelOutOfRange(label: Int, classes: Int)
    /// libopenblas.so.0 could not be loaded (the loader's message).
    case blasUnavailable(String)
    /// A schedule torch would refuse on this run (the message names it).
    case schedule(String)

    public var description: String {
        switch self {
        case .unknownActivation(let a):
            return "unknown activation '\(a)'; accepted: " + Activation.allCases.map(\.rawValue).joined(separator: ", ")
        case .invalidHidden(let h):
            return "invalid hidden layer sizes '\(h)'; write positive integers separated by commas, e.g. 128 or 40,20"
        case .invalidBatch(let b):
            return "invalid batch size \(b); it must be a positive integer, e.g. 100"
        case .invalidEpochs(let e):
            return "invalid number of epochs \(e); it must be a positive integer"
        case .invalidIterations(let n):
            return "invalid number of iterations \(n); it must be a positive integer"
        case .invalidEvalEvery(let k):
            return "invalid evaluation interval \(k); it must be a positive number of iterations"
        case .invalidRecordEvery(let k):
            return "invalid recording interval \(k); it must be a positive number of iterations"
        case .invalidInitialization(let text):
            return "invalid initialisation '\(text)'; accepted: torch, normal:std=S with S >= 0"
        case .emptyData(let which):
            return "the \(which) data holds no records"
        case .featureMismatch(let model, let data):
            return "the model takes \(model) inputs but the data has \(data) features per record"
        case .targetWidth(let model, let data):
            return "the model has \(model) outputs but the data has \(data) target values per record"
        case .labelOutOfRange(let label, let classes):
            return "label \(label) is outside 0..<\(classes)"
        case .blasUnavailable(let why):
            return "cannot load OpenBLAS (\(why)); install the libopenblas0 package"
        case .schedule(let message):
            return message
        }
    }
}
