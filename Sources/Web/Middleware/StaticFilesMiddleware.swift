import Vapor

/// Serves `/static/…` from the bundled Public directory. Other paths skip the file lookup: Vapor's
/// FileMiddleware asks the file system about every request it sees, API calls included.
struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil, directoryAction: .none)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/static/") else { return try await next.respond(to: request) }
        let response = try await files.respond(to: request, chainingTo: next)
        // The field pages' service worker lives with the other scripts but looks after pages
        // anywhere on the site (/field).
        if request.url.path == "/static/sw.js" { response.headers.replaceOrAdd(name: "Service-Worker-Allowed", value: "/") }
        return response
    }
}
