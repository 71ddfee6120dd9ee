/// The code of a configurable list entry (a request category, a dispute type): what stays fixed
/// in the records and the exports while the administrator renames the entry.
public enum SettingCode {
    /// The longest name such an entry may have.
    public static let maxName = 40

    public static func isValid(_ code: String) -> Bool {
        (1...32).contains(code.count) && code.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
