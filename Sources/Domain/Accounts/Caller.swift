/// Who is asking: every store call takes one, so scope and attribution are never optional.
public struct Caller: Sendable, Equatable {
    public var userID: Int64?
    public var username: String
    public var role: Role
    public var jurisdiction: Jurisdiction
    public var clientAddress: String
    /// The name records show ("recorded by"); the username when there is none.
    public var displayName: String

    public init(userID: Int64?, username: String, role: Role, jurisdiction: Jurisdiction, clientAddress: String, displayName: String? = nil) {
        self.userID = userID; self.username = username; self.role = role
        self.jurisdiction = jurisdiction; self.clientAddress = clientAddress; self.displayName = displayName ?? username
    }

    /// The operator at the server's command line: whole tree, attributed to the OS user.
    public static func commandLine(user: String, rootPath: String = "/") -> Caller {
        Caller(userID: nil, username: "cli:\(user)", role: .admin, jurisdiction: .subtree(path: rootPath), clientAddress: "local")
    }

    public var mayReveal: Bool { role.mayRevealPersonalData }
}

/// A register object the caller cannot see. Callers answer it as 404, never 403, so
/// existence outside one's jurisdiction is not disclosed.
public struct NotFound: Error, Sendable, Equatable {
    public init() {}
}

/// The caller's role does not allow the action at all (e.g. a resident writing the register).
public struct Forbidden: Error, Sendable, Equatable {
    public init() {}
}
