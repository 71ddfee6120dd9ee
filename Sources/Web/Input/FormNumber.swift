/// A whole number typed into a form. Blank means not given; anything else that is not a whole
/// number becomes -1, which the rules then refuse by field (a Chinese error, not a decoding failure).
enum FormNumber {
    static func optional(_ s: String?) -> Int? {
        let t = (s ?? "").trimmed
        return t.isEmpty ? nil : Int(t) ?? -1
    }

    /// A count: blank is 0.
    static func count(_ s: String?) -> Int { optional(s) ?? 0 }
}
