import Crypto
import Domain
import Foundation
import SQLKit

/// An account as the app needs it after sign-in.
public struct Account: Sendable, Equatable, Codable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var role: Role
    public var unitID: Int64
    public var unitName: String
    public var unitPath: String
    public var householdID: Int64?
    public var disabled: Bool

    /// Whether the account's own unit contains `unitPath`: where it may be sent to work.
    public func worksAt(_ unitPath: String) -> Bool {
        !disabled && Jurisdiction.subtree(path: self.unitPath).contains(unitPath: unitPath)
    }

    public func caller(clientAddress: String) -> Caller {
        Caller(userID: id, username: username, role: role,
               jurisdiction: .of(role: role, unitPath: unitPath, householdID: householdID), clientAddress: clientAddress, displayName: displayName)
    }
}

public struct NewAccount: Sendable {
    public var username: String
    public var displayName: String
    public var role: Role
    public var unitCode: String
    public var householdID: Int64?
    public init(username: String, displayName: String, role: Role, unitCode: String, householdID: Int64? = nil) {
        self.username = username; self.displayName = displayName; self.role = role; self.unitCode = unitCode; self.householdID = householdID
    }
}

extension Store {
    static let accountSelect = "u.id, u.username, u.display_name, u.role, u.unit_id, u.household_id, u.disabled, un.name AS unit_name, un.path AS unit_path"

    struct AccountRow: Decodable {
        var id: Int64; var username: String; var displayName: String; var role: String; var unitId: Int64
        var householdId: Int64?; var disabled: Bool; var unitName: String; var unitPath: String
        var account: Account {
            Account(id: id, username: username, displayName: displayName, role: Role(rawValue: role) ?? .resident, unitID: unitId,
                    unitName: unitName, unitPath: unitPath, householdID: householdId, disabled: disabled)
        }
    }

    func accountQuery() -> SQLSelectBuilder {
        sql.select().columns(SQLRaw(Store.accountSelect))
            .from(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("un")), on: SQLRaw("un.id = u.unit_id"))
    }

    /// For sign-in: the account and its stored password hash.
    public func credentials(username: String) async throws -> (account: Account, passwordHash: String)? {
        guard let row = try await accountQuery().column(SQLColumn("password_hash", table: "u"))
            .where(SQLColumn("username", table: "u"), .equal, SQLBind(username)).first() else { return nil }
        return (try row.decode(model: AccountRow.self, with: Store.rowDecoder).account, try row.decode(column: "password_hash", as: String.self))
    }

    /// Accounts whose unit lies in the caller's jurisdiction.
    public func accounts(_ caller: Caller) async throws -> [Account] {
        guard caller.role.mayDirectWork else { throw Forbidden() }
        return try await accountQuery().where(caller.jurisdiction.predicate(pathColumn: "un.path", householdColumn: "u.household_id"))
            .orderBy(SQLColumn("path", table: "un")).orderBy(SQLColumn("username", table: "u"))
            .all(decoding: AccountRow.self, with: Store.rowDecoder).map(\.account)
    }

    public static func isValidUsername(_ u: String) -> Bool {
        (3...32).contains(u.count) && u.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// Creates an account. `passwordHash` is already a Bcrypt hash; plaintext never reaches the store.
    public func createAccount(_ new: NewAccount, passwordHash: String, _ caller: Caller) async throws -> Account {
        guard caller.role.mayManageUsers || (caller.role.mayWriteRegister && new.role.usesPortal) else { throw Forbidden() }
        var errors: [FieldError] = []
        if !Self.isValidUsername(new.username) { errors.append(FieldError(field: "username", problem: .invalidCode)) }
        let display = new.displayName.trimmed
        if display.isEmpty { errors.append(FieldError(field: "displayName", problem: .required)) }
        let unit = try? await unit(code: new.unitCode, caller)
        if unit == nil { errors.append(FieldError(field: "unit", problem: .unknownUnit)) }
        else if !new.role.allowedUnitKinds.contains(unit!.kind) { errors.append(FieldError(field: "unit", problem: .wrongParentKind)) }
        var household: Household?
        if new.role.usesPortal {
            if let hid = new.householdID, let h = try? await self.household(id: hid, caller), h.gridID == unit?.id { household = h }
            else { errors.append(FieldError(field: "householdID", problem: .unknownHousehold)) }
        }
        guard errors.isEmpty, let unit else { throw ValidationFailure(errors) }
        let householdID = household?.id
        let id: Int64 = try await write { tx in
            if try await tx.select().column("id").from("users").where("username", .equal, new.username).first() != nil {
                throw ValidationFailure(field: "username", .duplicateUsername)
            }
            let row = UserRow(id: nil, username: new.username, displayName: display, passwordHash: passwordHash, role: new.role.rawValue,
                              unitId: unit.id, householdId: householdID, disabled: false, createdAt: now())
            let id = try await insertReturningID(tx, "users", row)
            try await audit(tx, caller, "user.create", "user", String(id), "\(new.username) role=\(new.role.rawValue) unit=\(unit.code)", at: unit.path)
            return id
        }
        return Account(id: id, username: new.username, displayName: display, role: new.role, unitID: unit.id, unitName: unit.name,
                       unitPath: unit.path, householdID: household?.id, disabled: false)
    }

    /// One account whose unit lies in the caller's jurisdiction.
    public func account(id: Int64, _ caller: Caller) async throws -> Account? {
        try await accountQuery().where(SQLColumn("id", table: "u"), .equal, SQLBind(id))
            .where(caller.jurisdiction.predicate(pathColumn: "un.path", householdColumn: "u.household_id"))
            .first(decoding: AccountRow.self, with: Store.rowDecoder)?.account
    }

    /// Disabling also ends every session and token of the account at once.
    public func setDisabled(userID: Int64, _ disabled: Bool, _ caller: Caller) async throws {
        guard caller.role.mayManageUsers else { throw Forbidden() }
        guard let account = try await account(id: userID, caller) else { throw NotFound() }
        try await write { tx in
            try await tx.update("users").set("disabled", to: disabled).where("id", .equal, userID).run()
            if disabled { try await tx.delete(from: "auth_sessions").where("user_id", .equal, userID).run() }
            try await audit(tx, caller, disabled ? "user.disable" : "user.enable", "user", String(userID), "", at: account.unitPath)
        }
        sessionCache.removeAll()
    }

    public func setPassword(userID: Int64, passwordHash: String, _ caller: Caller) async throws {
        try await write { tx in
            try await tx.update("users").set("password_hash", to: passwordHash).where("id", .equal, userID).run()
            try await tx.delete(from: "auth_sessions").where("user_id", .equal, userID).run()
            try await audit(tx, caller, "user.password", "user", String(userID), "password reset, sessions ended")
        }
        sessionCache.removeAll()
    }
}

extension Store {
    /// Display name of an account, for "责任民警: 张伟" lines.
    public func accountName(id: Int64) async throws -> String? {
        try await sql.select().column("display_name").from("users").where("id", .equal, id).first()?.decode(column: "display_name", as: String.self)
    }
}
