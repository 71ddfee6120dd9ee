import Domain
import Foundation

// Table rows as SQLKit reads and writes them (snake_case columns via key strategies).

struct UnitRow: Codable, Sendable {
    var id: Int64?
    var code: String
    var name: String
    var kind: String
    var parentId: Int64?
    var path: String
    var responsibleOfficerId: Int64?

    func domain() -> Domain.Unit {
        Domain.Unit(id: id ?? 0, code: code, name: name, kind: UnitKind(rawValue: kind) ?? .grid,
                    parentID: parentId, path: path, responsibleOfficerID: responsibleOfficerId)
    }
}

struct HouseholdRow: Codable, Sendable {
    var id: Int64?
    var gridId: Int64
    var address: String
    var unitPath: String
    var createdAt: Date
    var updatedAt: Date

    func domain() -> Household { Household(id: id ?? 0, gridID: gridId, address: address, unitPath: unitPath) }
}

struct ResidentRow: Codable, Sendable {
    var id: Int64?
    var householdId: Int64
    var name: String
    var gender: String
    var birthDate: String
    var idNumberCipher: String
    var idNumberHash: String
    var phoneCipher: String?
    var phoneHash: String?
    var tags: String
    var unitPath: String
    var createdAt: Date
    var updatedAt: Date
}

struct PlaceRow: Codable, Sendable {
    var id: Int64?
    var gridId: Int64
    var name: String
    var kind: String
    var address: String
    var unitPath: String
    var createdAt: Date
    var updatedAt: Date

    func domain() -> Place {
        Place(id: id ?? 0, gridID: gridId, name: name, kind: PlaceKind(rawValue: kind) ?? .venue, address: address, unitPath: unitPath)
    }
}

struct UserRow: Codable, Sendable {
    var id: Int64?
    var username: String
    var displayName: String
    var passwordHash: String
    var role: String
    var unitId: Int64
    var householdId: Int64?
    var disabled: Bool
    var createdAt: Date
}

struct AuthSessionRow: Codable, Sendable {
    var id: String
    var userId: Int64
    var kind: String
    var createdAt: Date
    var lastSeenAt: Date
    var clientAddress: String
}

struct AuditRow: Codable, Sendable {
    var id: Int64
    var at: Date
    var actor: String
    var action: String
    var objectType: String
    var objectId: String
    var summary: String
    var clientAddress: String
    var prevHash: String
    var hash: String

    init(_ e: AuditEntry) {
        id = e.seq; at = e.at; actor = e.actor; action = e.action; objectType = e.objectType
        objectId = e.objectID; summary = e.summary; clientAddress = e.clientAddress; prevHash = e.prevHash; hash = e.hash
    }
    var entry: AuditEntry {
        AuditEntry(seq: id, at: at, actor: actor, action: action, objectType: objectType, objectID: objectId,
                   summary: summary, clientAddress: clientAddress, prevHash: prevHash, hash: hash)
    }
}
