import Domain
import Foundation
import SQLKit

/// A message in someone's inbox, as facts (`NoticeKind`); the web layer words it.
public struct Notice: Sendable, Equatable, Codable {
    public var id: Int64
    public var kind: String
    public var objectId: Int64?
    /// The object's own text: a request's description (cut to 30 characters) or a task's title.
    public var subject: String?
    public var requestKind: String?
    public var status: String?
    public var dueAt: Date?
    /// Notices stored before they kept facts carry their words here (zh-Hans) instead.
    public var title: String
    public var link: String
    public var createdAt: Date
    public var readAt: Date?
}

/// The facts of one notice, as `notify` stores them.
struct NoticeFacts: Sendable {
    var kind: NoticeKind
    var objectID: Int64
    var subject: String
    var requestKind: RequestKind? = nil
    var status: RequestStatus? = nil
    var dueAt: Date? = nil
}

extension Store {
    /// Puts a notice in each user's inbox once: the same `dedupeKey` for the same user is
    /// ignored, so a job that runs twice (or on two instances) never notifies twice.
    func notify(_ tx: any SQLDatabase, userIDs: [Int64], _ f: NoticeFacts, dedupeKey: String) async throws {
        guard !userIDs.isEmpty else { return }
        let t = now()
        let insert = tx.insert(into: "notifications")
            .columns("user_id", "kind", "object_id", "subject", "request_kind", "status", "due_at", "title", "link", "dedupe_key", "created_at")
        for id in Set(userIDs).sorted() {
            _ = insert.values(SQLBind(id), SQLBind(f.kind.rawValue), SQLBind(f.objectID), SQLBind(Self.excerpt(f.subject)), SQLBind(f.requestKind?.rawValue),
                              SQLBind(f.status?.rawValue), SQLBind(f.dueAt), SQLBind(""), SQLBind(""), SQLBind(dedupeKey), SQLBind(t))
        }
        try await insert.ignoringConflicts().run()
        try await inboxBus.announce(tx, userIDs.map(String.init), postgres: isPostgres)
    }

    /// The unread count and the newest unread notice, for the live badge.
    public func inboxHead(_ caller: Caller) async throws -> (unread: Int, latest: Notice?) {
        (try await unreadCount(caller), try await inbox(caller, limit: 1, unreadOnly: true).first)
    }

    public func inbox(_ caller: Caller, limit: Int = 100, unreadOnly: Bool = false) async throws -> [Notice] {
        guard let user = caller.userID else { return [] }
        var q = sql.select().columns("id", "kind", "object_id", "subject", "request_kind", "status", "due_at", "title", "link", "created_at", "read_at")
            .from("notifications").where("user_id", .equal, user)
        if unreadOnly { q = q.where(SQLRaw("read_at IS NULL")) }
        return try await q.orderBy("id", .descending).limit(limit).all(decoding: Notice.self, with: Store.rowDecoder)
    }

    public func unreadCount(_ caller: Caller) async throws -> Int {
        guard let user = caller.userID else { return 0 }
        return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notifications")
            .where("user_id", .equal, user).where(SQLRaw("read_at IS NULL")).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks the caller's own unread notices read (reading one's inbox is not a register write,
    /// so it is not audited).
    public func markInboxRead(_ caller: Caller) async throws {
        guard let user = caller.userID else { return }
        try await write { tx in
            try await tx.update("notifications").set("read_at", to: now()).where("user_id", .equal, user).where(SQLRaw("read_at IS NULL")).run()
        }
    }

    /// Leaders over a unit path: the station leaders of its station, or the bureau leaders above it.
    func leaders(_ tx: any SQLDatabase, of role: Role, over unitPath: String) async throws -> [Int64] {
        let codes = unitPath.split(separator: "/")
        let depth = role == .bureauLeader ? 1 : 2
        guard codes.count >= depth else { return [] }
        let path = "/" + codes.prefix(depth).joined(separator: "/") + "/"
        return try await tx.select().column(SQLColumn("id", table: "u")).from(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("n")), on: SQLRaw("n.id = u.unit_id"))
            .where(SQLColumn("role", table: "u"), .equal, SQLBind(role.rawValue)).where(SQLColumn("path", table: "n"), .equal, SQLBind(path))
            .where(SQLColumn("disabled", table: "u"), .equal, SQLBind(false))
            .all().map { try $0.decode(column: "id", as: Int64.self) }
    }
}
