/// The version of trajviz that writes a manifest; recorded in every `--json` file and shown by
/// `trajviz --version`.
public let trajvizVersion = "0.1.0"
