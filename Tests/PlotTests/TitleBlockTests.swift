import Testing
@testable import Plot

@Suite struct TitleBlockTests {
    @Test func surfaceFileFormulasReadLikeTheBuiltIns() {
        #expect(prettyFormula("0.02*x^2 + 5*(y - sin(x/2))^2") == "0.02 x² + 5 (y − sin(x/2))²")
        #expect(prettyFormula("sqrt(x*y)\n - 1e-3") == "√(x·y) − 1e-3")
        #expect(prettyFormula("x^-2 + y^(3)") == "x⁻² + y^(3)")
        #expect(prettyFormula("(1 − x)² + 100 (y − x²)²") == "(1 − x)² + 100 (y − x²)²", "Unicode is left alone")
    }

    @Test func longFormulasWrapAtSpacesWithinTheWidth() {
        let text = prettyFormula("-200*exp(-(x - 1)^2 - 10*y^2)\n- 100*exp(-x^2 - 10*(y - 0.5)^2)\n- 170*exp(-6.5*(x + 0.5)^2 + 11*(x + 0.5)*(y - 1.5) - 6.5*(y - 1.5)^2)\n+ 15*exp(0.7*(x + 1)^2 + 0.6*(x + 1)*(y - 1) + 0.7*(y - 1)^2)")
        let lines = wrapText(text, width: 600, size: 16)
        #expect(lines.count >= 2 && lines.count <= 4)
        #expect(lines.allSatisfy { TextMetrics.width($0, size: 16) <= 600 })
        #expect(lines.joined(separator: " ") == text)
        #expect(!text.contains("\n"))
    }

    @Test func titleBlockShrinksAndCutsWhatDoesNotFit() {
        let m = Metrics(width: 1200, height: 900)
        let block = TitleBlock(title: String(repeating: "Long title ", count: 20), subtitle: String(repeating: "word ", count: 400),
                               width: 600, m: m, theme: .light)
        #expect(block.titleSize < m.title)
        #expect(block.lines.count == 4 && block.lines.last!.hasSuffix("…"))
        #expect(TitleBlock(title: "", subtitle: "", width: 600, m: m, theme: .light).height == 0)
    }
}
