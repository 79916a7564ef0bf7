/// The shortest decimal text that reads back to the identical Double, bit for bit.
///
/// Swift's `description` already prints the shortest round-trip digits and never looks at the
/// locale; on top of it, integral values below 10¹⁵ drop the `.0` (`2`, `300`) and negative
/// zero keeps its sign (`-0`), which `formatNumber` of the Optimizers module drops. The text is
/// valid in JSON and in CSV, and `Double(text)` (Python's `float(text)`) gives the value back.
///
///     exactDecimal(0.1)      // "0.1"
///     exactDecimal(1e-8)     // "1e-08"
///     exactDecimal(-0.0)     // "-0"
///     exactDecimal(5e-324)   // "5e-324"
///
/// - Precondition: `value` is finite (paths and hyperparameters only hold finite values).
public func exactDecimal(_ value: Double) -> String {
    precondition(value.isFinite, "exactDecimal needs a finite value, got \(value)")
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return value.description
}

/// Reads a decimal number written by ``exactDecimal(_:)`` (or any plain decimal: `1.5`, `-2e-3`),
/// refusing what is not a finite decimal number (`nan`, `inf`, hexadecimal, spaces).
func parseExactDecimal(_ text: Substring) -> Double? {
    // Only digits, signs, '.', 'e' and 'E', starting with a digit, a sign or '.': Double(_:)
    // alone would also take "nan", "inf" and hexadecimal.
    guard let first = text.utf8.first,
          first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
          text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "+")
                                 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e")
                                 || $0 == UInt8(ascii: "E") }),
          let value = Double(text), value.isFinite
    else { return nil }
    return value
}
