import Vapor

extension Response {
    /// A stored image (a request photo, a scanned agreement) as the type sniffed on upload; only
    /// the signed-in browser may cache it.
    static func image(_ contentType: String, _ bytes: [UInt8]) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }
}
