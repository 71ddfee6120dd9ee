/// Interface languages. Simplified Chinese is the default; add a case and a column in
/// `Catalog` to add one.
public enum Language: String, Sendable, CaseIterable {
    case zhHans = "zh-Hans"
    /// 繁體: three of the five source reports are published in traditional characters.
    case zhHant = "zh-Hant"
    case en

    public var htmlLang: String {
        switch self {
        case .zhHans: "zh-CN"
        case .zhHant: "zh-Hant"
        case .en: "en"
        }
    }
    /// As the header's switch names it, in its own script.
    public var label: String {
        switch self {
        case .zhHans: "简体"
        case .zhHant: "繁體"
        case .en: "English"
        }
    }

    /// From the `lang` cookie the language switch sets. Without one (a first visit): traditional
    /// when the browser's first choice is zh-TW, zh-HK, zh-MO or zh-Hant; otherwise simplified,
    /// whatever else the browser asks, so a station officer never meets English by accident.
    public static func pick(cookie: String?, acceptLanguage: String? = nil) -> Language {
        if let chosen = cookie.flatMap(Language.init(rawValue:)) { return chosen }
        let first = acceptLanguage.flatMap(preferred)?.lowercased() ?? ""
        return ["zh-tw", "zh-hk", "zh-mo"].contains(first) || first.hasPrefix("zh-hant") ? .zhHant : .zhHans
    }

    /// The tag with the highest q of an Accept-Language header (the first among equals).
    static func preferred(_ header: String) -> String? {
        let choices = header.split(separator: ",").enumerated().compactMap { i, part -> (tag: String, q: Double, i: Int)? in
            let fields = part.split(separator: ";").map { $0.trimmed }
            guard let tag = fields.first, !tag.isEmpty else { return nil }
            let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, q, i)
        }
        return choices.filter { $0.q > 0 }.min { $0.q != $1.q ? $0.q > $1.q : $0.i < $1.i }?.tag
    }
}
