/// Interface languages. Simplified Chinese is the default; add a case and a column in
/// `Catalog` to add one (e.g. traditional Chinese).
public enum Language: String, Sendable, CaseIterable {
    case zhHans = "zh-Hans"
    case en

    public var htmlLang: String { self == .zhHans ? "zh-CN" : "en" }
    public var label: String { self == .zhHans ? "简体中文" : "English" }

    /// From the `lang` cookie, else the browser's Accept-Language, else Chinese.
    public static func pick(cookie: String?, acceptLanguage: String?) -> Language {
        if let c = cookie, let l = Language(rawValue: c) { return l }
        if let a = acceptLanguage?.lowercased(), a.hasPrefix("en") { return .en }
        return .zhHans
    }
}
