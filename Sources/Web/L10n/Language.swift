/// Interface languages. Simplified Chinese is the default; add a case and a column in
/// `Catalog` to add one (e.g. traditional Chinese).
public enum Language: String, Sendable, CaseIterable {
    case zhHans = "zh-Hans"
    case en

    public var htmlLang: String { self == .zhHans ? "zh-CN" : "en" }
    public var label: String { self == .zhHans ? "简体中文" : "English" }

    /// From the `lang` cookie the language switch sets; otherwise Chinese, whatever the
    /// browser's own setting, so a station officer never meets English by accident.
    public static func pick(cookie: String?) -> Language {
        cookie.flatMap(Language.init(rawValue:)) ?? .zhHans
    }
}
