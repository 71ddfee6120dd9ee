/// What text Jingmin takes in, whatever the door — a form, a JSON body, a query string, an
/// Open311 client, a CSV or GeoJSON file: no C0 control character except tab, line feed and
/// carriage return (a browser sends a textarea's line breaks as CR LF). PostgreSQL cannot store
/// NUL at all, and the others are invisible mischief, so both databases refuse the same input.
public enum InputText {
    public static func isAcceptable(_ text: some StringProtocol) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }
    }
}
