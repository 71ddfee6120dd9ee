import Domain
import Foundation
import SQLKit

extension Store {
    /// A self-registered resident signs in with a phone number, which is never stored as such:
    /// the account name is the phone's blind index.
    public func phoneUsername(_ phone: String) -> String {
        "tel-" + String(cipher.blindIndex(PhoneNumber.normalize(phone)).prefix(28))
    }

    /// Communities and villages a new resident may say they live in (names are public).
    public func signupUnits() async throws -> [(id: Int64, name: String)] {
        try await sql.select().columns(SQLRaw("c.id, s.name || ' · ' || c.name AS label"))
            .from(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("c")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("s")), on: SQLRaw("s.id = c.parent_id"))
            .where(SQLColumn("kind", table: "c"), .in, SQLBind.group([UnitKind.community.rawValue, UnitKind.village.rawValue]))
            .orderBy(SQLColumn("path", table: "c")).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "label", as: String.self)) }
    }

    /// 群众自助注册: name, mobile number, community and a password (already hashed). The account
    /// sees only the requests it files.
    public func signUpResident(phone: String, displayName: String, unitID: Int64, passwordHash: String?, clientAddress: String) async throws -> Account {
        var errors: [FieldError] = []
        let name = displayName.trimmed
        if name.isEmpty { errors.append(FieldError(field: "displayName", problem: .required)) } else if name.count > 40 { errors.append(FieldError(field: "displayName", problem: .tooLong)) }
        let p = PhoneNumber.normalize(phone)
        if p.isEmpty { errors.append(FieldError(field: "phone", problem: .required)) }
        else if !(PhoneNumber.isValid(p) && p.hasPrefix("1")) { errors.append(FieldError(field: "phone", problem: .invalidPhone)) }
        let unit = try await sql.select().column("*").from("units").where("id", .equal, unitID).first(decoding: UnitRow.self, with: Store.rowDecoder)?.domain()
        if unit.map({ $0.kind == .community || $0.kind == .village }) != true { errors.append(FieldError(field: "unit", problem: .unknownUnit)) }
        if passwordHash == nil { errors.append(FieldError(field: "password", problem: .weakPassword)) }
        guard errors.isEmpty, let unit, let passwordHash else { throw ValidationFailure(errors) }
        let username = phoneUsername(p)
        let caller = Caller(userID: nil, username: "signup:" + PhoneNumber.mask(p), role: .resident, jurisdiction: .nothing, clientAddress: clientAddress)
        let id: Int64 = try await write { tx in
            if try await tx.select().column("id").from("users").where("username", .equal, username).first() != nil {
                throw ValidationFailure(field: "phone", .duplicateUsername)
            }
            let row = UserRow(id: nil, username: username, displayName: name, passwordHash: passwordHash, role: Role.resident.rawValue,
                              unitId: unit.id, householdId: nil, disabled: false, createdAt: now())
            let id = try await insertReturningID(tx, "users", row)
            try await audit(tx, caller, "user.signup", "user", String(id), "resident unit=\(unit.code)", at: unit.path)
            return id
        }
        return Account(id: id, username: username, displayName: name, role: .resident, unitID: unit.id, unitName: unit.name, unitPath: unit.path,
                       householdID: nil, disabled: false)
    }
}
