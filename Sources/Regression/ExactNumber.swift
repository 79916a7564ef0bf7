import Numbers

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

/// Reads a decimal number written by ``exactDecimal(_:)`` (or any plain decimal: `1.5`, `-2e-3`)
/// with trajviz's one number reader, refusing what is not a finite decimal number (`nan`, `inf`,
/// hexadecimal, spaces, values that overflow or underflow to 0).
func parseExactDecimal(_ text: Substring) -> Double? {
    try? DecimalNumber.double(text)
}
