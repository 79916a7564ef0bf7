import ArgumentParser

public struct Trajviz: ParsableCommand {
    public init() {}
}
